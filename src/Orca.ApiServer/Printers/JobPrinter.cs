using System.Text.Json.Nodes;
using Orca.Api.Batch;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>batch/v1 jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class JobPrinter : TablePrinter<Job>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Status", "Status of the job."),
        Column.Text("Completions", "Succeeded pods over the pods needed to complete."),
        Column.Text("Duration", "Time required to complete the job."),
        Column.Age(),
        .. Column.ContainersAndImages(),
        Column.Text("Selector", "Label query over the pods of the job.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Job job, DateTimeOffset now)
    {
        var (names, images) = TemplateCells.Containers(job.Spec.Template);
        return
        [
            Text(job.Metadata.Name),
            Text(Status(job)),
            Text(Completions(job)),
            Text(Duration(job, now)),
            AgeOf(job, now),
            names,
            images,
            Text(TemplateCells.FormatSelector(job.Spec.Selector)),
        ];
    }

    /// <summary>"3/5"; without completions "0/1", or "0/1 of 3" when more than one pod runs at once.</summary>
    internal static string Completions(Job job)
    {
        var succeeded = job.Status.Succeeded ?? 0;
        if (job.Spec.Completions is { } completions) return $"{succeeded}/{completions}";
        var parallelism = job.Spec.Parallelism ?? 0;
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    /// <summary>Start to completion, or start to now while running; empty before the job starts.</summary>
    internal static string Duration(Job job, DateTimeOffset now) => job.Status switch
    {
        { StartTime: null } => "",
        { StartTime: { } start, CompletionTime: { } end } => Age.HumanDuration(end - start),
        { StartTime: { } start } => Age.HumanDuration(now - start),
    };

    /// <summary>Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet or Running, in that precedence.</summary>
    internal static string Status(Job job)
    {
        if (HasCondition(job, "Complete")) return "Complete";
        if (HasCondition(job, "Failed")) return "Failed";
        if (job.Metadata.DeletionTimestamp is not null) return "Terminating";
        if (HasCondition(job, "Suspended")) return "Suspended";
        if (HasCondition(job, "FailureTarget")) return "FailureTarget";
        if (HasCondition(job, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
        return "Running";
    }

    /// <summary>The first condition of the type decides, as Kubernetes looks it up.</summary>
    private static bool HasCondition(Job job, string type) =>
        job.Status.Conditions?.FirstOrDefault(c => c.Type == type)?.Status == "True";
}
