using Microsoft.Extensions.Logging;
using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Disruption;

/// <summary>
/// PodDisruptionBudget status (keys "ns/name"): the pods the selector picks, how many are healthy (Ready, not
/// being deleted, not recently evicted), how many must be (minAvailable, or expected minus maxUnavailable; the
/// expected count comes from the pods' controllers when a percentage or maxUnavailable needs it), how many
/// disruptions that leaves, and the DisruptionAllowed condition. Evictions the API server recorded in
/// disruptedPods are forgotten once the pod is gone or after two minutes (the pod was never deleted), on the
/// injected clock. Any pod or controller change in a namespace re-syncs the budgets that select it.
/// </summary>
internal sealed partial class DisruptionController : QueueController
{
    public const string ControllerName = "disruption";
    private static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    private readonly SharedInformer<PodDisruptionBudget> _budgets;
    private readonly SharedInformer<Pod> _pods;
    private readonly ExpectedScale _scale;
    private readonly EventRecorder _recorder;
    private readonly IReadOnlyList<IDisposable> _controllerWatches;

    public DisruptionController(ControllerContext c) : base(c, ControllerName)
    {
        _budgets = c.Informers.For<PodDisruptionBudget>();
        _pods = c.Informers.For<Pod>();
        var (rs, deploy, sts, rc) = (c.Informers.For<ReplicaSet>(), c.Informers.For<Deployment>(), c.Informers.For<StatefulSet>(), c.Informers.For<ReplicationController>());
        _scale = new ExpectedScale(rs.Lister, deploy.Lister, sts.Lister, rc.Lister);
        _recorder = c.Recorder("controllermanager");
        _controllerWatches = [OnNamespaceOf(rs), OnNamespaceOf(deploy), OnNamespaceOf(sts), OnNamespaceOf(rc)];
    }

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, Register, c => new DisruptionController(c));

    private static void Register(ControllerContext c)
    {
        c.Informers.For<PodDisruptionBudget>();
        c.Informers.For<Pod>();
        c.Informers.For<ReplicaSet>();
        c.Informers.For<Deployment>();
        c.Informers.For<StatefulSet>();
        c.Informers.For<ReplicationController>();
    }

    private IDisposable OnNamespaceOf<T>(SharedInformer<T> informer) where T : class, IKubeObject =>
        informer.AddEventHandler(o => EnqueueNamespace(o.Metadata.Namespace), (_, o) => EnqueueNamespace(o.Metadata.Namespace), o => EnqueueNamespace(o.Metadata.Namespace));

    protected override IEnumerable<IDisposable> Watch() =>
    [
        _budgets.AddEventHandler(Enqueue, (_, b) => Enqueue(b)),
        _pods.AddEventHandler(OnPod, (old, p) => { OnPod(old); OnPod(p); }, OnPod),
        .. _controllerWatches,
    ];

    private void EnqueueNamespace(string? ns)
    {
        foreach (var b in _budgets.Lister.List(ns ?? "")) Enqueue(b);
    }

    private void OnPod(Pod pod)
    {
        foreach (var b in _budgets.Lister.List(pod.Metadata.Namespace ?? ""))
            if (Selects(b, pod)) Enqueue(b);
    }

    private static bool Selects(PodDisruptionBudget b, Pod pod) =>
        LabelSelectorConverter.TryConvert(b.Spec.Selector, out var s, out _) && s.Matches(pod.Metadata.Labels);

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var pdb = _budgets.Lister.Get(key);
        if (pdb is null) return;
        var now = Time.GetUtcNow();
        var pods = _pods.Lister.List(pdb.Metadata.Namespace).Where(p => Selects(pdb, p)).ToList();
        var status = ApiJson.Clone(pdb.Status);
        status.ObservedGeneration = pdb.Metadata.Generation;
        status.DisruptedPods = KeepDisrupted(key, pdb.Status.DisruptedPods, pods, now);
        var (expected, desired, error) = Desired(pdb, pods);
        if (error is not null)
        {
            _recorder.Event(pdb, "Warning", "CalculateExpectedPodCountFailed", $"Failed to calculate the number of expected pods: {error}");
            status.DisruptionsAllowed = 0;
            SetCondition(status, "False", "SyncFailed", error, now);
        }
        else
        {
            status.ExpectedPods = expected;
            status.DesiredHealthy = desired;
            status.CurrentHealthy = pods.Count(p => p.Metadata.DeletionTimestamp is null && !status.DisruptedPods!.ContainsKey(p.Metadata.Name!) && IsReady(p));
            var allowed = status.CurrentHealthy - desired;
            status.DisruptionsAllowed = expected <= 0 || allowed <= 0 ? 0 : allowed;
            SetCondition(status, status.DisruptionsAllowed > 0 ? "True" : "False", status.DisruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods", "", now);
        }
        if (status.DisruptedPods!.Count == 0) status.DisruptedPods = null;
        if (ApiJson.SerializeToString(status) == ApiJson.SerializeToString(pdb.Status)) return;
        var updated = ApiJson.Clone(pdb);
        updated.Status = status;
        await Context.Client.Resource<PodDisruptionBudget>().UpdateStatusAsync(updated, ct);
    }

    /// <summary>(expected pods, desired healthy, error) from the spec; the error is Kubernetes' message when the count fails.</summary>
    private (int Expected, int Desired, string? Error) Desired(PodDisruptionBudget pdb, List<Pod> pods)
    {
        var spec = pdb.Spec;
        if (spec.MaxUnavailable is { } maxUnavailable)
        {
            if (!_scale.TryCount(pods, out var expected, out var error)) return (0, 0, error);
            if (!ExpectedScale.TryScaled(maxUnavailable, expected, out var max)) return (0, 0, $"invalid maxUnavailable {maxUnavailable}");
            return (expected, Math.Max(0, expected - max), null);
        }
        if (spec.MinAvailable is { IsInt: true } minInt) return (pods.Count, minInt.IntValue!.Value, null);
        if (spec.MinAvailable is { } minPct)
        {
            if (!_scale.TryCount(pods, out var expected, out var error)) return (0, 0, error);
            if (!ExpectedScale.TryScaled(minPct, expected, out var desired)) return (0, 0, $"invalid minAvailable {minPct}");
            return (expected, desired, null);
        }
        return (pods.Count, 0, null);
    }

    /// <summary>Evicted pods still counted as disrupted: present, not yet being deleted, evicted less than two minutes ago.</summary>
    private Dictionary<string, DateTimeOffset> KeepDisrupted(string key, Dictionary<string, DateTimeOffset>? disrupted, List<Pod> pods, DateTimeOffset now)
    {
        var kept = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (name, at) in disrupted ?? [])
        {
            var pod = pods.FirstOrDefault(p => p.Metadata.Name == name);
            if (pod is null || pod.Metadata.DeletionTimestamp is not null) continue;
            var expires = at + DeletionTimeout;
            if (expires <= now)
            {
                LogEvictionNotConfirmed(Logger, key, name);
                continue;
            }
            kept[name] = at;
            EnqueueAt(key, expires);
        }
        return kept;
    }

    private static bool IsReady(Pod pod) => pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static void SetCondition(PodDisruptionBudgetStatus status, string value, string reason, string message, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var c = status.Conditions.FirstOrDefault(x => x.Type == "DisruptionAllowed");
        if (c is null) status.Conditions.Add(c = new Condition { Type = "DisruptionAllowed" });
        if (c.Status != value) c.LastTransitionTime = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        c.Status = value;
        c.Reason = reason;
        c.Message = message;
        c.ObservedGeneration = status.ObservedGeneration;
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "disruption: {Budget}: pod {Pod} was evicted over two minutes ago and is not being deleted; counting it again")]
    private static partial void LogEvictionNotConfirmed(ILogger logger, string budget, string pod);
}
