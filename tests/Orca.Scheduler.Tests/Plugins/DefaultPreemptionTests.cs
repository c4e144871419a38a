using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins;
using Orca.Scheduler.Plugins.DefaultPreemption;
using Orca.Scheduler.Plugins.NodeResources;

namespace Orca.Scheduler.Tests.Plugins;

public sealed class DefaultPreemptionTests
{
    /// <summary>Runs PreFilter and the filters over every node as a scheduling cycle would, then PostFilter.</summary>
    private static (PostFilterResult? Result, Status Status, Harness H) Preempt(Node[] nodes, Pod[] existing, Pod pod, FakeBudgets? budgets = null)
    {
        var h = new Harness(nodes, existing, budgets: budgets);
        var plugin = new DefaultPreemptionPlugin(new DefaultPreemptionArgs(), h.Handle);
        var fit = new Fit(new NodeResourcesFitArgs());
        var fw = new SchedulingFramework(h.Handle, new PluginSet
        {
            PreFilter = [fit],
            Filter = [new TaintToleration(), fit],
            PostFilter = [plugin],
            Bind = [new DefaultBinder(h.Handle)],
        });
        var info = new PodInfo(pod);
        var state = new CycleState();
        fw.RunPreFilterPlugins(state, info);
        var statuses = new NodeToStatus();
        foreach (var n in h.Snapshot.Nodes)
        {
            var s = fw.RunFilterPlugins(state, info, n);
            if (!s.IsSuccess) statuses.Set(n.Name, s);
        }
        var (result, status) = fw.RunPostFilterPlugins(state, info, statuses);
        return (result, status, h);
    }

    private static PodBuilder P(string name, int priority, string cpu, string node = "n1") => PodBuilder.Named(name).Priority(priority).Requests(cpu).OnNode(node);

    private static PodBuilder Preemptor(int priority = 50, string cpu = "1") => PodBuilder.Named("preemptor").Priority(priority).Requests(cpu);

    private static IReadOnlyList<string> Victims(Pod[] existing, Pod pod, FakeBudgets? budgets = null)
    {
        var h = new Harness([NodeBuilder.Named("n1")], existing, budgets: budgets);
        var fw = new SchedulingFramework(h.Handle, new PluginSet { Filter = [new Fit(new NodeResourcesFitArgs())], Bind = [new DefaultBinder(h.Handle)] });
        var (victims, _, status) = VictimSelection.SelectOnNode(fw, new CycleState(), new PodInfo(pod), h.Snapshot.Get("n1")!.Clone(),
            (budgets ?? new FakeBudgets()).List());
        Assert.True(status.IsSuccess, status.ToString());
        return victims.Select(v => v.Name).ToList();
    }

    [Fact]
    public void Lower_priority_pods_are_victims_and_the_most_important_are_reprieved_first()
    {
        Assert.Equal(["low1"], Victims([P("low1", 1, "1"), P("low2", 2, "1"), P("high", 100, "2")], Preemptor()));
        Assert.Equal(["low2", "low1"], Victims([P("low1", 1, "1"), P("low2", 2, "1"), P("high", 100, "2")], Preemptor(cpu: "2")));
    }

    [Fact]
    public void Equal_priority_victims_keep_the_longest_running()
    {
        var older = P("older", 1, "1").Started(DateTimeOffset.UnixEpoch).Build();
        var newer = P("newer", 1, "1").Started(DateTimeOffset.UnixEpoch.AddHours(1)).Build();
        Assert.Equal(["newer"], Victims([older, newer, P("big", 100, "2")], Preemptor()));
    }

    [Fact]
    public void Pods_protected_by_a_budget_are_reprieved_before_others()
    {
        var pods = new Pod[] { P("a", 1, "1").Label("app", "a"), P("b", 2, "1").Label("app", "b"), P("c", 100, "2") };
        Assert.Equal(["a"], Victims(pods, Preemptor()));
        var budget = new DisruptionBudget("default", "pdb-a", LabelSelectorExpr.FromSet(new Dictionary<string, string> { ["app"] = "a" }), 0, new HashSet<string>());
        Assert.Equal(["b"], Victims(pods, Preemptor(), new FakeBudgets(budget)));
    }

