using Orca.Api.Core;
using LabelSelector = Orca.Api.Meta.LabelSelector;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.InterPodAffinity;

namespace Orca.Scheduler.Tests.Plugins;

public sealed class InterPodAffinityTests
{
    private const string Zone = "topology.kubernetes.io/zone";
    private const string Host = "kubernetes.io/hostname";

    private static readonly Node[] Nodes =
    [
        NodeBuilder.Named("a1").Label(Zone, "a"),
        NodeBuilder.Named("a2").Label(Zone, "a"),
        NodeBuilder.Named("b1").Label(Zone, "b"),
        NodeBuilder.Named("nozone"),
    ];

    private static Status Filter(Pod pod, string node, Pod[] existing, FakeNamespaces? namespaces = null)
    {
        var h = new Harness(Nodes, existing, namespaces);
        return h.Filter(new InterPodAffinityPlugin(new InterPodAffinityArgs(), h.Handle), pod, node);
    }

    public static TheoryData<string, Pod, string, Pod[], string> FilterCases => new()
    {
        { "required affinity: a matching pod in the zone", Pod().PodAffinity(Zone, "app", "db"), "a2", [Existing("db", "a1").Label("app", "db")], "" },
        { "required affinity: no matching pod in this zone", Pod().PodAffinity(Zone, "app", "db"), "b1", [Existing("db", "a1").Label("app", "db")], "node(s) didn't match pod affinity rules" },
        { "required affinity: node without the topology key", Pod().PodAffinity(Zone, "app", "db"), "nozone", [Existing("db", "a1").Label("app", "db")], "node(s) didn't match pod affinity rules" },
        { "required affinity: first pod of a self-selecting group", Pod().Label("app", "web").PodAffinity(Zone, "app", "web"), "b1", [], "" },
        { "required affinity: no partner and not self-selecting", Pod().PodAffinity(Zone, "app", "db"), "b1", [], "node(s) didn't match pod affinity rules" },
        { "required affinity: partner in another namespace does not count", Pod().PodAffinity(Zone, "app", "db"), "a1", [Existing("db", "a1", "other").Label("app", "db")], "node(s) didn't match pod affinity rules" },
        { "required affinity: named namespace", Pod().PodAffinity(Zone, "app", "db", namespaces: ["other"]), "a1", [Existing("db", "a1", "other").Label("app", "db")], "" },
        { "anti-affinity: matching pod on the host", Pod().PodAntiAffinity(Host, "app", "web"), "a1", [Existing("w", "a1").Label("app", "web")], "node(s) didn't match pod anti-affinity rules" },
        { "anti-affinity: matching pod on another host", Pod().PodAntiAffinity(Host, "app", "web"), "a2", [Existing("w", "a1").Label("app", "web")], "" },
        { "anti-affinity by zone", Pod().PodAntiAffinity(Zone, "app", "web"), "a2", [Existing("w", "a1").Label("app", "web")], "node(s) didn't match pod anti-affinity rules" },
        { "existing pod's anti-affinity repels the pod", Pod().Label("app", "web"), "a1", [Existing("x", "a1").PodAntiAffinity(Host, "app", "web")], "node(s) didn't satisfy existing pods anti-affinity rules" },
        { "existing pod's anti-affinity by zone", Pod().Label("app", "web"), "a2", [Existing("x", "a1").PodAntiAffinity(Zone, "app", "web")], "node(s) didn't satisfy existing pods anti-affinity rules" },
        { "existing pod's anti-affinity, other zone", Pod().Label("app", "web"), "b1", [Existing("x", "a1").PodAntiAffinity(Zone, "app", "web")], "" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_cases(string name, Pod pod, string node, Pod[] existing, string reason)
    {
        var s = Filter(pod, node, existing);
        Assert.True(reason == s.Message, $"{name}: {s}");
    }

    [Fact]
    public void Affinity_failures_are_unresolvable_and_anti_affinity_failures_are_not()
    {
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, Filter(Pod().PodAffinity(Zone, "app", "db"), "b1", [Existing("db", "a1").Label("app", "db")]).Code);
        Assert.Equal(StatusCode.Unschedulable, Filter(Pod().PodAntiAffinity(Host, "app", "web"), "a1", [Existing("w", "a1").Label("app", "web")]).Code);
    }

    [Fact]
    public void Namespace_selector_resolves_to_labelled_namespaces()
    {
        var namespaces = new FakeNamespaces(new() { ["default"] = new(), ["prod"] = new() { ["env"] = "prod" }, ["dev"] = new() { ["env"] = "dev" } });
        var selector = new LabelSelector { MatchLabels = new() { ["env"] = "prod" } };
        var pod = Pod().PodAntiAffinity(Host, "app", "web", nsSelector: selector).Build();
        Assert.False(Filter(pod, "a1", [Existing("w", "a1", "prod").Label("app", "web")], namespaces).IsSuccess);
        Assert.True(Filter(pod, "a1", [Existing("w", "a1", "dev").Label("app", "web")], namespaces).IsSuccess);
        var everywhere = Pod().PodAntiAffinity(Host, "app", "web", nsSelector: new LabelSelector()).Build();
        Assert.False(Filter(everywhere, "a1", [Existing("w", "a1", "dev").Label("app", "web")], namespaces).IsSuccess);
    }

    [Fact]
    public void Existing_anti_affinity_with_namespace_selector_uses_the_incoming_pods_namespace_labels()
    {
        var namespaces = new FakeNamespaces(new() { ["default"] = new() { ["team"] = "a" }, ["other"] = new() });
        var existing = Existing("x", "a1").PodAntiAffinity(Host, "app", "web", nsSelector: new LabelSelector { MatchLabels = new() { ["team"] = "a" } }).Build();
        Assert.False(Filter(Pod().Label("app", "web"), "a1", [existing], namespaces).IsSuccess);
        Assert.True(Filter(PodBuilder.Named("p", "other").Label("app", "web"), "a1", [existing], namespaces).IsSuccess);
    }

    [Fact]
    public void Preferred_affinity_and_anti_affinity_score_domains()
    {
        var existing = new Pod[] { Existing("db", "a1").Label("app", "db"), Existing("cache", "b1").Label("app", "cache") };
        var h = new Harness(Nodes, existing);
        var plugin = new InterPodAffinityPlugin(new InterPodAffinityArgs(), h.Handle);
        var pod = Pod().PodAffinity(Zone, "app", "db", weight: 10).PodAntiAffinity(Zone, "app", "cache", weight: 5).Build();
        // zone a: +10, zone b: −5, no zone: 0 → min–max scaled
        Assert.Equal([100L, 100, 0, 33], h.Scores(plugin, pod));
    }

    [Fact]
    public void Existing_pods_required_affinity_attracts_with_the_hard_weight()
    {
        var existing = new Pod[] { Existing("x", "b1").PodAffinity(Zone, "app", "web") };
        var h = new Harness(Nodes, existing);
        var pod = Pod().Label("app", "web").Build();
        Assert.Equal([0L, 0, 100, 0], h.Scores(new InterPodAffinityPlugin(new InterPodAffinityArgs(), h.Handle), pod));
        Assert.Equal([0L, 0, 0, 0], h.Scores(new InterPodAffinityPlugin(new InterPodAffinityArgs { HardPodAffinityWeight = 0 }, h.Handle), pod));
    }

    [Fact]
    public void AddPod_and_RemovePod_keep_the_counts_right()
    {
        var h = new Harness(Nodes, [Existing("w", "a1").Label("app", "web")]);
        var plugin = new InterPodAffinityPlugin(new InterPodAffinityArgs(), h.Handle);
        var pod = new PodInfo(Pod().PodAntiAffinity(Host, "app", "web"));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod).Status.IsSuccess);
        var node = h.Snapshot.Get("a1")!.Clone();
        Assert.False(plugin.Filter(state, pod, node).IsSuccess);
        var victim = node.Pods[0];
        node.RemovePod(victim.Uid);
        plugin.RemovePod(state, pod, victim, node);
        Assert.True(plugin.Filter(state, pod, node).IsSuccess);
        node.AddPod(victim);
        plugin.AddPod(state, pod, victim, node);
        Assert.False(plugin.Filter(state, pod, node).IsSuccess);
    }

    private static PodBuilder Pod() => PodBuilder.Named("p");

    private static PodBuilder Existing(string name, string node, string ns = "default") => PodBuilder.Named(name, ns).OnNode(node);
}
