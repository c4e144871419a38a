using Orca.Api.Core;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.NodeResources;

namespace Orca.Scheduler.Tests.Plugins;

public sealed class NodeResourcesFitTests
{
    public static TheoryData<string, Pod, Pod[], string, string> FilterCases => new()
    {
        { "fits beside an existing pod", Pod("p").Requests("1", "1Gi"), [Existing("a").Requests("2", "4Gi")], "Success", "" },
        { "cpu short", Pod("p").Requests("3"), [Existing("a").Requests("2")], "Unschedulable", "Insufficient cpu" },
        { "cpu and memory short, reasons in order", Pod("p").Requests("3", "6Gi"), [Existing("a").Requests("2", "4Gi")], "Unschedulable", "Insufficient cpu, Insufficient memory" },
        { "request above allocatable is unresolvable", Pod("p").Requests("5"), [], "UnschedulableAndUnresolvable", "Insufficient cpu" },
        { "ephemeral storage", Pod("p").Requests(other: [("ephemeral-storage", "101Gi")]), [], "UnschedulableAndUnresolvable", "Insufficient ephemeral-storage" },
        { "extended resource the node lacks", Pod("p").Requests(other: [("example.com/gpu", "1")]), [], "UnschedulableAndUnresolvable", "Insufficient example.com/gpu" },
        { "init container larger than the app containers counts", Pod("p").Requests("1").Init("3"), [Existing("a").Requests("2")], "Unschedulable", "Insufficient cpu" },
        { "init container smaller than the app containers", Pod("p").Requests("2").Init("1"), [Existing("a").Requests("2")], "Success", "" },
        { "sidecar adds to the app containers", Pod("p").Requests("1").Init("1", sidecar: true), [Existing("a").Requests("2500m")], "Unschedulable", "Insufficient cpu" },
        { "init after a sidecar runs beside it", Pod("p").Requests("100m").Init("1", sidecar: true).Init("1500m"), [Existing("a").Requests("1600m")], "Unschedulable", "Insufficient cpu" },
        { "init before a sidecar runs alone", Pod("p").Requests("100m").Init("1500m").Init("1", sidecar: true), [Existing("a").Requests("2400m")], "Success", "" },
        { "overhead is added", Pod("p").Requests("1").Overhead("1500m", "1Mi"), [Existing("a").Requests("2")], "Unschedulable", "Insufficient cpu" },
        { "pod-level request replaces container sums", Pod("p").Requests("3").PodLevel("1"), [Existing("a").Requests("2")], "Success", "" },
        { "best effort fits a full node", Pod("p"), [Existing("a").Requests("4", "8Gi")], "Success", "" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter(string name, Pod pod, Pod[] existing, string code, string reasons)
    {
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "8Gi")], existing);
        var status = h.Filter(new Fit(new NodeResourcesFitArgs()), pod, "n1");
        Assert.True(code == status.Code.ToString(), $"{name}: {status}");
        Assert.Equal(reasons, status.Message);
    }

    [Fact]
    public void A_node_at_its_pod_limit_has_too_many_pods_even_for_a_best_effort_pod()
    {
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "8Gi", pods: 2)], [Existing("a"), Existing("b")]);
        var status = h.Filter(new Fit(new NodeResourcesFitArgs()), Pod("p"), "n1");
        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal(["Too many pods"], status.Reasons);
    }

    [Fact]
    public void Ignored_extended_resources_and_groups_are_not_checked()
    {
        var h = new Harness([NodeBuilder.Named("n1")]);
        var pod = Pod("p").Requests(other: [("example.com/gpu", "1"), ("vendor.io/fpga", "2")]).Build();
        Assert.False(h.Filter(new Fit(new NodeResourcesFitArgs()), pod, "n1").IsSuccess);
        var fit = new Fit(new NodeResourcesFitArgs { IgnoredResources = ["example.com/gpu"], IgnoredResourceGroups = ["vendor.io"] });
        Assert.True(h.Filter(fit, pod, "n1").IsSuccess);
    }

    [Fact]
    public void Extended_resources_fit_while_the_node_has_them_left()
    {
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "8Gi", 110, ("example.com/gpu", "2"))],
            [Existing("a").Requests(other: [("example.com/gpu", "1")])]);
        var fit = new Fit(new NodeResourcesFitArgs());
        Assert.True(h.Filter(fit, Pod("p").Requests(other: [("example.com/gpu", "1")]), "n1").IsSuccess);
        Assert.Equal(["Insufficient example.com/gpu"], h.Filter(fit, Pod("p").Requests(other: [("example.com/gpu", "2")]), "n1").Reasons);
    }

    public static TheoryData<string, string, long> ScoreCases => new()
    {
        // node 4 cpu / 10000Ki memory-ish numbers chosen as upstream's examples: cpu 3/4 used, memory 1/2 used after placement
        { "LeastAllocated", "", (25 + 50) / 2 },
        { "MostAllocated", "", (75 + 50) / 2 },
        { "RequestedToCapacityRatio", "spread", 38 },
    };

    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void Score_strategies(string type, string shape, long expected)
    {
        var args = new NodeResourcesFitArgs { ScoringStrategy = new ScoringStrategy { Type = type } };
        if (shape == "spread")
            args.ScoringStrategy.RequestedToCapacityRatio = new RequestedToCapacityRatioParam { Shape = [new() { Utilization = 0, Score = 10 }, new() { Utilization = 100, Score = 0 }] };
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "10000")]);
        var scores = h.Scores(new Fit(args), Pod("p").Requests("3", "5000"));
        Assert.Equal([expected], scores);
    }

    [Fact]
    public void Scoring_counts_100m_and_200Mi_for_containers_without_requests()
    {
        var h = new Harness([NodeBuilder.Named("n1").Capacity("1", "400Mi")]);
        // cpu (1000-100)/1000 → 90, memory (400-200)/400 → 50
        Assert.Equal([70L], h.Scores(new Fit(new NodeResourcesFitArgs()), Pod("p")));
    }

    [Fact]
    public void Resource_weights_shape_the_average()
    {
        var args = new NodeResourcesFitArgs
        {
            ScoringStrategy = new ScoringStrategy { Resources = [new() { Name = "cpu", Weight = 3 }, new() { Name = "memory", Weight = 1 }] },
        };
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "10000")]);
        Assert.Equal([(25 * 3 + 50) / 4L], h.Scores(new Fit(args), Pod("p").Requests("3", "5000")));
    }

    [Theory]
    [InlineData("3", "5000", 87)]
    [InlineData("2", "5000", 100)]
    public void Balanced_allocation_prefers_even_use(string cpu, string memory, long expected)
    {
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "10000")]);
        Assert.Equal([expected], h.Scores(new BalancedAllocation(new NodeResourcesBalancedAllocationArgs()), Pod("p").Requests(cpu, memory)));
    }

    [Fact]
    public void Balanced_allocation_skips_best_effort_pods()
    {
        var h = new Harness([NodeBuilder.Named("n1")]);
        var state = new CycleState();
        var status = new BalancedAllocation(new NodeResourcesBalancedAllocationArgs()).PreScore(state, new PodInfo(Pod("p")), h.Snapshot.Nodes);
        Assert.True(status.IsSkip);
    }

    [Fact]
    public void Pod_requests_follow_the_sidecar_rules()
    {
        var pod = Pod("p").Requests("1", "1Gi").Init("2").Init("500m", sidecar: true).Init("1800m").Overhead("100m", "0").Build();
        var r = PodRequests.Compute(pod.Spec);
        // app 1 + sidecar 0.5 = 1.5; init moments: 2 (before the sidecar), 1.8 + 0.5 = 2.3 → max 2.3; + overhead 0.1
        Assert.Equal(2400, r.MilliCpu);
        Assert.Equal(1L << 30, r.Memory);
    }

    private static PodBuilder Pod(string name) => PodBuilder.Named(name);

    private static PodBuilder Existing(string name) => PodBuilder.Named(name).OnNode("n1");
}
