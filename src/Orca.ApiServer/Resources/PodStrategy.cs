using Orca.Api.Core;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources;

/// <summary>Pods: defaults, validation, an immutable spec, status kept apart, graceful deletion.</summary>
internal sealed class PodStrategy : Strategy<Pod>
{
    public static readonly PodStrategy Instance = new();

    private static readonly string[] Fields =
    [
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
        "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
    ];

    public override IReadOnlyCollection<string> SelectableFields => Fields;

    public override void PrepareForCreate(Pod pod) =>
        pod.Status = new PodStatus { Phase = PodPhase.Pending, QOSClass = PodDefaults.QosClass(pod.Spec) };

    public override void Default(Pod pod)
    {
        PodDefaults.Apply(pod);
        pod.Status.QOSClass ??= PodDefaults.QosClass(pod.Spec);
    }

    public override IReadOnlyList<FieldError> Validate(Pod pod) => PodValidation.Validate(pod);

    public override void PrepareForUpdate(Pod pod, Pod old) => pod.Status = old.Status;

    public override IReadOnlyList<FieldError> ValidateUpdate(Pod pod, Pod old) => PodValidation.ValidateUpdate(pod, old);

    public override void AddFields(Pod pod, IDictionary<string, string> fields)
    {
        fields["spec.nodeName"] = pod.Spec.NodeName ?? "";
        fields["spec.restartPolicy"] = pod.Spec.RestartPolicy ?? "";
        fields["spec.schedulerName"] = pod.Spec.SchedulerName ?? "";
        fields["spec.serviceAccountName"] = pod.Spec.ServiceAccountName ?? "";
        fields["spec.hostNetwork"] = pod.Spec.HostNetwork == true ? "true" : "false";
        fields["status.phase"] = pod.Status.Phase ?? "";
        fields["status.podIP"] = pod.Status.PodIP ?? "";
        fields["status.podIPs"] = pod.Status.PodIP ?? "";
        fields["status.nominatedNodeName"] = pod.Status.NominatedNodeName ?? "";
    }

    /// <summary>
    /// A pod on a node waits for its agent to stop it; an unscheduled or finished pod has nothing
    /// to stop and goes at once. The request's gracePeriodSeconds wins over the spec's.
    /// </summary>
    public override long? GracePeriod(Pod pod, long? requested)
    {
        if (string.IsNullOrEmpty(pod.Spec.NodeName)) return 0;
        if (pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed) return 0;
        return requested ?? pod.Spec.TerminationGracePeriodSeconds ?? PodDefaults.DefaultGracePeriodSeconds;
    }

    /// <summary>pods/status: the agent's writes; spec and ownership stay as stored.</summary>
    public static readonly StatusStrategy<Pod> Status = new(Instance, (pod, old) =>
    {
        pod.Spec = old.Spec;
        pod.Metadata.OwnerReferences = old.Metadata.OwnerReferences;
    });
}
