using System.Text.Json.Nodes;
using Orca.Api.Batch;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>
/// batch/v1 cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES
/// SELECTOR.
/// </summary>
internal sealed class CronJobPrinter : TablePrinter<CronJob>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Schedule", "The schedule in cron format."),
        Column.Text("Timezone", "The time zone the schedule is read in."),
        Column.Boolean("Suspend", "Whether later runs are suspended."),
        Column.Integer("Active", "Number of running jobs."),
        Column.Text("Last Schedule", "Time since a job was last scheduled."),
        Column.Age(),
        .. Column.ContainersAndImages(),
        Column.Text("Selector", "Label query over the pods of the jobs.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(CronJob cj, DateTimeOffset now)
    {
        var template = cj.Spec.JobTemplate.Spec;
        var (names, images) = TemplateCells.Containers(template?.Template);
        return
        [
            Text(cj.Metadata.Name),
            Text(cj.Spec.Schedule),
            Text(cj.Spec.TimeZone ?? "<none>"),
            Text(cj.Spec.Suspend switch { null => "<unset>", true => "True", false => "False" }),
            Number(cj.Status.Active?.Count ?? 0),
            Text(cj.Status.LastScheduleTime is { } last ? Age.Since(last, now) : "<none>"),
            AgeOf(cj, now),
            names,
            images,
            Text(TemplateCells.FormatSelector(template?.Selector)),
        ];
    }
}