    [Fact]
    public void Budget_split_counts_allowed_disruptions_in_order()
    {
        var budget = new DisruptionBudget("default", "pdb", LabelSelectorExpr.FromSet(new Dictionary<string, string> { ["app"] = "a" }), 1, new HashSet<string> { "gone" });
        var pods = new[] { "x", "y", "gone" }.Select(n => new PodInfo(PodBuilder.Named(n).Label("app", "a"))).Append(new PodInfo(PodBuilder.Named("unlabelled"))).ToList();
        var (violating, ok) = VictimSelection.SplitByBudget(pods, [budget]);
        Assert.Equal(["y"], violating.Select(p => p.Name));
        Assert.Equal(["x", "gone", "unlabelled"], ok.Select(p => p.Name));
    }

    [Fact]
    public void The_node_with_the_least_important_victims_is_chosen()
    {
        var nodes = new Node[] { NodeBuilder.Named("n1"), NodeBuilder.Named("n2") };
        var existing = new Pod[] { P("x1", 5, "4", "n1"), P("y1", 1, "2", "n2"), P("y2", 1, "2", "n2") };
        var (result, status, h) = Preempt(nodes, existing, Preemptor(cpu: "4"));
        Assert.True(status.IsSuccess, status.ToString());
        Assert.Equal("n2", result!.NominatedNodeName);
    }

    [Fact]
    public void Fewer_victims_win_among_equal_priorities()
    {
        var c1 = new Candidate("n1", [new PodInfo(P("a", 1, "1")), new PodInfo(P("b", 1, "1"))], 0);
        var c2 = new Candidate("n2", [new PodInfo(P("c", 1, "1"))], 0);
        var c3 = new Candidate("n3", [new PodInfo(P("d", 0, "1"))], 1);
        Assert.Equal("n2", VictimSelection.Pick([c1, c2, c3]).NodeName);
        Assert.Equal("n3", VictimSelection.Pick([c1, c2, c3 with { PdbViolations = 0 }]).NodeName);
    }

    [Fact]
    public void Victims_are_marked_and_deleted_gracefully_and_the_node_is_nominated()
    {
        var (result, status, h) = Preempt([NodeBuilder.Named("n1")], [P("low", 1, "4")], Preemptor());
        Assert.True(status.IsSuccess);
        Assert.Equal("n1", result!.NominatedNodeName);
        Assert.Contains(h.Events.Recorded, e => e is ("default/low", "Normal", "Preempted", "Preempted by pod uid-default-preemptor on node n1"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (h.Client.Deletes.IsEmpty && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(["default/low"], h.Client.Deletes);
        var (pod, change) = Assert.Single(h.Client.StatusPatches);
        Assert.Equal("default/low", pod);
        Assert.Equal(("DisruptionTarget", "True", "PreemptionByScheduler", "default-scheduler: preempting to accommodate a higher priority pod"),
            (change.Condition!.Type, change.Condition.Status, change.Condition.Reason, change.Condition.Message));
    }

    [Fact]
    public void PreemptionPolicy_Never_is_honoured()
    {
        var (result, status, h) = Preempt([NodeBuilder.Named("n1")], [P("low", 1, "4")], Preemptor().Priority(50, "Never"));
        Assert.Null(result);
        Assert.Equal("preemption: not eligible due to preemptionPolicy=Never.", status.Message);
        Assert.Empty(h.Client.Deletes);
    }

    [Fact]
    public void No_victims_and_unhelpful_nodes_are_explained_as_upstream_words_it()
    {
        var nodes = new Node[] { NodeBuilder.Named("n1"), NodeBuilder.Named("n2"), NodeBuilder.Named("t").Taint("dedicated", "gpu", "NoSchedule") };
        var existing = new Pod[] { P("big1", 100, "4", "n1"), P("big2", 100, "4", "n2") };
        var (result, status, _) = Preempt(nodes, existing, Preemptor());
        Assert.Null(result);
        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal("preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.", status.Message);
    }

    [Fact]
    public void A_terminating_victim_on_the_nominated_node_stops_further_preemption()
    {
        var victim = P("low", 1, "4").Terminating().Build();
        victim.Status.Conditions = [new PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "PreemptionByScheduler" }];
        var (_, status, _) = Preempt([NodeBuilder.Named("n1")], [victim], Preemptor().Nominated("n1"));
        Assert.Equal("preemption: not eligible due to a terminating pod on the nominated node.", status.Message);
    }

    [Theory]
    [InlineData(50, 100)]
    [InlineData(5000, 500)]
    [InlineData(20, 20)]
    public void Candidate_count_is_ten_percent_but_at_least_100(int nodes, int expected)
    {
        var plugin = new DefaultPreemptionPlugin(new DefaultPreemptionArgs(), new Harness([]).Handle);
        Assert.Equal(Math.Min(nodes, expected), plugin.NumCandidates(nodes));
    }
}
