using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// DefaultPreemption (PostFilter): when no node fits, finds nodes where evicting lower-priority pods
/// would make room, picks one by Kubernetes' criteria, deletes its victims gracefully (after marking them
/// DisruptionTarget) and nominates the node for the pod, which then waits for the victims to leave.
/// Pods with preemptionPolicy Never never preempt.
/// </summary>
internal sealed partial class DefaultPreemptionPlugin(DefaultPreemptionArgs args, FrameworkHandle handle) : IPostFilterPlugin
{
    public const string NotHelpful = "Preemption is not helpful for scheduling";

    private readonly int _minPercentage = args.MinCandidateNodesPercentage ?? 10;
    private readonly int _minAbsolute = args.MinCandidateNodesAbsolute ?? 100;

    public string Name => Names.DefaultPreemption;

    public (PostFilterResult? Result, Status Status) PostFilter(CycleState state, PodInfo pod, NodeToStatus filtered)
    {
        var (result, status) = Preempt(state, pod, filtered);
        return status.Reasons.Count > 0 && !status.IsSuccess ? (result, Status.New(status.Code, $"preemption: {status.Message}")) : (result, status);
    }

    private (PostFilterResult?, Status) Preempt(CycleState state, PodInfo pod, NodeToStatus filtered)
    {
        var nominated = pod.Pod.Status.NominatedNodeName;
        if (Ineligible(pod, string.IsNullOrEmpty(nominated) ? null : filtered.Get(nominated)) is { } why) return (null, Status.Unschedulable(why));
        var all = handle.Snapshot.Nodes;
        if (all.Count == 0) return (null, Status.AsError("no nodes available"));
        var potential = filtered.NodesWithCode(all, StatusCode.Unschedulable);
        var statuses = new NodeToStatus { AbsentStatus = Status.Unresolvable(NotHelpful) };
        if (potential.Count == 0)
        {
            if (!string.IsNullOrEmpty(nominated)) ClearNomination([pod]);
        }
        else
        {
            var candidates = DryRun(state, pod, potential, statuses);
            if (candidates.Count > 0)
            {
                var best = VictimSelection.Pick(candidates);
                Evict(pod, best);
                return (new PostFilterResult(best.NodeName), Status.Success);
            }
        }
        var message = new FitError(pod, all.Count, new Diagnosis { NodeToStatus = statuses }).Message;
        return (null, Status.Unschedulable(message));
    }

    /// <summary>Why the pod may not preempt now, or null when it may.</summary>
    private string? Ineligible(PodInfo pod, Status? nominatedNodeStatus)
    {
        if (pod.Pod.Spec.PreemptionPolicy == "Never") return "not eligible due to preemptionPolicy=Never.";
        var nominated = pod.Pod.Status.NominatedNodeName;
        if (string.IsNullOrEmpty(nominated) || nominatedNodeStatus?.Code == StatusCode.UnschedulableAndUnresolvable) return null;
        if (handle.Snapshot.Get(nominated) is not { } node) return null;
        return node.Pods.Any(p => p.Priority < pod.Priority && TerminatingByPreemption(p.Pod))
            ? "not eligible due to a terminating pod on the nominated node." : null;
    }

    private static bool TerminatingByPreemption(Pod p) =>
        p.Metadata.DeletionTimestamp is not null
        && p.Status.Conditions?.Any(c => c.Type == PodConditionType.DisruptionTarget && c.Reason == PreemptionByScheduler) == true;

    public const string PreemptionByScheduler = "PreemptionByScheduler";

    /// <summary>How many candidate nodes to find: a share of the potential nodes, at least the absolute minimum, at most all.</summary>
    internal int NumCandidates(int numNodes) => Math.Min(numNodes, Math.Max(numNodes * _minPercentage / 100, _minAbsolute));

    /// <summary>
    /// Tries victim selection on the potential nodes starting at a random offset, on copies of node and
    /// cycle state, until enough candidates are found (at least one without budget violations). Nodes that
    /// cannot help get their status recorded. Non-violating candidates come first.
    /// </summary>
    private List<Candidate> DryRun(CycleState state, PodInfo pod, List<NodeInfo> potential, NodeToStatus statuses)
    {
        var budgets = handle.DisruptionBudgets.List();
        var offset = Random.Shared.Next(potential.Count);
        var wanted = NumCandidates(potential.Count);
        var nonViolating = new List<Candidate>();
        var violating = new List<Candidate>();
        var sync = new Lock();
        var fw = handle.Framework;
        handle.Parallelizer.Until(potential.Count, i =>
        {
            var node = potential[(offset + i) % potential.Count].Clone();
            var (victims, violations, status) = VictimSelection.SelectOnNode(fw, state.Clone(), pod, node, budgets);
            lock (sync)
            {
                if (status.IsSuccess && victims.Count > 0) (violations == 0 ? nonViolating : violating).Add(new Candidate(node.Name, victims, violations));
                else statuses.Set(node.Name, status.IsSuccess ? Status.AsError($"expected at least one victim pod on node \"{node.Name}\"") : status);
            }
        }, () =>
        {
            lock (sync) return nonViolating.Count > 0 && nonViolating.Count + violating.Count >= wanted;
        }, heavy: true);
        return [.. nonViolating, .. violating];
    }
}
