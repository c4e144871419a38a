using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED-NODE READINESS-GATES.</summary>
internal sealed class PodPrinter : TablePrinter<Pod>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Ready", "Ready containers over all containers, sidecars included."),
        Column.Text("Status", "Summary of the pod's phase and container states."),
        Column.Text("Restarts", "Container restarts, with the age of the latest one."),
        Column.Age(),
        Column.Text("IP", "Primary IP address of the pod.", 1),
        Column.Text("Node", "Node the pod is bound to.", 1),
        Column.Text("Nominated Node", "Node the scheduler nominated while preempting.", 1),
        Column.Text("Readiness Gates", "True readiness gate conditions over all readiness gates.", 1),
    ];

    private static readonly TableRowCondition[] s_succeeded =
        [new("Completed", "True", "Succeeded", "The pod has completed successfully.")];

    private static readonly TableRowCondition[] s_failed =
        [new("Completed", "True", "Failed", "The pod failed.")];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    /// <summary>The row conditions Kubernetes attaches to a finished pod's row; null for others.</summary>
    public static IReadOnlyList<TableRowCondition>? RowConditions(Pod pod) => pod.Status.Phase switch
    {
        "Succeeded" => s_succeeded,
        "Failed" => s_failed,
        _ => null,
    };

    protected override IReadOnlyList<JsonNode?> Row(Pod pod, DateTimeOffset now)
    {
        var summary = PodSummary.Of(pod, now);
        return
        [
            Text(pod.Metadata.Name),
            Text(summary.Ready),
            Text(summary.Status),
            Text(summary.Restarts),
            AgeOf(pod, now),
            Text(OrNone(PodIP(pod.Status))),
            Text(OrNone(pod.Spec.NodeName)),
            Text(OrNone(pod.Status.NominatedNodeName)),
            Text(ReadinessGates(pod)),
        ];
    }

    /// <summary>The first of podIPs; podIP stands in when the list is absent, as conversion does.</summary>
    private static string? PodIP(PodStatus status) =>
        status.PodIPs is [var first, ..] ? first.IP : status.PodIP;

    private static string ReadinessGates(Pod pod)
    {
        var gates = pod.Spec.ReadinessGates;
        if (gates is null || gates.Count == 0) return "<none>";
        var conditions = pod.Status.Conditions ?? [];
        int trueCount = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.Type == gate.ConditionType)?.Status == "True");
        return $"{trueCount}/{gates.Count}";
    }

    private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}
