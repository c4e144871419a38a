using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Host;

/// <summary>Namespace labels from the namespace informer.</summary>
internal sealed class NamespaceLister(Lister<Namespace> namespaces) : INamespaceLister
{
    public IReadOnlyDictionary<string, string>? Labels(string ns) => namespaces.Get(null, ns)?.Metadata.Labels;

    public IReadOnlyList<string> Matching(LabelSelectorExpr selector) =>
        namespaces.List(null, selector).Select(n => n.Metadata.Name ?? "").ToList();
}

/// <summary>
/// Selectors that group a pod with its siblings for default topology spreading, as Kubernetes' DefaultSelector:
/// the label sets of the services selecting the pod and of its controlling ReplicationController, merged into
/// one set, plus the selector of its controlling ReplicaSet or StatefulSet.
/// </summary>
internal sealed class WorkloadGroupSelectors(Lister<Service> services, Lister<ReplicationController> controllers,
    Lister<ReplicaSet> replicaSets, Lister<StatefulSet> statefulSets) : IPodGroupSelectors
{
    public IReadOnlyList<LabelSelectorExpr> For(Pod pod)
    {
        var ns = pod.Metadata.Namespace ?? "";
        var labels = pod.Metadata.Labels;
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (labels is { Count: > 0 })
        {
            foreach (var s in services.List(ns))
            {
                if (s.Spec.Selector is not { Count: > 0 } selector || !LabelSelectorExpr.FromSet(selector).Matches(labels)) continue;
                foreach (var (k, v) in selector) set[k] = v;
            }
        }
        var result = new List<LabelSelectorExpr>();
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        LabelSelector? ownerSelector = null;
        switch (owner)
        {
            case { Kind: "ReplicationController", ApiVersion: "v1" }:
                foreach (var (k, v) in controllers.Get(ns, owner.Name)?.Spec.Selector ?? []) set[k] = v;
                break;
            case { Kind: "ReplicaSet", ApiVersion: "apps/v1" }:
                ownerSelector = replicaSets.Get(ns, owner.Name)?.Spec.Selector;
                break;
            case { Kind: "StatefulSet", ApiVersion: "apps/v1" }:
                ownerSelector = statefulSets.Get(ns, owner.Name)?.Spec.Selector;
                break;
        }
        if (set.Count > 0) result.Add(LabelSelectorExpr.FromSet(set));
        if (ownerSelector is not null && LabelSelectorConverter.TryConvert(ownerSelector, out var expr, out _) && !expr.MatchesNothing) result.Add(expr);
        return result;
    }
}

/// <summary>
/// Disruption budgets from the policy/v1 informer, as preemption reads them. A budget whose selector does not
/// parse is left out (it protects nothing, as upstream treats it).
/// </summary>
internal sealed class InformerDisruptionBudgets(Lister<PodDisruptionBudget> budgets) : IDisruptionBudgetLister
{
    public IReadOnlyList<DisruptionBudget> List()
    {
        var result = new List<DisruptionBudget>();
        foreach (var b in budgets.List())
        {
            if (!LabelSelectorConverter.TryConvert(b.Spec.Selector, out var selector, out _)) continue;
            var disrupted = new HashSet<string>(b.Status.DisruptedPods?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
            result.Add(new DisruptionBudget(b.Metadata.Namespace ?? "", b.Metadata.Name ?? "", selector, b.Status.DisruptionsAllowed, disrupted));
        }
        return result;
    }
}

/// <summary>Events through the client's recorder (queued, never blocking).</summary>
internal sealed class RecorderEventSink(EventRecorder recorder) : IEventSink
{
    public void Event(Pod regarding, string type, string reason, string message) => recorder.Event(regarding, type, reason, message);
}
