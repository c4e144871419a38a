namespace Orca.Api.Apps;

/// <summary>Well-known labels and values of apps/v1.</summary>
public static class AppsLabels
{
    /// <summary>The label a Deployment adds to its ReplicaSets' selectors and pods.</summary>
    public const string PodTemplateHash = "pod-template-hash";
    /// <summary>The label of StatefulSet and DaemonSet pods naming their ControllerRevision.</summary>
    public const string ControllerRevisionHash = "controller-revision-hash";
    public const string StatefulSetPodName = "statefulset.kubernetes.io/pod-name";
    public const string PodIndex = "apps.kubernetes.io/pod-index";
}
