using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.PodTopologySpread;

namespace Orca.Scheduler.Tests.Plugins;

public sealed class PodTopologySpreadTests
{
    private const string Zone = "topology.kubernetes.io/zone";
    private const string Host = "kubernetes.io/hostname";

    private static readonly Node[] Nodes =
    [
        NodeBuilder.Named("a1").Label(Zone, "a"),
        NodeBuilder.Named("a2").Label(Zone, "a"),
        NodeBuilder.Named("b1").Label(Zone, "b"),
        NodeBuilder.Named("c1").Label(Zone, "c").Taint("dedicated", "x", "NoSchedule"),
        NodeBuilder.Named("nozone"),
    ];

    private static Status Filter(Pod pod, string node, params Pod[] existing)
    {
        var h = new Harness(Nodes, existing);
        return h.Filter(new PodTopologySpreadPlugin(new PodTopologySpreadArgs(), h.Handle), pod, node);
    }

    private static PodBuilder Web(string name = "p") => PodBuilder.Named(name).Label("app", "web");

    private static Pod[] WebOn(params string[] nodes) => nodes.Select((n, i) => Web($"w{i}").OnNode(n).Build()).ToArray();

    public static TheoryData<string, Pod, string, Pod[], string> FilterCases => new()
    {
        // zones: a has 2, b has 0, c has 0 → min 0; maxSkew 1 allows only empty zones
        { "skew would grow past maxSkew", Web().Spread(1, Zone, "DoNotSchedule", "app", "web"), "a1", WebOn("a1", "a2"), "node(s) didn't match pod topology spread constraints" },
        { "placing in the emptiest zone", Web().Spread(1, Zone, "DoNotSchedule", "app", "web"), "b1", WebOn("a1", "a2"), "" },
        { "maxSkew 2 tolerates one more", Web().Spread(3, Zone, "DoNotSchedule", "app", "web"), "a2", WebOn("a1", "a2"), "" },
        { "node without the topology key", Web().Spread(1, Zone, "DoNotSchedule", "app", "web"), "nozone", [], "node(s) didn't match pod topology spread constraints (missing required label)" },
        { "a pod outside the selector does not add to skew", PodBuilder.Named("p").Spread(1, Zone, "DoNotSchedule", "app", "web"), "a1", WebOn("a1"), "" },
        { "ScheduleAnyway never filters", Web().Spread(1, Zone, "ScheduleAnyway", "app", "web"), "a1", WebOn("a1", "a2"), "" },
        { "minDomains above the domain count makes the minimum 0", Web().Spread(1, Host, "DoNotSchedule", "app", "web", minDomains: 10), "b1", WebOn("a1", "a2", "b1", "c1", "nozone"), "node(s) didn't match pod topology spread constraints" },
        { "hosts: all have one, a second is fine at maxSkew 1", Web().Spread(1, Host, "DoNotSchedule", "app", "web"), "b1", WebOn("a1", "a2", "b1", "c1", "nozone"), "" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_cases(string name, Pod pod, string node, Pod[] existing, string reason)
    {
        var s = Filter(pod, node, existing);
        Assert.True(reason == s.Message, $"{name}: {s}");
    }

    [Fact]
    public void Missing_label_is_unresolvable_and_skew_is_not()
    {
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, Filter(Web().Spread(1, Zone, "DoNotSchedule", "app", "web"), "nozone").Code);
        Assert.Equal(StatusCode.Unschedulable, Filter(Web().Spread(1, Zone, "DoNotSchedule", "app", "web"), "a1", WebOn("a1", "a2")).Code);
    }

    [Fact]
    public void Node_inclusion_policies_decide_which_domains_count()
    {
        // Zone c (tainted) is empty. Counting it (taints ignored, the default) makes the minimum 0, so zone b at 1 is over maxSkew 0+1…
        var existing = WebOn("a1", "b1");
        var ignoreTaints = Web().Spread(1, Zone, "DoNotSchedule", "app", "web").Build();
        Assert.False(Filter(ignoreTaints, "b1", existing).IsSuccess);
        // …while honoring taints leaves zones a and b (1 each, minimum 1): one more in b is skew 1.
        var honorTaints = Web().Spread(1, Zone, "DoNotSchedule", "app", "web", nodeTaintsPolicy: "Honor").Build();
        Assert.True(Filter(honorTaints, "b1", existing).IsSuccess);
        // nodeAffinityPolicy Honor (default) drops zones the pod cannot go to; Ignore counts them.
        var selective = Web().NodeSelector(Zone, "a").Spread(1, Zone, "DoNotSchedule", "app", "web").Build();
        Assert.True(Filter(selective, "a1", WebOn("a1", "a2")).IsSuccess);
        var ignoring = Web().NodeSelector(Zone, "a").Spread(1, Zone, "DoNotSchedule", "app", "web", nodeAffinityPolicy: "Ignore").Build();
        Assert.False(Filter(ignoring, "a1", WebOn("a1", "a2")).IsSuccess);
    }

    [Fact]
    public void Terminating_pods_and_other_namespaces_are_not_counted()
    {
        var existing = new Pod[] { Web("t").OnNode("a1").Terminating(), PodBuilder.Named("o", "other").Label("app", "web").OnNode("a2") };
        Assert.True(Filter(Web().Spread(1, Zone, "DoNotSchedule", "app", "web"), "a1", existing).IsSuccess);
    }

    [Fact]
    public void ScheduleAnyway_scores_emptier_domains_higher()
    {
        var h = new Harness(Nodes.Take(3), WebOn("a1", "a2", "b1"));
        var pod = Web().Spread(1, Zone, "ScheduleAnyway", "app", "web").Build();
        // zone a: 2 pods, zone b: 1; weight log(2+2); raw a ≈ 2.77 → 3, b ≈ 1.39 → 1; normalized 100·(3+1−s)/3
        Assert.Equal([33L, 33, 100], h.Scores(new PodTopologySpreadPlugin(new PodTopologySpreadArgs(), h.Handle), pod));
    }

    [Fact]
    public void System_defaults_spread_pods_of_the_same_service_by_host()
    {
        var groups = new FakeGroupSelectors(LabelSelectorExpr.FromSet(new Dictionary<string, string> { ["app"] = "web" }));
        var h = new Harness(Nodes.Take(3), WebOn("a1", "a1", "a2"), groups: groups);
        var plugin = new PodTopologySpreadPlugin(new PodTopologySpreadArgs(), h.Handle);
        var scores = h.Scores(plugin, Web().Build());
        Assert.True(scores[2] > scores[1] && scores[1] > scores[0], string.Join(",", scores));
        var ungrouped = h.Scores(plugin, PodBuilder.Named("lonely").Build());
        Assert.Equal([0L, 0, 0], ungrouped);
    }

    [Fact]
    public void List_defaulting_uses_the_configured_constraints()
    {
        var groups = new FakeGroupSelectors(LabelSelectorExpr.FromSet(new Dictionary<string, string> { ["app"] = "web" }));
        var h = new Harness(Nodes, WebOn("a1", "a2"), groups: groups);
        var args = new PodTopologySpreadArgs
        {
            DefaultingType = "List",
            DefaultConstraints = [new TopologySpreadConstraint { MaxSkew = 1, TopologyKey = Zone, WhenUnsatisfiable = "DoNotSchedule" }],
        };
        var plugin = new PodTopologySpreadPlugin(args, h.Handle);
        Assert.False(h.Filter(plugin, Web().Build(), "a1").IsSuccess);
        Assert.True(h.Filter(plugin, Web().Build(), "b1").IsSuccess);
    }
}
