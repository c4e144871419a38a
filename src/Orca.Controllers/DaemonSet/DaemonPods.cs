using System.Globalization;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Controllers.Framework;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// Daemon pods: how one is made for a node, which node a pod is meant for, whether it runs the current
/// revision, and whether it is ready or available. Pure functions over cached objects (never mutated).
/// </summary>
internal static class DaemonPods
{
    /// <summary>The label carrying the DaemonSet's template generation (kept for compatibility, as Kubernetes does).</summary>
    public const string TemplateGenerationLabel = "pod-template-generation";

    /// <summary>The annotation the API server keeps on a DaemonSet: its template generation.</summary>
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    /// <summary>
    /// A new pod of <paramref name="ds"/> for <paramref name="nodeName"/>: the template (deep copy) with the
    /// daemon tolerations, the labels controller-revision-hash and pod-template-generation, and a required node
    /// affinity on metadata.name = the node, replacing any required terms the template had (they match the node,
    /// or it would not have been chosen) so the default scheduler binds it there.
    /// </summary>
    public static Pod New(DaemonSet ds, string nodeName, string hash)
    {
        var pod = PodControl.FromTemplate(ds.Spec.Template, ds, ControllerRefs.For(ds, "apps/v1", "DaemonSet"));
        DaemonNodeFit.AddDaemonTolerations(pod.Spec);
        var labels = pod.Metadata.Labels ??= new Dictionary<string, string>();
        if (TemplateGeneration(ds) is { } generation) labels[TemplateGenerationLabel] = generation.ToString(CultureInfo.InvariantCulture);
        labels[AppsLabels.ControllerRevisionHash] = hash;
        var affinity = pod.Spec.Affinity ??= new Affinity();
        var nodeAffinity = affinity.NodeAffinity ??= new NodeAffinity();
        nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
        {
            NodeSelectorTerms =
            [
                new NodeSelectorTerm
                {
                    MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = [nodeName] }],
                },
            ],
        };
        return pod;
    }

    /// <summary>spec.nodeName, or for a pod not yet bound the single metadata.name its required node affinity names; null if neither.</summary>
    public static string? TargetNode(Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec.NodeName)) return pod.Spec.NodeName;
        foreach (var term in pod.Spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [])
        {
            foreach (var f in term.MatchFields ?? [])
            {
                if (f.Key == "metadata.name" && f.Operator == "In") return f.Values is [var only] ? only : null;
            }
        }
        return null;
    }

    /// <summary>The DaemonSet's template generation from its annotation; null when absent or unparsable.</summary>
    public static long? TemplateGeneration(DaemonSet ds) =>
        ds.Metadata.Annotations?.GetValueOrDefault(TemplateGenerationAnnotation) is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;

    /// <summary>True when the pod runs the current revision: its hash label equals <paramref name="hash"/> or its generation label the DaemonSet's.</summary>
    public static bool IsUpdated(Pod pod, string hash, long? generation)
    {
        var labels = pod.Metadata.Labels;
        if (labels is null) return false;
        if (hash.Length > 0 && labels.GetValueOrDefault(AppsLabels.ControllerRevisionHash) == hash) return true;
        return generation is { } g && labels.GetValueOrDefault(TemplateGenerationLabel) == g.ToString(CultureInfo.InvariantCulture);
    }

    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/> (Kubernetes' IsPodAvailable).</summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now) => AvailableAt(pod, minReadySeconds) is { } at && at <= now;

    /// <summary>When a ready pod becomes available (its Ready transition plus minReadySeconds); null when it is not ready.</summary>
    public static DateTimeOffset? AvailableAt(Pod pod, int minReadySeconds)
    {
        if (ReadyCondition(pod) is not { Status: "True" } ready) return null;
        if (minReadySeconds <= 0) return DateTimeOffset.MinValue;
        return ready.LastTransitionTime is { } since ? since.AddSeconds(minReadySeconds) : DateTimeOffset.MinValue;
    }

    private static PodCondition? ReadyCondition(Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <summary>Oldest first (creation time, then name): the order in which Kubernetes keeps a node's first daemon pod.</summary>
    public static int ByAge(Pod a, Pod b)
    {
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    public static bool IsTerminating(Pod pod) => pod.Metadata.DeletionTimestamp is not null;
}
