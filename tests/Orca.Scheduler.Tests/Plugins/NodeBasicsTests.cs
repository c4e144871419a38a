using Orca.Api.Core;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins;

namespace Orca.Scheduler.Tests.Plugins;

/// <summary>NodeName, NodeUnschedulable, TaintToleration, NodePorts and ImageLocality.</summary>
public sealed class NodeBasicsTests
{
    [Theory]
    [InlineData("", "n1", true)]
    [InlineData("n1", "n1", true)]
    [InlineData("n2", "n1", false)]
    public void NodeName_matches_only_the_named_node(string wanted, string node, bool fits)
    {
        var h = new Harness([NodeBuilder.Named("n1"), NodeBuilder.Named("n2")]);
        var pod = PodBuilder.Named("p").Build();
        pod.Spec.NodeName = wanted;
        var s = h.Filter(new NodeName(), pod, node);
        Assert.Equal(fits, s.IsSuccess);
        if (!fits) Assert.Equal((StatusCode.UnschedulableAndUnresolvable, "node(s) didn't match the requested node name"), (s.Code, s.Message));
    }

    public static TheoryData<string, bool, Toleration[], bool> UnschedulableCases => new()
    {
        { "schedulable node", false, [], true },
        { "cordoned node", true, [], false },
        { "cordoned, pod tolerates the unschedulable taint", true, [new() { Key = "node.kubernetes.io/unschedulable", Operator = "Exists", Effect = "NoSchedule" }], true },
        { "cordoned, pod tolerates everything", true, [new() { Operator = "Exists" }], true },
        { "cordoned, toleration for another effect", true, [new() { Key = "node.kubernetes.io/unschedulable", Operator = "Exists", Effect = "NoExecute" }], false },
    };

    [Theory]
    [MemberData(nameof(UnschedulableCases))]
    public void NodeUnschedulable(string name, bool cordoned, Toleration[] tolerations, bool fits)
    {
        var node = NodeBuilder.Named("n1");
        if (cordoned) node.Unschedulable();
        var pod = PodBuilder.Named("p").Build();
        pod.Spec.Tolerations = [.. tolerations];
        var s = new Harness([node]).Filter(new NodeUnschedulable(), pod, "n1");
        Assert.True(fits == s.IsSuccess, name);
        if (!fits) Assert.Equal("node(s) were unschedulable", s.Message);
    }

    public static TheoryData<string, Taint[], Toleration[], string> TaintCases => new()
    {
        { "no taints", [], [], "" },
        { "untolerated NoSchedule", [new() { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }], [], "node(s) had untolerated taint {dedicated: gpu}" },
        { "untolerated NoExecute without value", [new() { Key = "node-role.kubernetes.io/control-plane", Effect = "NoExecute" }], [], "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" },
        { "PreferNoSchedule does not filter", [new() { Key = "k", Value = "v", Effect = "PreferNoSchedule" }], [], "" },
        { "Equal toleration", [new() { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }], [new() { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }], "" },
        { "Equal toleration, other value", [new() { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }], [new() { Key = "dedicated", Operator = "Equal", Value = "cpu" }], "node(s) had untolerated taint {dedicated: gpu}" },
        { "Exists toleration with empty effect", [new() { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }], [new() { Key = "dedicated", Operator = "Exists" }], "" },
        { "toleration for another effect", [new() { Key = "dedicated", Value = "gpu", Effect = "NoExecute" }], [new() { Key = "dedicated", Operator = "Exists", Effect = "NoSchedule" }], "node(s) had untolerated taint {dedicated: gpu}" },
        { "first untolerated taint is reported", [new() { Key = "a", Value = "1", Effect = "NoSchedule" }, new() { Key = "b", Value = "2", Effect = "NoSchedule" }], [new() { Key = "a", Operator = "Exists" }], "node(s) had untolerated taint {b: 2}" },
    };

