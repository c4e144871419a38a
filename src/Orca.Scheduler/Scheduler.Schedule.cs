using System.Diagnostics;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler;

internal sealed partial class Scheduler
{
    private const int MinFeasibleNodesToFind = 100;
    private const int MinFeasibleNodesPercentageToFind = 5;
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    private readonly record struct ScheduleResult(string? Host, int Evaluated, int Feasible, Status? Failure, FitError? FitError);

    private readonly List<NodeInfo> _feasible = [];
    private long[] _scores = [];

    // Per-cycle buffers of the parallel filter (scheduling thread only; cleared after each use so they hold no nodes).
    private NodeInfo?[] _found = [];
    private Status?[] _statuses = [];

    /// <summary>
    /// Finds the node for the pod: snapshot, PreFilter, the nominated node first if the pod has one, then
    /// Filter over nodes starting where the last cycle stopped until enough feasible nodes are found, then
    /// PreScore/Score and the best total (ties broken at random). No feasible node gives a FitError.
    /// </summary>
    private ScheduleResult SchedulePod(SchedulingFramework fw, CycleState state, PodInfo pod)
    {
        Cache.UpdateSnapshot(Snapshot);
        var all = Snapshot.Nodes;
        if (all.Count == 0) return new(null, 0, 0, Status.Unresolvable(NoNodesAvailable), null);
        var diagnosis = new Diagnosis();
        var failure = FindFeasible(fw, state, pod, diagnosis);
        if (failure is not null) return new(null, 0, 0, failure, null);
        var evaluated = _feasible.Count + diagnosis.NodeToStatus.SetCount;
        if (_feasible.Count == 0)
        {
            var fitError = new FitError(pod, all.Count, diagnosis);
            return new(null, evaluated, 0, Status.Unschedulable(fitError.Message), fitError);
        }
        if (_feasible.Count == 1) return new(_feasible[0].Name, evaluated, 1, null, null);
        var scored = Prioritize(fw, state, pod);
        if (!scored.IsSuccess) return new(null, evaluated, _feasible.Count, scored, null);
        return new(SelectHost(), evaluated, _feasible.Count, null, null);
    }

    /// <summary>Fills <see cref="_feasible"/>; returns an error status, or null (failures are in the diagnosis).</summary>
    private Status? FindFeasible(SchedulingFramework fw, CycleState state, PodInfo pod, Diagnosis diagnosis)
    {
        _feasible.Clear();
        var (preResult, pre, restricting) = fw.RunPreFilterPlugins(state, pod);
        diagnosis.UnschedulablePlugins.UnionWith(restricting);
        if (!pre.IsSuccess)
        {
            if (!pre.IsRejected) return pre;
            diagnosis.NodeToStatus.AbsentStatus = pre;
            diagnosis.PreFilterMessage = pre.Message;
            diagnosis.AddPluginStatus(pre);
            return null;
        }
        if (pod.Pod.Status.NominatedNodeName is { Length: > 0 } nominated && Snapshot.Get(nominated) is { } nominatedNode)
        {
            var s = fw.RunFilterPluginsWithNominatedPods(state, pod, nominatedNode);
            if (s.IsSuccess)
            {
                _feasible.Add(nominatedNode);
                return null;
            }
            if (s.Code == StatusCode.Error) return s;
        }
        IReadOnlyList<NodeInfo> nodes = Snapshot.Nodes;
        if (preResult?.NodeNames is { } names)
        {
            nodes = names.Select(Snapshot.Get).OfType<NodeInfo>().ToList();
            diagnosis.NodeToStatus.AbsentStatus = Status.Unresolvable($"node(s) didn't satisfy plugin(s) [{string.Join(" ", restricting.Order(StringComparer.Ordinal))}]");
        }
        if (nodes.Count == 0) return null;
        var toFind = fw.HasScorePlugins ? NumFeasibleNodesToFind(fw.PercentageOfNodesToScore ?? _percentageOfNodesToScore, nodes.Count) : 1;
        if (!fw.HasFilterPlugins)
        {
            for (var i = 0; i < Math.Min(toFind, nodes.Count); i++) _feasible.Add(nodes[(_nextStartNodeIndex + i) % nodes.Count]);
            _nextStartNodeIndex = (_nextStartNodeIndex + _feasible.Count) % nodes.Count;
            return null;
        }
        var error = Filter(fw, state, pod, nodes, toFind, diagnosis);
        _nextStartNodeIndex = (_nextStartNodeIndex + _feasible.Count + diagnosis.NodeToStatus.SetCount) % nodes.Count;
        return error;
    }

