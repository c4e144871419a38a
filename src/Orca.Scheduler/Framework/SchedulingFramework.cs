namespace Orca.Scheduler.Framework;

/// <summary>
/// One profile's plugins wired to the extension points, and the rules for running them: order,
/// skips, how statuses combine and which plugin gets the blame. Filter and Score plugins may run
/// in parallel over nodes; everything else runs on the scheduling thread (binding on its own task).
/// Immutable after construction; thread-safe as far as the plugins are.
/// </summary>
internal sealed partial class SchedulingFramework
{
    /// <summary>The most Filter or Score plugins one profile may have (skips are a 64-bit mask).</summary>
    public const int MaxPluginsPerPoint = 64;

    private readonly PluginSet _plugins;
    private readonly IFilterPlugin[] _filter;
    private readonly IPreFilterExtensions[] _preFilterExtensions;
    private readonly Dictionary<string, int> _filterIndex;
    private readonly Dictionary<string, int> _scoreIndex;

    public SchedulingFramework(FrameworkHandle handle, PluginSet plugins, int? percentageOfNodesToScore = null)
    {
        if (plugins.Filter.Count > MaxPluginsPerPoint || plugins.Score.Count > MaxPluginsPerPoint)
            throw new ArgumentException($"a profile may have at most {MaxPluginsPerPoint} filter and score plugins");
        if (plugins.Bind.Count == 0) throw new ArgumentException($"profile {handle.SchedulerName} has no bind plugin");
        Handle = handle;
        _plugins = plugins;
        _filter = [.. plugins.Filter];
        _preFilterExtensions = plugins.PreFilter.OfType<IPreFilterExtensions>().ToArray();
        _filterIndex = plugins.Filter.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _scoreIndex = plugins.Score.Select((p, i) => (p.Plugin.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        PercentageOfNodesToScore = percentageOfNodesToScore;
        EventsByPlugin = plugins.All.OfType<IEnqueueExtensions>().ToDictionary(p => p.Name, p => p.EventsToRegister(), StringComparer.Ordinal);
        handle.Framework = this;
    }

    public FrameworkHandle Handle { get; }

    public string SchedulerName => Handle.SchedulerName;

    public PluginSet Plugins => _plugins;

    /// <summary>The profile's percentageOfNodesToScore; null falls back to the global setting.</summary>
    public int? PercentageOfNodesToScore { get; }

    /// <summary>Cluster events each plugin wants parked pods it rejected to be retried on.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ClusterEventWithHint>> EventsByPlugin { get; }

    public bool HasFilterPlugins => _filter.Length > 0;

    public bool HasScorePlugins => _plugins.Score.Count > 0;

    public bool HasPostFilterPlugins => _plugins.PostFilter.Count > 0;

    /// <summary>Runs PreEnqueue plugins; the first non-success keeps the pod out of the active queue.</summary>
    public Status RunPreEnqueuePlugins(PodInfo pod)
    {
        foreach (var p in _plugins.PreEnqueue)
        {
            var s = p.PreEnqueue(pod);
            if (!s.IsSuccess) return s.WithPlugin(p.Name);
        }
        return Status.Success;
    }

    /// <summary>
    /// Runs every PreFilter plugin. A plugin's Skip marks its Filter to be skipped. A rejection stops at once
    /// (the status names the plugin); so does a merged node restriction that leaves no node.
    /// </summary>
    public (PreFilterResult? Result, Status Status, HashSet<string> RestrictingPlugins) RunPreFilterPlugins(CycleState state, PodInfo pod)
    {
        PreFilterResult? result = null;
        var restricting = new HashSet<string>(StringComparer.Ordinal);
        ulong skip = 0;
        foreach (var p in _plugins.PreFilter)
        {
            var (r, s) = p.PreFilter(state, pod);
            if (s.IsSkip)
            {
                if (_filterIndex.TryGetValue(p.Name, out var i)) skip |= 1UL << i;
                continue;
            }
            if (!s.IsSuccess)
            {
                return (null, s.IsRejected ? s.WithPlugin(p.Name) : Status.AsError($"running PreFilter plugin \"{p.Name}\": {s.Message}").WithPlugin(p.Name), restricting);
            }
            if (r is { AllNodes: false }) restricting.Add(p.Name);
            result = PreFilterResult.Merge(result, r);
            if (result is { NodeNames.Count: 0 })
            {
                var names = restricting.Order(StringComparer.Ordinal).ToList();
                var message = names.Count == 1 ? $"node(s) didn't satisfy plugin {names[0]}" : $"node(s) didn't satisfy plugin(s) [{string.Join(" ", names)}] simultaneously";
                return (result, Status.Unresolvable(message), restricting);
            }
        }
        state.SkipFilter = skip;
        return (result, Status.Success, restricting);
    }

    /// <summary>Runs the Filter plugins on one node; the first failure is the answer. Thread-safe.</summary>
    public Status RunFilterPlugins(CycleState state, PodInfo pod, NodeInfo node)
    {
        var skip = state.SkipFilter;
        for (var i = 0; i < _filter.Length; i++)
        {
            if ((skip & (1UL << i)) != 0) continue;
            var s = _filter[i].Filter(state, pod, node);
            if (s.IsSuccess) continue;
            if (!s.IsRejected) s = Status.AsError($"running \"{_filter[i].Name}\" filter plugin: {s.Message}");
            return s.WithPlugin(_filter[i].Name);
        }
        return Status.Success;
    }

    /// <summary>
    /// Filters one node as if the pods nominated to it with at least the pod's priority were already
    /// there (they preempted for that room), and — when that passes and such pods exist — once more
    /// without them, since a pod-affinity filter may pass only thanks to them. Both must pass.
    /// </summary>
    public Status RunFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (!Handle.Nominator.Any) return RunFilterPlugins(state, pod, node);
        var (added, withState, withNode) = AddNominatedPods(state, pod, node);
        var status = RunFilterPlugins(withState, pod, withNode);
        if (!added || !status.IsSuccess) return status;
        return RunFilterPlugins(state, pod, node);
    }

    private (bool Added, CycleState State, NodeInfo Node) AddNominatedPods(CycleState state, PodInfo pod, NodeInfo node)
    {
        var nominated = Handle.Nominator.NominatedPodsForNode(node.Name);
        if (nominated.Count == 0) return (false, state, node);
        NodeInfo? copy = null;
        CycleState? stateCopy = null;
        foreach (var other in nominated)
        {
            if (other.Priority < pod.Priority || other.Uid == pod.Uid) continue;
            copy ??= node.Clone();
            stateCopy ??= state.Clone();
            copy.AddPod(other);
            RunPreFilterExtensionAddPod(stateCopy, pod, other, copy);
        }
        return copy is null ? (false, state, node) : (true, stateCopy!, copy);
    }

    /// <summary>Tells PreFilter plugins (not skipped) that <paramref name="added"/> now runs on <paramref name="node"/>.</summary>
    public Status RunPreFilterExtensionAddPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node)
    {
        foreach (var p in _preFilterExtensions)
        {
            if (IsFilterSkipped(state, p.Name)) continue;
            var s = p.AddPod(state, pod, added, node);
            if (!s.IsSuccess) return s.WithPlugin(p.Name);
        }
        return Status.Success;
    }

