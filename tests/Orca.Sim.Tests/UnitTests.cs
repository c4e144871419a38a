using Orca.Api.Core;

namespace Orca.Sim.Tests;

/// <summary>The sim's small parts: flag parsing, options checks, the per-node IP bitmap, the pod state machine, shapes.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Taints_parse_in_kubectl_form()
    {
        var taints = HollowOptions.ParseTaints("dedicated=gpu:NoSchedule, spot:NoExecute,a=b=c:PreferNoSchedule");
        Assert.Equal([("dedicated", "gpu", "NoSchedule"), ("spot", null, "NoExecute"), ("a", "b=c", "PreferNoSchedule")],
            taints.Select(t => (t.Key, t.Value, t.Effect)));
        Assert.Empty(HollowOptions.ParseTaints(null));
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("k=v:")]
    [InlineData(":NoSchedule")]
    public void Malformed_taints_are_refused(string text) => Assert.Throws<ArgumentException>(() => HollowOptions.ParseTaints(text));

    [Fact]
    public void Labels_parse_and_malformed_ones_are_refused()
    {
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "" }, HollowOptions.ParseLabels("a=1,b="));
        Assert.Throws<ArgumentException>(() => HollowOptions.ParseLabels("a"));
    }

    public static TheoryData<HollowOptions, string> BadOptions => new()
    {
        { new HollowOptions { MaxPods = 251 }, "pods per node" },
        { new HollowOptions { Nodes = 300, PodCidr = "10.0.0.0/16" }, "pod CIDR" },
        { new HollowOptions { PodCidr = "10.0.0.0" }, "IPv4 CIDR" },
        { new HollowOptions { Nodes = 10, NodeIpCidr = "127.1.0.0/29" }, "node IP CIDR" },
        { new HollowOptions { Taints = [new Taint { Key = "k", Effect = "Sometimes" }] }, "effect" },
        { new HollowOptions { HeartbeatInterval = TimeSpan.Zero }, "positive" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_with_the_reason(HollowOptions options, string reason) =>
        Assert.Contains(reason, Assert.Throws<ArgumentException>(options.Validate).Message);

    [Theory]
    [InlineData(1, "n-0")]
    [InlineData(10, "n-9")]
    [InlineData(11, "n-10")]
    [InlineData(5000, "n-4999")]
    public void Node_names_are_zero_padded_to_the_largest_index(int nodes, string last)
    {
        var options = new HollowOptions { Nodes = nodes, NamePrefix = "n-" };
        Assert.Equal(last, options.NodeName(nodes - 1));
        Assert.Equal(last.Length, options.NodeName(0).Length);
    }

    [Fact]
    public void A_node_hands_out_dot_2_to_dot_254_once_each_and_takes_released_ones_back()
    {
        var node = new HollowNode(0, "n", 0x0A800100, 0x7FC00001);
        var hosts = new List<byte>();
        while (node.TryAllocateIp(out var host)) hosts.Add(host);
        Assert.Equal(Enumerable.Range(2, 253).Select(i => (byte)i), hosts);
        node.Release(77);
        Assert.True(node.TryAllocateIp(out var again));
        Assert.Equal(77, again);
        Assert.Equal("10.128.1.77", node.PodIp(again));
        Assert.False(node.Claim(77));
        node.Release(77);
        Assert.True(node.Claim(77));
    }

    [Theory]
    [InlineData(HollowPodState.Starting, HollowPodState.Running, true)]
    [InlineData(HollowPodState.Starting, HollowPodState.Rejected, true)]
    [InlineData(HollowPodState.Running, HollowPodState.Completed, true)]
    [InlineData(HollowPodState.Completed, HollowPodState.Terminating, true)]
    [InlineData(HollowPodState.Terminating, HollowPodState.Confirmed, true)]
    [InlineData(HollowPodState.Running, HollowPodState.Starting, false)]
    [InlineData(HollowPodState.Terminating, HollowPodState.Running, false)]
    [InlineData(HollowPodState.Confirmed, HollowPodState.Terminating, false)]
    [InlineData(HollowPodState.Rejected, HollowPodState.Running, false)]
    internal void Pod_state_moves_follow_the_state_machine(HollowPodState from, HollowPodState to, bool allowed) =>
        Assert.Equal(allowed, HollowPod.Allowed(from, to));

    [Fact]
    public void Pods_of_one_template_share_one_shape()
    {
        var shapes = new PodShapes();
        PodSpec Spec(string image) => new() { Containers = [new Container { Name = "app", Image = image }], RestartPolicy = "Never" };
        var a = shapes.Of(Spec("nginx:1"));
        Assert.Same(a, shapes.Of(Spec("nginx:1")));
        Assert.NotSame(a, shapes.Of(Spec("nginx:2")));
        Assert.True(a.MayComplete);
        Assert.Equal(2, shapes.Count);
    }
}