    /// <summary>
    /// Runs the filters from the rotating start index. The first nodes run inline; if they show that
    /// filtering this pod is expensive (affinity, spreading over many pods) and more nodes remain, the rest
    /// is spread over the parallelizer, stopping as soon as enough feasible nodes are found.
    /// </summary>
    private Status? Filter(SchedulingFramework fw, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, int toFind, Diagnosis diagnosis)
    {
        const int Probe = 64;
        var n = nodes.Count;
        var start = _nextStartNodeIndex % n;
        var began = Stopwatch.GetTimestamp();
        var i = 0;
        for (; i < n && _feasible.Count < toFind; i++)
        {
            var node = nodes[(start + i) % n];
            var s = fw.RunFilterPluginsWithNominatedPods(state, pod, node);
            if (s.IsSuccess) _feasible.Add(node);
            else if (s.Code == StatusCode.Error) return s;
            else Record(diagnosis, node, s);
            if (i == Probe - 1 && _parallelizer.Parallelism > 1 && n - i > Probe
                && Stopwatch.GetElapsedTime(began).TotalMicroseconds / Probe * StillToVisit(Probe, _feasible.Count, toFind, n - Probe) > 500)
                return FilterParallel(fw, state, pod, nodes, start, i + 1, toFind, diagnosis);
        }
        return null;
    }

    /// <summary>
    /// How many more nodes the filter pass is expected to visit: at the feasible rate seen so far, enough to
    /// find the rest of <paramref name="toFind"/>, never more than <paramref name="remaining"/>. Spreading a
    /// pass over threads pays only for that many nodes, not for every node left in the cluster.
    /// </summary>
    internal static int StillToVisit(int visited, int feasible, int toFind, int remaining) =>
        feasible == 0 ? remaining : (int)Math.Min(remaining, (long)(toFind - feasible) * visited / feasible);

    private Status? FilterParallel(SchedulingFramework fw, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, int start, int from,
        int toFind, Diagnosis diagnosis)
    {
        var n = nodes.Count;
        if (_found.Length < n - from)
        {
            _found = new NodeInfo?[n];
            _statuses = new Status?[n];
        }
        var found = _found;
        var statuses = _statuses;
        Array.Clear(found, 0, n - from);
        Array.Clear(statuses, 0, n - from);
        var count = _feasible.Count;
        Status? error = null;
        _parallelizer.Until(n - from, k =>
        {
            var node = nodes[(start + from + k) % n];
            var s = fw.RunFilterPluginsWithNominatedPods(state, pod, node);
            if (s.IsSuccess)
            {
                if (Interlocked.Increment(ref count) <= toFind) found[k] = node;
                else Interlocked.Decrement(ref count);
            }
            else if (s.Code == StatusCode.Error) error = s;
            else statuses[k] = s;
        }, () => error is not null || Volatile.Read(ref count) >= toFind, heavy: true);
        if (error is not null) return error;
        for (var k = 0; k < n - from; k++)
        {
            if (found[k] is { } node) _feasible.Add(node);
            else if (statuses[k] is { } s) Record(diagnosis, nodes[(start + from + k) % n], s);
        }
        Array.Clear(found, 0, n - from);
        Array.Clear(statuses, 0, n - from);
        return null;
    }

    private static void Record(Diagnosis diagnosis, NodeInfo node, Status s)
    {
        diagnosis.NodeToStatus.Set(node.Name, s);
        diagnosis.AddPluginStatus(s);
    }

    /// <summary>
    /// How many feasible nodes to look for: all of them below 100 nodes; otherwise the percentage (0 means
    /// adaptive: 50% minus 1% per 125 nodes, at least 5%), and never fewer than 100.
    /// </summary>
    public static int NumFeasibleNodesToFind(int percentage, int numAllNodes)
    {
        if (numAllNodes < MinFeasibleNodesToFind) return numAllNodes;
        if (percentage == 0) percentage = Math.Max(MinFeasibleNodesPercentageToFind, 50 - numAllNodes / 125);
        var num = (int)((long)numAllNodes * percentage / 100);
        return Math.Max(num, MinFeasibleNodesToFind);
    }

    private Status Prioritize(SchedulingFramework fw, CycleState state, PodInfo pod)
    {
        if (_scores.Length < _feasible.Count) _scores = new long[Math.Max(_feasible.Count, _scores.Length * 2)];
        if (!fw.HasScorePlugins)
        {
            _scores.AsSpan(0, _feasible.Count).Fill(1);
            return Status.Success;
        }
        var pre = fw.RunPreScorePlugins(state, pod, _feasible);
        if (!pre.IsSuccess) return pre;
        return fw.RunScorePlugins(state, pod, _feasible, _scores.AsSpan(0, _feasible.Count));
    }

    /// <summary>The highest total; among equal totals each is equally likely (reservoir sampling).</summary>
    private string SelectHost()
    {
        var best = 0;
        var ties = 1;
        for (var i = 1; i < _feasible.Count; i++)
        {
            if (_scores[i] > _scores[best])
            {
                best = i;
                ties = 1;
            }
            else if (_scores[i] == _scores[best] && Random.Shared.Next(++ties) == 0)
            {
                best = i;
            }
        }
        return _feasible[best].Name;
    }
}
