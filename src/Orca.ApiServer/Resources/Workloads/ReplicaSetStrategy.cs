using Orca.Api.Apps;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>apps/v1 replicasets: Kubernetes' defaults and validation; status only through /status.</summary>
internal sealed class ReplicaSetStrategy : Strategy<ReplicaSet>
{
    public static readonly ReplicaSetStrategy Instance = new();

    private static readonly FieldPath Spec = FieldPath.New("spec");

    public override IReadOnlyCollection<string> SelectableFields => ["status.replicas"];

    public override void AddFields(ReplicaSet obj, IDictionary<string, string> fields) =>
        fields["status.replicas"] = obj.Status.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void PrepareForCreate(ReplicaSet obj) => obj.Status = new ReplicaSetStatus();

    public override void PrepareForUpdate(ReplicaSet obj, ReplicaSet old) => obj.Status = old.Status;

    public override void Default(ReplicaSet obj)
    {
        obj.Spec.Replicas ??= 1;
        WorkloadDefaults.Template(obj.Spec.Template);
    }

    public override IReadOnlyList<FieldError> Validate(ReplicaSet obj)
    {
        var errors = new ErrorList();
        var spec = obj.Spec;
        WorkloadValidation.NonNegative(errors, spec.Replicas, Spec.Child("replicas"));
        WorkloadValidation.NonNegative(errors, spec.MinReadySeconds, Spec.Child("minReadySeconds"));
        // Kubernetes' replica set validation says "deployment" here too.
        WorkloadValidation.RequiredSelector(errors, spec.Selector, Spec.Child("selector"), "deployment");
        WorkloadValidation.TemplateMatches(errors, spec.Selector, spec.Template, Spec.Child("template"));
        WorkloadValidation.ReplicaTemplate(errors, spec.Template, Spec.Child("template"), "activeDeadlineSeconds in ReplicaSet is not Supported");
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(ReplicaSet obj, ReplicaSet old)
    {
        var errors = new ErrorList(Validate(obj));
        WorkloadValidation.ImmutableSelector(errors, obj.Spec.Selector, old.Spec.Selector, Spec.Child("selector"));
        return errors;
    }

    public static readonly StatusStrategy<ReplicaSet> Status = new(Instance, (rs, old) =>
    {
        rs.Spec = old.Spec;
        StatusMeta.KeepFromOld(rs.Metadata, old.Metadata);
    });
}