    /// <summary>Tells PreFilter plugins (not skipped) that <paramref name="removed"/> no longer runs on <paramref name="node"/>.</summary>
    public Status RunPreFilterExtensionRemovePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node)
    {
        foreach (var p in _preFilterExtensions)
        {
            if (IsFilterSkipped(state, p.Name)) continue;
            var s = p.RemovePod(state, pod, removed, node);
            if (!s.IsSuccess) return s.WithPlugin(p.Name);
        }
        return Status.Success;
    }

    private bool IsFilterSkipped(CycleState state, string name) =>
        _filterIndex.TryGetValue(name, out var i) && (state.SkipFilter & (1UL << i)) != 0;

    /// <summary>Runs PostFilter plugins until one succeeds (nominates) or rejects definitively.</summary>
    public (PostFilterResult? Result, Status Status) RunPostFilterPlugins(CycleState state, PodInfo pod, NodeToStatus filtered)
    {
        var reasons = new List<string>();
        PostFilterResult? result = null;
        foreach (var p in _plugins.PostFilter)
        {
            var (r, s) = p.PostFilter(state, pod, filtered);
            if (s.IsSuccess) return (r, s);
            if (s.Code == StatusCode.UnschedulableAndUnresolvable) return (r, s.WithPlugin(p.Name));
            if (!s.IsRejected) return (null, s.WithPlugin(p.Name));
            reasons.AddRange(s.Reasons);
            result ??= r;
        }
        return (result, Status.Unschedulable([.. reasons]));
    }
}