    [Theory]
    [MemberData(nameof(TaintCases))]
    public void TaintToleration_filter(string name, Taint[] taints, Toleration[] tolerations, string reason)
    {
        var node = NodeBuilder.Named("n1").Build();
        node.Spec.Taints = [.. taints];
        var pod = PodBuilder.Named("p").Build();
        pod.Spec.Tolerations = [.. tolerations];
        var s = new Harness([node]).Filter(new TaintToleration(), pod, "n1");
        Assert.True(reason == s.Message, $"{name}: {s}");
        if (reason.Length > 0) Assert.Equal(StatusCode.UnschedulableAndUnresolvable, s.Code);
    }

    [Fact]
    public void TaintToleration_scores_fewer_intolerable_PreferNoSchedule_taints_higher()
    {
        var h = new Harness(
        [
            NodeBuilder.Named("clean"),
            NodeBuilder.Named("one").Taint("a", "1", "PreferNoSchedule"),
            NodeBuilder.Named("two").Taint("a", "1", "PreferNoSchedule").Taint("b", "2", "PreferNoSchedule"),
            NodeBuilder.Named("tolerated").Taint("c", "3", "PreferNoSchedule"),
        ]);
        var pod = PodBuilder.Named("p").Toleration("c", "Exists").Build();
        Assert.Equal([100L, 50, 0, 100], h.Scores(new TaintToleration(), pod));
    }

    public static TheoryData<string, (int Port, string Protocol, string? Ip)[], (int Port, string Protocol, string? Ip), bool> PortCases => new()
    {
        { "free", [(80, "TCP", null)], (81, "TCP", null), true },
        { "same port and protocol", [(80, "TCP", null)], (80, "TCP", null), false },
        { "other protocol", [(80, "TCP", null)], (80, "UDP", null), true },
        { "other IPs", [(80, "TCP", "10.0.0.1")], (80, "TCP", "10.0.0.2"), true },
        { "all addresses taken, specific wanted", [(80, "TCP", null)], (80, "TCP", "10.0.0.2"), false },
        { "specific taken, all addresses wanted", [(80, "TCP", "10.0.0.1")], (80, "TCP", "0.0.0.0"), false },
    };

    [Theory]
    [MemberData(nameof(PortCases))]
    public void NodePorts(string name, (int Port, string Protocol, string? Ip)[] used, (int Port, string Protocol, string? Ip) wanted, bool fits)
    {
        var existing = used.Select((u, i) => PodBuilder.Named($"e{i}").OnNode("n1").HostPort(u.Port, u.Protocol, u.Ip).Build()).ToList();
        var h = new Harness([NodeBuilder.Named("n1")], existing);
        var s = h.Filter(new NodePorts(), PodBuilder.Named("p").HostPort(wanted.Port, wanted.Protocol, wanted.Ip), "n1");
        Assert.True(fits == s.IsSuccess, name);
        if (!fits) Assert.Equal((StatusCode.Unschedulable, "node(s) didn't have free ports for the requested pod ports"), (s.Code, s.Message));
    }

    [Fact]
    public void NodePorts_skips_pods_without_host_ports()
    {
        var (_, s) = new NodePorts().PreFilter(new CycleState(), new PodInfo(PodBuilder.Named("p")));
        Assert.True(s.IsSkip);
    }

    [Fact]
    public void ImageLocality_prefers_nodes_with_big_widely_spread_images()
    {
        const long Mb = 1024 * 1024;
        var h = new Harness(
        [
            NodeBuilder.Named("big").Image("docker.io/app:1", 500 * Mb).Image("docker.io/base", 300 * Mb),
            NodeBuilder.Named("small").Image("docker.io/app:1", 500 * Mb),
            NodeBuilder.Named("none"),
        ]);
        var pod = PodBuilder.Named("p").Requests(image: "docker.io/app:1").Requests(image: "docker.io/base:latest").Build();
        var scores = h.Scores(new ImageLocality(h.Handle), pod);
        // app on 2 of 3 nodes counts 500 MB·2/3, base on 1 of 3 counts 300 MB/3; scaled between 23 MB and 2·1000 MB
        var app = (long)(500 * Mb * (2 / 3.0));
        var both = app + 300 * Mb / 3;
        Assert.Equal([100 * (both - 23 * Mb) / (2000 * Mb - 23 * Mb), 100 * (app - 23 * Mb) / (2000 * Mb - 23 * Mb), 0], scores);
        Assert.Equal([20L, 15, 0], scores);
    }
}
