using Orca.Api.Apps;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>apps/v1 controllerrevisions: immutable data, a non-negative revision.</summary>
internal sealed class ControllerRevisionStrategy : Strategy<ControllerRevision>
{
    public static readonly ControllerRevisionStrategy Instance = new();

    public override IReadOnlyList<FieldError> Validate(ControllerRevision obj)
    {
        var errors = new ErrorList();
        if (obj.Data is null) errors.Add(FieldError.Required(FieldPath.New("data"), "data is mandatory"));
        WorkloadValidation.NonNegative(errors, obj.Revision, FieldPath.New("revision"));
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(ControllerRevision obj, ControllerRevision old)
    {
        var errors = new ErrorList(Validate(obj));
        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(obj.Data, old.Data))
            errors.Add(FieldError.Invalid(FieldPath.New("data"), GoSyntax.Raw("runtime.RawExtension{...}"), ObjectMetaValidator.FieldImmutableErrorMsg));
        return errors;
    }
}
