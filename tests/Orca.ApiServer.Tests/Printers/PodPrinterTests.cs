using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.ApiServer.Printers;
using static Orca.ApiServer.Tests.Printers.PodBuilder;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class PodPrinterTests
{
    public static TheoryData<string, Pod, string, string, string> StatusCases() => new()
    {
        { "pending, no statuses", Named("p").Containers("app").Build(), "0/1", "Pending", "0" },
        { "container creating", Named("p").Containers("app").Status(Waiting("app", "ContainerCreating")).Build(), "0/1", "ContainerCreating", "0" },
        { "running", Named("p", "Running").Containers("app").Status(Running("app")).Condition("Ready", "True").Build(), "1/1", "Running", "0" },
        { "running, not ready", Named("p", "Running").Containers("app").Status(Running("app", ready: false)).Build(), "0/1", "Running", "0" },
        { "crash loop", Named("p", "Running").Containers("app").Status(Waiting("app", "CrashLoopBackOff", 3, TimeSpan.FromMinutes(5))).Build(), "0/1", "CrashLoopBackOff", "3 (5m ago)" },
        { "image pull backoff", Named("p").Containers("app").Status(Waiting("app", "ImagePullBackOff")).Build(), "0/1", "ImagePullBackOff", "0" },
        { "completed", Named("p", "Succeeded").Containers("app").Status(Terminated("app", 0, "Completed")).Build(), "0/1", "Completed", "0" },
        { "error", Named("p", "Failed").Containers("app").Status(Terminated("app", 1, "Error")).Build(), "0/1", "Error", "0" },
        { "oom killed", Named("p", "Failed").Containers("app").Status(Terminated("app", 137, "OOMKilled")).Build(), "0/1", "OOMKilled", "0" },
        { "exit code without reason", Named("p", "Failed").Containers("app").Status(Terminated("app", 2)).Build(), "0/1", "ExitCode:2", "0" },
        { "signal without reason", Named("p", "Failed").Containers("app").Status(Terminated("app", 137, signal: 9)).Build(), "0/1", "Signal:9", "0" },
        { "first container wins", Named("p", "Running").Containers("a", "b").Status(Waiting("a", "ErrImagePull")).Status(Waiting("b", "CrashLoopBackOff")).Build(), "0/2", "ErrImagePull", "0" },
        {
            "init 0/2", Named("p").Init("i1", "i2").Containers("app")
                .InitStatus(Running("i1", ready: false)).InitStatus(Waiting("i2", "PodInitializing")).Status(Waiting("app", "PodInitializing")).Build(),
            "0/1", "Init:0/2", "0"
        },
        {
            "init 1/2", Named("p").Init("i1", "i2").Containers("app")
                .InitStatus(Terminated("i1", 0, "Completed")).InitStatus(Running("i2", ready: false)).Status(Waiting("app", "PodInitializing")).Build(),
            "0/1", "Init:1/2", "0"
        },
        {
            "init waiting on PodInitializing counts as progress", Named("p").Init("i1").Containers("app")
                .InitStatus(Waiting("i1", "PodInitializing")).Build(),
            "0/1", "Init:0/1", "0"
        },
        { "init error", Named("p").Init("i1").Containers("app").InitStatus(Terminated("i1", 1, "Error")).Status(Waiting("app", "PodInitializing")).Build(), "0/1", "Init:Error", "0" },
        { "init exit code", Named("p").Init("i1").Containers("app").InitStatus(Terminated("i1", 3)).Build(), "0/1", "Init:ExitCode:3", "0" },
        { "init signal", Named("p").Init("i1").Containers("app").InitStatus(Terminated("i1", 130, signal: 2)).Build(), "0/1", "Init:Signal:2", "0" },
        {
            "init crash loop", Named("p").Init("i1").Containers("app")
                .InitStatus(Waiting("i1", "CrashLoopBackOff", 2, TimeSpan.FromSeconds(90))).Status(Waiting("app", "PodInitializing")).Build(),
            "0/1", "Init:CrashLoopBackOff", "2 (90s ago)"
        },
        {
            "pod initializing", Named("p").Init("i1").Containers("app")
                .InitStatus(Terminated("i1", 0, "Completed")).Status(Waiting("app", "PodInitializing")).Build(),
            "0/1", "PodInitializing", "0"
        },
        {
            "finished init restarts no longer count", Named("p", "Running").Init("i1").Containers("app")
                .InitStatus(Terminated("i1", 0, "Completed") with { RestartCount = 2 }).Status(Running("app")).Build(),
            "1/1", "Running", "0"
        },
        { "terminating", Named("p", "Running").Containers("app").Status(Running("app")).Deleting().Build(), "1/1", "Terminating", "0" },
        { "terminal pod being deleted", Named("p", "Succeeded").Containers("app").Status(Terminated("app", 0, "Completed")).Deleting().Build(), "0/1", "Completed", "0" },
        { "node lost", Named("p", "Running").Containers("app").Status(Running("app")).Reason("NodeLost").Deleting().Build(), "1/1", "Unknown", "0" },
        { "evicted", Named("p", "Failed").Containers("app").Reason("Evicted").Build(), "0/1", "Evicted", "0" },
        { "scheduling gated", Named("p").Containers("app").Condition("PodScheduled", "False", "SchedulingGated").Build(), "0/1", "SchedulingGated", "0" },
        {
            "sidecar counted in ready and restarts", Named("p", "Running").Sidecar("proxy").Containers("app")
                .InitStatus(Running("proxy", restarts: 1, lastFinishedAgo: TimeSpan.FromMinutes(10)))
                .Status(Running("app")).Condition("Initialized", "True").Condition("Ready", "True").Build(),
            "2/2", "Running", "1 (10m ago)"
        },
        {
            "sidecar not started blocks init", Named("p").Sidecar("proxy").Containers("app")
                .InitStatus(Waiting("proxy", "ContainerCreating")).Build(),
            "0/2", "Init:ContainerCreating", "0"
        },
        {
            "completed container beside a running ready one, pod ready", Named("p", "Running").Containers("job", "web")
                .Status(Terminated("job", 0, "Completed")).Status(Running("web")).Condition("Ready", "True").Build(),
            "1/2", "Running", "0"
        },
        {
            "completed container beside a running ready one, pod not ready", Named("p", "Running").Containers("job", "web")
                .Status(Terminated("job", 0, "Completed")).Status(Running("web")).Condition("Ready", "False").Build(),
            "1/2", "NotReady", "0"
        },
        {
            "restarts sum with the latest finish", Named("p", "Running").Containers("a", "b")
                .Status(Running("a", restarts: 2, lastFinishedAgo: TimeSpan.FromHours(3)))
                .Status(Running("b", restarts: 1, lastFinishedAgo: TimeSpan.FromMinutes(4))).Build(),
            "2/2", "Running", "3 (4m ago)"
        },
        { "restarts without a finish time", Named("p", "Running").Containers("a").Status(Running("a", restarts: 4)).Build(), "1/1", "Running", "4" },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Ready_status_and_restarts(string description, Pod pod, string ready, string status, string restarts)
    {
        var cells = PrinterSet.Pod.Cells(pod, Now);

        Assert.True(ready == Str(cells[1]), $"{description}: ready {Str(cells[1])}");
        Assert.True(status == Str(cells[2]), $"{description}: status {Str(cells[2])}");
        Assert.True(restarts == Str(cells[3]), $"{description}: restarts {Str(cells[3])}");
    }

    [Fact]
    public void Columns_match_kubernetes()
    {
        var columns = PrinterSet.Pod.Columns;

        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], columns.Select(c => c.Priority));
        Assert.All(columns, c => Assert.Equal("string", c.Type));
        Assert.Equal("name", columns[0].Format);
    }

    [Fact]
    public void Wide_cells_default_to_none()
    {
        var cells = PrinterSet.Pod.Cells(Named("web").Containers("app").Build(), Now);

        Assert.Equal(["web", "0/1", "Pending", "0", "60m", "<none>", "<none>", "<none>", "<none>"], cells.Select(Str));
    }

    [Fact]
    public void Wide_cells_show_ip_node_nomination_and_gates()
    {
        var pod = Named("web", "Running").Containers("app")
            .Condition("example.com/a", "True").Condition("example.com/b", "False")
            .With(p =>
            {
                p.Spec.NodeName = "node-1";
                p.Spec.ReadinessGates = [new() { ConditionType = "example.com/a" }, new() { ConditionType = "example.com/b" }];
                p.Status.PodIPs = [new() { IP = "10.0.0.5" }, new() { IP = "fd00::5" }];
                p.Status.NominatedNodeName = "node-2";
            }).Build();

        var cells = PrinterSet.Pod.Cells(pod, Now);

        Assert.Equal(["10.0.0.5", "node-1", "node-2", "1/2"], cells.Skip(5).Select(Str));
    }

    [Fact]
    public void Pod_ip_falls_back_to_the_single_field()
    {
        var pod = Named("web").Containers("app").With(p => p.Status.PodIP = "10.0.0.9").Build();

        Assert.Equal("10.0.0.9", Str(PrinterSet.Pod.Cells(pod, Now)[5]));
    }

    [Theory]
    [InlineData("Succeeded", "Succeeded")]
    [InlineData("Failed", "Failed")]
    [InlineData("Running", null)]
    public void Finished_pods_carry_a_completed_row_condition(string phase, string? reason)
    {
        var conditions = PodPrinter.RowConditions(Named("p", phase).Build());

        Assert.Equal(reason, conditions?.Single().Reason);
        if (conditions is not null) Assert.Equal("Completed", conditions[0].Type);
    }

    [Fact]
    public void Age_is_unknown_without_creation_time()
    {
        var pod = Named("p").With(p => p.Metadata.CreationTimestamp = null).Build();

        Assert.Equal("<unknown>", Str(PrinterSet.Pod.Cells(pod, Now)[4]));
    }

    [Fact]
    public void Wrong_object_type_is_a_bug()
    {
        Assert.Throws<ArgumentException>(() => PrinterSet.Pod.Cells(new Node(), Now));
    }

    internal static string? Str(JsonNode? node) => node?.GetValue<string>();
}
