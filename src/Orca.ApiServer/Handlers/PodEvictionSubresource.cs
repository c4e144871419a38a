using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Selectors;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources.Policy;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// pods/eviction (POST policy/v1 Eviction): a delete that a PodDisruptionBudget may refuse, as Kubernetes'
/// eviction REST does. Pods that are finished, pending or already being deleted go at once. Otherwise the one
/// budget selecting the pod (more than one is a 500, as in Kubernetes) must allow a disruption: the check and
/// the decrement of disruptionsAllowed (recording the pod in disruptedPods) are one compare-and-swap on the
/// budget, so concurrent evictions never overspend it. A budget the controller has not yet seen at its current
/// generation, or with no disruptions left, answers 429 TooManyRequests with a DisruptionBudget cause (kubectl
/// drain retries). Unready pods may be evicted without spending the budget when its unhealthyPodEvictionPolicy
/// allows (AlwaysAllow, or IfHealthyBudget while the budget is met).
/// </summary>
internal sealed class PodEvictionSubresource(TimeProvider time, Func<ResourceStore> budgets) : ISubresourceHandler
{
    public const string ViolationMessage = "Cannot evict pod as it would violate the pod's disruption budget.";
    private const int MaxDisruptedPods = 2000;

    public async Task HandleAsync(SubresourceRequest r)
    {
        var ct = r.Context.RequestAborted;
        var eviction = await r.ReadPostedAsync<Eviction>("Eviction");
        if (!string.IsNullOrEmpty(eviction.Metadata.Name) && eviction.Metadata.Name != r.Info.Name)
            throw ApiErrors.BadRequest($"name in URL does not match name in Eviction object");
        var write = ResourceHandler.WriteOptionsOf(r.Context);
        var cached = await r.Store.TryGetAsync(r.Namespace, r.Info.Name, ct) ?? throw ApiErrors.NotFound("", "pods", r.Info.Name);
        var pod = (Pod)cached.Object;
        if (!IgnoresBudgets(pod))
        {
            var matching = Matching(pod);
            if (matching.Count > 1)
                throw ApiErrors.Internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            if (matching.Count == 1) await SpendAsync(matching[0], pod, write, ct);
        }
        var options = eviction.DeleteOptions ?? new DeleteOptions();
        options.Preconditions ??= new Preconditions { Uid = pod.Metadata.Uid };
        await r.Store.DeleteAsync(r.Namespace, r.Info.Name, options, write, ct);
        await Responses.WriteAsync(r.Context, 201, new Status { Outcome = "Success", Code = 201 });
    }

    /// <summary>Finished, pending or terminating pods do not count against any budget.</summary>
    private static bool IgnoresBudgets(Pod pod) =>
        pod.Status.Phase is "Succeeded" or "Failed" or "Pending" || pod.Metadata.DeletionTimestamp is not null;

    private List<PodDisruptionBudget> Matching(Pod pod)
    {
        var store = budgets();
        var prefix = store.Definition.Prefix(pod.Metadata.Namespace ?? "");
        var (items, _) = store.Cache.Snapshot();
        var result = new List<PodDisruptionBudget>();
        foreach (var (key, obj) in items)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var pdb = (PodDisruptionBudget)obj.Object;
            if (LabelSelectorConverter.TryConvert(pdb.Spec.Selector, out var selector, out _) && selector.Matches(pod.Metadata.Labels))
                result.Add(pdb);
        }
        return result;
    }

    /// <summary>Checks the budget and spends one disruption on <paramref name="pod"/>, atomically; throws the refusal.</summary>
    private async Task SpendAsync(PodDisruptionBudget pdb, Pod pod, WriteOptions write, CancellationToken ct)
    {
        var podName = pod.Metadata.Name!;
        var unhealthy = !IsReady(pod);
        await budgets().UpdateAsync(pdb.Metadata.Namespace ?? "", pdb.Metadata.Name!, current =>
        {
            var b = (PodDisruptionBudget)(current ?? throw ApiErrors.NotFound("policy", "poddisruptionbudgets", pdb.Metadata.Name!));
            // No resourceVersion: a concurrent write makes the store run this check again on the newer budget.
            b.Metadata.ResourceVersion = null;
            var s = b.Status;
            if (unhealthy && UnhealthyMayGo(b)) return b;
            if ((s.ObservedGeneration ?? 0) < (b.Metadata.Generation ?? 0))
                throw Refused($"The disruption budget {b.Metadata.Name} is still being processed by the server.");
            if (s.DisruptionsAllowed < 0)
                throw ApiErrors.Forbidden("", "pods", podName, "pdb disruptions allowed is negative");
            if ((s.DisruptedPods?.Count ?? 0) > MaxDisruptedPods)
                throw ApiErrors.Forbidden("", "pods", podName, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
            if (s.DisruptionsAllowed == 0)
                throw Refused($"The disruption budget {b.Metadata.Name} needs {s.DesiredHealthy} healthy pods and has {s.CurrentHealthy} currently");
            s.DisruptionsAllowed--;
            if (s.DisruptionsAllowed == 0) SetInsufficient(s);
            s.DisruptedPods ??= [];
            s.DisruptedPods[podName] = TruncateToSeconds(time.GetUtcNow());
            return b;
        }, PodDisruptionBudgetStrategy.Status, write, allowCreate: false, ct);
    }

    private static bool UnhealthyMayGo(PodDisruptionBudget b) => b.Spec.UnhealthyPodEvictionPolicy == "AlwaysAllow"
        || (b.Status.CurrentHealthy >= b.Status.DesiredHealthy && b.Status.DesiredHealthy > 0);

    private static bool IsReady(Pod pod) => pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private void SetInsufficient(PodDisruptionBudgetStatus s)
    {
        s.Conditions ??= [];
        var c = s.Conditions.FirstOrDefault(x => x.Type == "DisruptionAllowed");
        if (c is null) s.Conditions.Add(c = new Condition { Type = "DisruptionAllowed" });
        if (c.Status != "False") c.LastTransitionTime = TruncateToSeconds(time.GetUtcNow());
        c.Status = "False";
        c.Reason = "InsufficientPods";
        c.ObservedGeneration = s.ObservedGeneration;
    }

    private static StatusException Refused(string cause) =>
        ApiErrors.Make(429, StatusReasons.TooManyRequests, ViolationMessage, new StatusDetails
        {
            Causes = [new StatusCause { Type = "DisruptionBudget", Message = cause }],
        });

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
