using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Batch;

/// <summary>
/// batch/v1 jobs: Kubernetes' defaults (one completion and one pod at a time, backoffLimit 6,
/// NonIndexed, not suspended), the generated selector on the job's uid unless manualSelector is
/// true, validation, and a mostly immutable spec; status only through /status.
/// </summary>
internal sealed class JobStrategy : Strategy<Job>
{
    public static readonly JobStrategy Instance = new();

    private static readonly FieldPath Spec = FieldPath.New("spec");

    public override IReadOnlyCollection<string> SelectableFields => ["status.successful"];

    public override void AddFields(Job obj, IDictionary<string, string> fields) =>
        fields["status.successful"] = (obj.Status.Succeeded ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void PrepareForCreate(Job obj)
    {
        obj.Status = new JobStatus();
        if (obj.Spec.ManualSelector != true) GenerateSelector(obj);
    }

    public override void PrepareForUpdate(Job obj, Job old) => obj.Status = old.Status;

    /// <summary>SetDefaults_Job and the pod template defaults.</summary>
    public override void Default(Job obj)
    {
        var spec = obj.Spec;
        if (spec.Completions is null && spec.Parallelism is null)
        {
            spec.Completions = 1;
            spec.Parallelism = 1;
        }
        spec.Parallelism ??= 1;
        spec.BackoffLimit ??= spec.BackoffLimitPerIndex is null ? 6 : int.MaxValue;
        if (spec.Template.Metadata?.Labels is { Count: > 0 } labels && (obj.Metadata.Labels?.Count ?? 0) == 0)
            obj.Metadata.Labels = new Dictionary<string, string>(labels);
        spec.CompletionMode ??= "NonIndexed";
        spec.Suspend ??= false;
        foreach (var pattern in spec.PodFailurePolicy?.Rules.SelectMany(r => r.OnPodConditions ?? []) ?? []) pattern.Status ??= "True";
        spec.PodReplacementPolicy ??= spec.PodFailurePolicy is null ? "TerminatingOrFailed" : "Failed";
        WorkloadDefaults.Template(spec.Template);
    }

    /// <summary>
    /// Labels the pods with the job's name and uid (both the batch.kubernetes.io/ and the legacy
    /// keys) and selects the uid, unless the user set those labels themselves.
    /// </summary>
    private static void GenerateSelector(Job job)
    {
        var template = job.Spec.Template;
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Labels ??= new Dictionary<string, string>();
        var labels = template.Metadata.Labels;
        labels.TryAdd(BatchLabels.LegacyJobName, job.Metadata.Name ?? "");
        labels.TryAdd(BatchLabels.JobName, job.Metadata.Name ?? "");
        labels.TryAdd(BatchLabels.LegacyControllerUid, job.Metadata.Uid ?? "");
        labels.TryAdd(BatchLabels.ControllerUid, job.Metadata.Uid ?? "");
        job.Spec.Selector ??= new LabelSelector();
        job.Spec.Selector.MatchLabels ??= new Dictionary<string, string>();
        job.Spec.Selector.MatchLabels.TryAdd(BatchLabels.ControllerUid, job.Metadata.Uid ?? "");
    }

    public override IReadOnlyList<FieldError> Validate(Job obj)
    {
        var errors = new ErrorList();
        GeneratedSelector(errors, obj);
        var spec = obj.Spec;
        JobValidation.Spec(errors, spec, Spec);
        if (spec.Selector is null) errors.Add(FieldError.Required(Spec.Child("selector")));
        else errors.AddRange(LabelSelectorValidator.Validate(spec.Selector, Spec.Child("selector")));
        if (spec.Selector is not null && !WorkloadValidation.Selects(spec.Selector, spec.Template.Metadata?.Labels)
            && Api.Selectors.LabelSelectorConverter.TryConvert(spec.Selector, out _, out _))
            errors.Add(FieldError.Invalid(Spec.Child("template", "metadata", "labels"), GoSyntax.StringMap(spec.Template.Metadata?.Labels), WorkloadValidation.SelectorMismatch));
        return errors;
    }

    /// <summary>Without manualSelector the selector must be the generated one: it selects this job's uid.</summary>
    private static void GeneratedSelector(ErrorList errors, Job job)
    {
        if (job.Spec.ManualSelector == true || job.Spec.Template.Metadata?.Labels is null || string.IsNullOrEmpty(job.Metadata.Uid)) return;
        if (job.Spec.Selector is null) return;
        var uid = new Dictionary<string, string> { [BatchLabels.ControllerUid] = job.Metadata.Uid };
        if (!WorkloadValidation.Selects(job.Spec.Selector, uid))
            errors.Add(FieldError.Invalid(Spec.Child("selector"), GoSyntax.LabelSelector(job.Spec.Selector), "`selector` not auto-generated"));
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(Job obj, Job old)
    {
        var errors = new ErrorList(Validate(obj));
        var spec = obj.Spec;
        var elastic = spec.CompletionMode == "Indexed" && spec.Completions == spec.Parallelism;
        if (spec.Completions != old.Spec.Completions && !elastic)
            errors.Add(FieldError.Invalid(Spec.Child("completions"), spec.Completions, ObjectMetaValidator.FieldImmutableErrorMsg));
        WorkloadValidation.ImmutableSelector(errors, spec.Selector, old.Spec.Selector, Spec.Child("selector"));
        if (!WorkloadValidation.SameJson(MutableTemplateParts(spec.Template, old), MutableTemplateParts(old.Spec.Template, old)))
            errors.Add(FieldError.Invalid(Spec.Child("template"), GoSyntax.Raw("core.PodTemplateSpec{...}"), ObjectMetaValidator.FieldImmutableErrorMsg));
        Immutable(errors, spec.CompletionMode, old.Spec.CompletionMode, "completionMode");
        if (!WorkloadValidation.SameJson(spec.PodFailurePolicy, old.Spec.PodFailurePolicy))
            errors.Add(FieldError.Invalid(Spec.Child("podFailurePolicy"), GoSyntax.Raw("&batch.PodFailurePolicy{...}"), ObjectMetaValidator.FieldImmutableErrorMsg));
        Immutable(errors, spec.BackoffLimitPerIndex, old.Spec.BackoffLimitPerIndex, "backoffLimitPerIndex");
        Immutable(errors, spec.ManagedBy, old.Spec.ManagedBy, "managedBy");
        if (!WorkloadValidation.SameJson(spec.SuccessPolicy, old.Spec.SuccessPolicy))
            errors.Add(FieldError.Invalid(Spec.Child("successPolicy"), GoSyntax.Raw("&batch.SuccessPolicy{...}"), ObjectMetaValidator.FieldImmutableErrorMsg));
        return errors;
    }

    /// <summary>
    /// The template without what may change: of a job suspended before it ever started, the
    /// scheduling directives (node selector, affinity, tolerations, scheduling gates), labels and
    /// annotations, as Kubernetes allows for queueing controllers.
    /// </summary>
    private static PodTemplateSpec MutableTemplateParts(PodTemplateSpec template, Job old)
    {
        if (old.Spec.Suspend != true || old.Status.StartTime is not null) return template;
        var copy = ApiJson.Clone(template);
        copy.Metadata = null;
        if (copy.Spec is { } s)
        {
            s.NodeSelector = null;
            s.Affinity = null;
            s.Tolerations = null;
            s.SchedulingGates = null;
        }
        return copy;
    }

    private static void Immutable<T>(ErrorList errors, T value, T old, string field)
    {
        if (!EqualityComparer<T>.Default.Equals(value, old))
            errors.Add(FieldError.Invalid(Spec.Child(field), value, ObjectMetaValidator.FieldImmutableErrorMsg));
    }

    public static readonly StatusStrategy<Job> Status = new(Instance, (job, old) =>
    {
        job.Spec = old.Spec;
        StatusMeta.KeepFromOld(job.Metadata, old.Metadata);
    });
}
