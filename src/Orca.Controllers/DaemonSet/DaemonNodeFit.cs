using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Selectors;

namespace Orca.Controllers.DaemonSets;

/// <summary>Whether a node should run a daemon pod, and whether an existing one may stay.</summary>
internal readonly record struct NodeFit(bool ShouldRun, bool ShouldContinueRunning)
{
    public static readonly NodeFit No = new(false, false);
}

/// <summary>
/// Which nodes a DaemonSet's pod belongs on, as Kubernetes' NodeShouldRunDaemonPod decides: the template's
/// spec.nodeName (if set) must name the node, its nodeSelector and required node affinity must match, and
/// every NoSchedule/NoExecute taint must be tolerated — by the template's tolerations plus the ones every
/// daemon pod gets (<see cref="AddDaemonTolerations"/>). An untolerated NoSchedule taint only keeps new pods
/// away (an existing pod may continue); an untolerated NoExecute taint removes the pod too. Pure functions.
/// </summary>
internal static class DaemonNodeFit
{
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string DiskPressureTaint = "node.kubernetes.io/disk-pressure";
    public const string MemoryPressureTaint = "node.kubernetes.io/memory-pressure";
    public const string PidPressureTaint = "node.kubernetes.io/pid-pressure";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";
    public const string NetworkUnavailableTaint = "node.kubernetes.io/network-unavailable";

    /// <summary>
    /// Adds (replacing any with the same key and effect) the tolerations Kubernetes gives every daemon pod:
    /// not-ready and unreachable NoExecute with no tolerationSeconds (so node failure never evicts it),
    /// disk-, memory-, pid-pressure and unschedulable NoSchedule, and network-unavailable NoSchedule for
    /// hostNetwork pods.
    /// </summary>
    public static void AddDaemonTolerations(PodSpec spec)
    {
        Add(spec, NotReadyTaint, TaintEffect.NoExecute);
        Add(spec, UnreachableTaint, TaintEffect.NoExecute);
        Add(spec, DiskPressureTaint, TaintEffect.NoSchedule);
        Add(spec, MemoryPressureTaint, TaintEffect.NoSchedule);
        Add(spec, PidPressureTaint, TaintEffect.NoSchedule);
        Add(spec, UnschedulableTaint, TaintEffect.NoSchedule);
        if (spec.HostNetwork == true) Add(spec, NetworkUnavailableTaint, TaintEffect.NoSchedule);
    }

    private static void Add(PodSpec spec, string key, string effect)
    {
        var toleration = new Toleration { Key = key, Operator = "Exists", Effect = effect };
        var list = spec.Tolerations ??= [];
        var i = list.FindIndex(t => t.Key == key && t.Effect == effect);
        if (i >= 0) list[i] = toleration;
        else list.Add(toleration);
    }

    /// <summary>The decision for <paramref name="node"/>, given the daemon pod's spec (template plus daemon tolerations).</summary>
    public static NodeFit Evaluate(Node node, PodSpec daemonPod)
    {
        if (!string.IsNullOrEmpty(daemonPod.NodeName) && daemonPod.NodeName != node.Metadata.Name) return NodeFit.No;
        if (!RequiredNodeAffinity.Of(daemonPod).Matches(node)) return NodeFit.No;
        var tolerations = daemonPod.Tolerations;
        if (Taints.FindUntolerated(node.Spec.Taints, tolerations, t => t.Effect == TaintEffect.NoExecute) is not null) return NodeFit.No;
        if (Taints.FindUntolerated(node.Spec.Taints, tolerations, t => t.Effect == TaintEffect.NoSchedule) is not null) return new NodeFit(false, true);
        return new NodeFit(true, true);
    }

    /// <summary>The decision for <paramref name="node"/> and <paramref name="ds"/>'s template.</summary>
    public static NodeFit Evaluate(Node node, DaemonSet ds, PodSpec? daemonPod = null) =>
        Evaluate(node, daemonPod ?? DaemonPodSpec(ds));

    /// <summary>A copy of the template's spec with the daemon tolerations added (what each daemon pod runs).</summary>
    public static PodSpec DaemonPodSpec(DaemonSet ds)
    {
        var spec = ApiJson.Clone(ds.Spec.Template.Spec ?? new PodSpec());
        AddDaemonTolerations(spec);
        return spec;
    }
}
