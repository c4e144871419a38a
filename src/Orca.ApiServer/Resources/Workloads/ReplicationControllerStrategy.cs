using Orca.Api.Core;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>core/v1 replicationcontrollers: Kubernetes' defaults and validation; status only through /status.</summary>
internal sealed class ReplicationControllerStrategy : Strategy<ReplicationController>
{
    public static readonly ReplicationControllerStrategy Instance = new();

    private static readonly FieldPath Spec = FieldPath.New("spec");

    public override IReadOnlyCollection<string> SelectableFields => ["status.replicas"];

    public override void AddFields(ReplicationController obj, IDictionary<string, string> fields) =>
        fields["status.replicas"] = obj.Status.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void PrepareForCreate(ReplicationController obj) => obj.Status = new ReplicationControllerStatus();

    public override void PrepareForUpdate(ReplicationController obj, ReplicationController old) => obj.Status = old.Status;

    /// <summary>SetDefaults_ReplicationController: selector and labels from the template's labels, one replica.</summary>
    public override void Default(ReplicationController obj)
    {
        var spec = obj.Spec;
        if (spec.Template?.Metadata?.Labels is { } labels)
        {
            if ((spec.Selector?.Count ?? 0) == 0) spec.Selector = new Dictionary<string, string>(labels);
            if ((obj.Metadata.Labels?.Count ?? 0) == 0) obj.Metadata.Labels = new Dictionary<string, string>(labels);
        }
        spec.Replicas ??= 1;
        WorkloadDefaults.Template(spec.Template);
    }

    public override IReadOnlyList<FieldError> Validate(ReplicationController obj)
    {
        var errors = new ErrorList();
        var spec = obj.Spec;
        WorkloadValidation.NonNegative(errors, spec.MinReadySeconds, Spec.Child("minReadySeconds"));
        if ((spec.Selector?.Count ?? 0) == 0) errors.Add(FieldError.Required(Spec.Child("selector")));
        WorkloadValidation.NonNegative(errors, spec.Replicas, Spec.Child("replicas"));
        var template = Spec.Child("template");
        if (spec.Template is not null && spec.Selector is { Count: > 0 } selector
            && !selector.All(kv => spec.Template.Metadata?.Labels?.GetValueOrDefault(kv.Key) == kv.Value))
            errors.Add(FieldError.Invalid(template.Child("metadata", "labels"), GoSyntax.StringMap(spec.Template.Metadata?.Labels), WorkloadValidation.SelectorMismatch));
        WorkloadValidation.ReplicaTemplate(errors, spec.Template, template, "activeDeadlineSeconds in ReplicationController is not Supported");
        return errors;
    }

    public static readonly StatusStrategy<ReplicationController> Status = new(Instance, (rc, old) =>
    {
        rc.Spec = old.Spec;
        StatusMeta.KeepFromOld(rc.Metadata, old.Metadata);
    });
}
