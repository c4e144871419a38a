using Orca.Api.Scheduling;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Scheduling;

/// <summary>
/// scheduling.k8s.io/v1 priorityclasses (cluster-scoped): values above 1000000000 and names starting
/// with "system-" are reserved for the built-in classes; value and preemptionPolicy are immutable.
/// The one-default rule needs the other classes and lives in PriorityAdmission.
/// </summary>
internal sealed class PriorityClassStrategy : Strategy<PriorityClass>
{
    public static readonly PriorityClassStrategy Instance = new();

    private static readonly string[] PreemptionPolicies = [PriorityClasses.PreemptLowerPriority, PriorityClasses.PreemptNever];

    /// <summary>The classes every cluster has, created at start-up.</summary>
    public static readonly IReadOnlyList<PriorityClass> SystemClasses =
    [
        new()
        {
            Metadata = new() { Name = PriorityClasses.SystemClusterCritical },
            Value = PriorityClasses.SystemCriticalPriority,
            Description = "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
        },
        new()
        {
            Metadata = new() { Name = PriorityClasses.SystemNodeCritical },
            Value = PriorityClasses.SystemCriticalPriority + 1000,
            Description = "Used for system critical pods that must not be moved from their current node.",
        },
    ];

    public override void Default(PriorityClass obj) => obj.PreemptionPolicy ??= PriorityClasses.PreemptLowerPriority;

    public override IReadOnlyList<FieldError> Validate(PriorityClass obj)
    {
        var errors = new ErrorList();
        var name = obj.Metadata.Name ?? "";
        if (name.StartsWith(PriorityClasses.SystemPrefix, StringComparison.Ordinal))
        {
            if (KnownSystemClassError(obj) is { } error)
                errors.Add(FieldError.Forbidden(FieldPath.New("metadata", "name"),
                    $"priority class names with '{PriorityClasses.SystemPrefix}' prefix are reserved for system use only. error: {error}"));
        }
        else if (obj.Value > PriorityClasses.HighestUserDefinablePriority)
        {
            errors.Add(FieldError.Forbidden(FieldPath.New("value"), $"maximum allowed value of a user defined priority is {PriorityClasses.HighestUserDefinablePriority}"));
        }
        if (obj.PreemptionPolicy is { } policy && !PreemptionPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(FieldPath.New("preemptionPolicy"), policy, PreemptionPolicies));
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(PriorityClass obj, PriorityClass old)
    {
        var errors = new ErrorList(Validate(obj));
        if (obj.Value != old.Value) errors.Add(FieldError.Forbidden(FieldPath.New("value"), "may not be changed in an update."));
        if (obj.PreemptionPolicy != old.PreemptionPolicy)
            errors.Add(FieldError.Invalid(FieldPath.New("preemptionPolicy"), obj.PreemptionPolicy, ObjectMetaValidator.FieldImmutableErrorMsg));
        return errors;
    }

    /// <summary>IsKnownSystemPriorityClass: a system- class must be one of the built-ins, exactly.</summary>
    private static string? KnownSystemClassError(PriorityClass obj)
    {
        var known = SystemClasses.FirstOrDefault(c => c.Metadata.Name == obj.Metadata.Name);
        if (known is null) return $"{obj.Metadata.Name} is not a known system priority class";
        if (known.Value != obj.Value) return $"value of {obj.Metadata.Name} PriorityClass must be {known.Value}";
        if ((obj.GlobalDefault ?? false) != (known.GlobalDefault ?? false))
            return $"globalDefault of {obj.Metadata.Name} PriorityClass must be {((known.GlobalDefault ?? false) ? "true" : "false")}";
        return null;
    }
}
