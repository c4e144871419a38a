using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// InterPodAffinity: required pod affinity (the pod must land in a topology domain that already has a
/// matching pod, unless no pod matches anywhere and the pod matches its own terms), required
/// anti-affinity (no matching pod in the domain), existing pods' required anti-affinity against the
/// incoming pod, and preferred terms of both sides as scores. Namespaces come from the term's list,
/// the owner's namespace, or a namespace selector resolved through the namespace lister.
/// </summary>
internal sealed partial class InterPodAffinityPlugin(InterPodAffinityArgs args, FrameworkHandle handle)
    : IPreFilterExtensions, IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IEnqueueExtensions
{
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
    public const string ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

    private readonly int _hardPodAffinityWeight = args.HardPodAffinityWeight ?? 1;
    private readonly bool _ignorePreferredTermsOfExistingPods = args.IgnorePreferredTermsOfExistingPods ?? false;

    public string Name => Names.InterPodAffinity;

    /// <summary>Resolves namespace selectors of the incoming pod's terms into namespace names.</summary>
    private AffinityTerm[] MergeNamespaces(AffinityTerm[] terms)
    {
        if (terms.All(t => t.NamespaceSelector.MatchesNothing)) return terms;
        return terms.Select(t => t.NamespaceSelector.MatchesNothing ? t : t.WithNamespaces(handle.Namespaces.Matching(t.NamespaceSelector))).ToArray();
    }

    private WeightedAffinityTerm[] MergeNamespaces(WeightedAffinityTerm[] terms)
    {
        if (terms.All(t => t.Term.NamespaceSelector.MatchesNothing)) return terms;
        return terms.Select(t => t.Term.NamespaceSelector.MatchesNothing ? t : t with { Term = t.Term.WithNamespaces(handle.Namespaces.Matching(t.Term.NamespaceSelector)) }).ToArray();
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.All, "AssignedPodChange")),
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeLabel, "NodeAddOrLabelChange")),
        new(new ClusterEvent(EventResource.Namespace, ActionType.Add | ActionType.UpdateOther, "NamespaceChange")),
    ];
}
