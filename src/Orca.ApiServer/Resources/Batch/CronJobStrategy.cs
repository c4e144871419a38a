using Orca.Api.Batch;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Batch;

/// <summary>
/// batch/v1 cronjobs: Kubernetes' defaults (Allow, not suspended, keep 3 successful and 1 failed
/// job), schedule and time zone checks, the job template rules; status only through /status.
/// </summary>
internal sealed class CronJobStrategy : Strategy<CronJob>
{
    public static readonly CronJobStrategy Instance = new();

    /// <summary>Job names are the CronJob's name plus an 11-character suffix and must stay labels.</summary>
    private const int MaxNameLength = 52;

    private static readonly FieldPath Spec = FieldPath.New("spec");
    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];

    public override void PrepareForCreate(CronJob obj) => obj.Status = new CronJobStatus();

    public override void PrepareForUpdate(CronJob obj, CronJob old) => obj.Status = old.Status;

    public override void Default(CronJob obj)
    {
        var spec = obj.Spec;
        spec.ConcurrencyPolicy ??= "Allow";
        spec.Suspend ??= false;
        spec.SuccessfulJobsHistoryLimit ??= 3;
        spec.FailedJobsHistoryLimit ??= 1;
        spec.JobTemplate.Spec ??= new JobSpec();
        WorkloadDefaults.Template(spec.JobTemplate.Spec.Template);
    }

    public override IReadOnlyList<FieldError> Validate(CronJob obj)
    {
        var errors = new ErrorList();
        if (obj.Metadata.Name is { Length: > MaxNameLength } name)
            errors.Add(FieldError.Invalid(FieldPath.New("metadata", "name"), name, $"must be no more than {MaxNameLength} characters"));
        var spec = obj.Spec;
        if (spec.Schedule.Length == 0) errors.Add(FieldError.Required(Spec.Child("schedule")));
        else
        {
            if (CronScheduleSyntax.Error(spec.Schedule) is { } error) errors.Add(FieldError.Invalid(Spec.Child("schedule"), spec.Schedule, error));
            if (spec.Schedule.Contains("TZ", StringComparison.Ordinal))
                errors.Add(FieldError.Invalid(Spec.Child("schedule"), spec.Schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        TimeZone(errors, spec.TimeZone);
        WorkloadValidation.NonNegative(errors, spec.StartingDeadlineSeconds, Spec.Child("startingDeadlineSeconds"));
        if (spec.ConcurrencyPolicy is { } policy && !ConcurrencyPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(Spec.Child("concurrencyPolicy"), policy, ConcurrencyPolicies));
        WorkloadValidation.NonNegative(errors, spec.SuccessfulJobsHistoryLimit, Spec.Child("successfulJobsHistoryLimit"));
        WorkloadValidation.NonNegative(errors, spec.FailedJobsHistoryLimit, Spec.Child("failedJobsHistoryLimit"));
        JobTemplate(errors, spec.JobTemplate, Spec.Child("jobTemplate"));
        return errors;
    }

    private static void JobTemplate(ErrorList errors, JobTemplateSpec template, FieldPath path)
    {
        var p = path.Child("spec");
        var spec = template.Spec ?? new JobSpec();
        errors.AddRange(ObjectMetaValidator.ValidateLabels(template.Metadata?.Labels, path.Child("metadata", "labels")));
        errors.AddRange(ObjectMetaValidator.ValidateAnnotations(template.Metadata?.Annotations, path.Child("metadata", "annotations")));
        JobValidation.Spec(errors, spec, p);
        if (spec.ManualSelector != true && spec.Selector is not null)
            errors.Add(FieldError.Invalid(p.Child("selector"), GoSyntax.LabelSelector(spec.Selector), "`selector` will be auto-generated"));
    }

    private static void TimeZone(ErrorList errors, string? timeZone)
    {
        if (timeZone is null) return;
        var path = Spec.Child("timeZone");
        if (timeZone.Length == 0) errors.Add(FieldError.Invalid(path, timeZone, "timeZone must be nil or non-empty string"));
        else if (timeZone.Equals("Local", StringComparison.OrdinalIgnoreCase))
            errors.Add(FieldError.Invalid(path, timeZone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            errors.Add(FieldError.Invalid(path, timeZone, $"unknown time zone {timeZone}"));
    }

    public static readonly StatusStrategy<CronJob> Status = new(Instance, (cj, old) =>
    {
        cj.Spec = old.Spec;
        StatusMeta.KeepFromOld(cj.Metadata, old.Metadata);
    });
}
