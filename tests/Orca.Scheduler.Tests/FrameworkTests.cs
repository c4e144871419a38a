using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Tests;

/// <summary>Ordering and status rules of the framework, with scripted plugins.</summary>
public sealed class FrameworkTests
{
    private sealed class Scripted(string name, List<string> log) : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IReservePlugin,
        IPermitPlugin, IPreBindPlugin, IBindPlugin, IPostBindPlugin
    {
        public string Name => name;
        public Func<Status> OnPreFilter { get; init; } = () => Status.Success;
        public PreFilterResult? PreFilterResult { get; init; }
        public Func<NodeInfo, Status> OnFilter { get; init; } = _ => Status.Success;
        public Func<Status> OnPreScore { get; init; } = () => Status.Success;
        public Func<NodeInfo, long> OnScore { get; init; } = _ => 0;
        public bool Normalize { get; init; }
        public Func<Status> OnReserve { get; init; } = () => Status.Success;
        public Func<(Status, TimeSpan)> OnPermit { get; init; } = () => (Status.Success, TimeSpan.Zero);
        public Func<Status> OnBind { get; init; } = () => Status.Success;

        public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod) { log.Add($"{name}.PreFilter"); return (PreFilterResult, OnPreFilter()); }
        public Status Filter(CycleState state, PodInfo pod, NodeInfo node) { log.Add($"{name}.Filter({node.Name})"); return OnFilter(node); }
        public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes) { log.Add($"{name}.PreScore"); return OnPreScore(); }
        public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node) => (OnScore(node), Status.Success);

        public Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
        {
            if (Normalize) Orca.Scheduler.Plugins.Helpers.ScoreNormalizer.Default(scores, reverse: false);
            return Status.Success;
        }

        public Status Reserve(CycleState state, PodInfo pod, string nodeName) { log.Add($"{name}.Reserve"); return OnReserve(); }
        public void Unreserve(CycleState state, PodInfo pod, string nodeName) => log.Add($"{name}.Unreserve");
        public (Status Status, TimeSpan Timeout) Permit(CycleState state, PodInfo pod, string nodeName) { log.Add($"{name}.Permit"); return OnPermit(); }
        public Task<Status> PreBindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct) { log.Add($"{name}.PreBind"); return Task.FromResult(Status.Success); }
        public Task<Status> BindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct) { log.Add($"{name}.Bind"); return Task.FromResult(OnBind()); }
        public void PostBind(CycleState state, PodInfo pod, string nodeName) => log.Add($"{name}.PostBind");
    }

    private readonly List<string> _log = [];
    private readonly Harness _h = new([NodeBuilder.Named("n1"), NodeBuilder.Named("n2"), NodeBuilder.Named("n3")]);
    private readonly PodInfo _pod = new(PodBuilder.Named("p"));

    private SchedulingFramework Framework(params Scripted[] plugins) => new(_h.Handle, new PluginSet
    {
        PreFilter = plugins,
        Filter = plugins,
        PreScore = plugins,
        Score = plugins.Select(p => new WeightedScorePlugin(p, p.Name == "a" ? 2 : 1)).ToList(),
        Reserve = plugins,
        Permit = plugins,
        PreBind = plugins,
        Bind = plugins,
        PostBind = plugins,
    });

    [Fact]
    public void Filters_run_in_order_and_the_first_rejection_answers_with_its_plugin()
    {
        var fw = Framework(new Scripted("a", _log) { OnFilter = _ => Status.Unschedulable("a says no") }, new Scripted("b", _log));
        var s = fw.RunFilterPlugins(new CycleState(), _pod, _h.Snapshot.Get("n1")!);
        Assert.Equal(("a", "a says no"), (s.Plugin, s.Message));
        Assert.Equal(["a.Filter(n1)"], _log);
    }

    [Fact]
    public void A_PreFilter_skip_skips_that_plugins_filter_only()
    {
        var fw = Framework(new Scripted("a", _log) { OnPreFilter = () => Status.SkipStatus, OnFilter = _ => Status.Unschedulable("never") }, new Scripted("b", _log));
        var state = new CycleState();
        Assert.True(fw.RunPreFilterPlugins(state, _pod).Status.IsSuccess);
        Assert.True(fw.RunFilterPlugins(state, _pod, _h.Snapshot.Get("n1")!).IsSuccess);
        Assert.Equal(["a.PreFilter", "b.PreFilter", "b.Filter(n1)"], _log);
    }

    [Fact]
    public void A_PreFilter_rejection_stops_at_once_and_errors_are_wrapped()
    {
        var fw = Framework(new Scripted("a", _log) { OnPreFilter = () => Status.Unresolvable("nope") }, new Scripted("b", _log));
        var (_, s, _) = fw.RunPreFilterPlugins(new CycleState(), _pod);
        Assert.Equal((StatusCode.UnschedulableAndUnresolvable, "a", "nope"), (s.Code, s.Plugin, s.Message));
        Assert.Equal(["a.PreFilter"], _log);

        var broken = Framework(new Scripted("x", _log) { OnPreFilter = () => Status.AsError("disk on fire") });
        var (_, e, _) = broken.RunPreFilterPlugins(new CycleState(), _pod);
        Assert.Equal((StatusCode.Error, "running PreFilter plugin \"x\": disk on fire"), (e.Code, e.Message));
    }

    [Fact]
    public void PreFilter_node_restrictions_intersect_and_an_empty_result_names_the_plugins()
    {
        var fw = Framework(
            new Scripted("a", _log) { PreFilterResult = new PreFilterResult(new HashSet<string> { "n1", "n2" }) },
            new Scripted("b", _log) { PreFilterResult = new PreFilterResult(new HashSet<string> { "n3" }) });
        var (result, s, _) = fw.RunPreFilterPlugins(new CycleState(), _pod);
        Assert.Empty(result!.NodeNames!);
        Assert.Equal((StatusCode.UnschedulableAndUnresolvable, "node(s) didn't satisfy plugin(s) [a b] simultaneously"), (s.Code, s.Message));
    }

    [Fact]
    public void Scores_are_normalized_weighted_and_summed()
    {
        var fw = Framework(
            new Scripted("a", _log) { OnScore = n => n.Name == "n1" ? 10 : 5, Normalize = true },
            new Scripted("b", _log) { OnScore = n => n.Name == "n3" ? 40 : 0 });
        var state = new CycleState();
        var totals = new long[3];
        Assert.True(fw.RunPreScorePlugins(state, _pod, _h.Snapshot.Nodes).IsSuccess);
        Assert.True(fw.RunScorePlugins(state, _pod, _h.Snapshot.Nodes, totals).IsSuccess);
        Assert.Equal([200L, 100, 140], totals);
    }

    [Fact]
    public void A_PreScore_skip_drops_that_score_and_out_of_range_scores_are_errors()
    {
        var fw = Framework(new Scripted("a", _log) { OnPreScore = () => Status.SkipStatus, OnScore = _ => 1000 }, new Scripted("b", _log) { OnScore = _ => 7 });
        var state = new CycleState();
        var totals = new long[3];
        fw.RunPreScorePlugins(state, _pod, _h.Snapshot.Nodes);
        Assert.True(fw.RunScorePlugins(state, _pod, _h.Snapshot.Nodes, totals).IsSuccess);
        Assert.Equal([7L, 7, 7], totals);

        var bad = Framework(new Scripted("a", _log) { OnScore = _ => 1000 });
        var s = bad.RunScorePlugins(new CycleState(), _pod, _h.Snapshot.Nodes, totals);
        Assert.Equal("plugin \"a\" returns an invalid score 1000, it should in the range of [0, 100] after normalizing", s.Message);
    }

    [Fact]
    public void Unreserve_runs_in_reverse_order()
    {
        var fw = Framework(new Scripted("a", _log), new Scripted("b", _log) { OnReserve = () => Status.Unschedulable("full") });
        var state = new CycleState();
        var s = fw.RunReservePluginsReserve(state, _pod, "n1");
        Assert.Equal("b", s.Plugin);
        fw.RunReservePluginsUnreserve(state, _pod, "n1");
        Assert.Equal(["a.Reserve", "b.Reserve", "b.Unreserve", "a.Unreserve"], _log);
    }

    [Fact]
    public async Task Permit_wait_ends_when_every_waiting_plugin_allows()
    {
        var fw = Framework(new Scripted("a", _log) { OnPermit = () => (Status.Wait("hold"), TimeSpan.FromMinutes(1)) },
            new Scripted("b", _log) { OnPermit = () => (Status.Wait("hold"), TimeSpan.FromMinutes(1)) });
        Assert.Equal(StatusCode.Wait, fw.RunPermitPlugins(new CycleState(), _pod, "n1").Code);
        var wait = fw.WaitOnPermitAsync(_pod, CancellationToken.None);
        fw.GetWaitingPod(_pod.Uid)!.Allow("a");
        Assert.False(wait.IsCompleted);
        fw.GetWaitingPod(_pod.Uid)!.Allow("b");
        Assert.True((await wait).IsSuccess);
    }

    [Fact]
    public async Task Permit_wait_times_out_as_a_rejection()
    {
        var fw = Framework(new Scripted("a", _log) { OnPermit = () => (Status.Wait("hold"), TimeSpan.FromSeconds(10)) });
        fw.RunPermitPlugins(new CycleState(), _pod, "n1");
        var wait = fw.WaitOnPermitAsync(_pod, CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromSeconds(11));
        var s = await wait;
        Assert.Equal((StatusCode.Unschedulable, "a", "rejected due to timeout after waiting 10s at plugin a"), (s.Code, s.Plugin, s.Message));
    }

    [Fact]
    public async Task Bind_falls_through_skipping_binders_and_the_first_answer_wins()
    {
        var fw = Framework(new Scripted("a", _log) { OnBind = () => Status.SkipStatus }, new Scripted("b", _log), new Scripted("c", _log));
        Assert.True((await fw.RunBindPluginsAsync(new CycleState(), _pod, "n1", CancellationToken.None)).IsSuccess);
        Assert.Equal(["a.Bind", "b.Bind"], _log);
    }

    [Fact]
    public void Nominated_pods_of_equal_or_higher_priority_count_on_their_node()
    {
        var fit = new Orca.Scheduler.Plugins.NodeResources.Fit(new Config.NodeResourcesFitArgs());
        var h = new Harness([NodeBuilder.Named("n1").Capacity("2", "4Gi")]);
        var fw = new SchedulingFramework(h.Handle, new PluginSet { PreFilter = [fit], Filter = [fit], Bind = [new Orca.Scheduler.Plugins.DefaultBinder(h.Handle)] });
        var pod = new PodInfo(PodBuilder.Named("p").Priority(10).Requests("1500m"));
        h.Nominator.ByNode["n1"] = [new PodInfo(PodBuilder.Named("low").Priority(5).Requests("1500m"))];
        Assert.True(fw.RunFilterPluginsWithNominatedPods(new CycleState(), pod, h.Snapshot.Get("n1")!).IsSuccess);
        h.Nominator.ByNode["n1"] = [new PodInfo(PodBuilder.Named("high").Priority(10).Requests("1500m"))];
        Assert.Equal("Insufficient cpu", fw.RunFilterPluginsWithNominatedPods(new CycleState(), pod, h.Snapshot.Get("n1")!).Message);
    }
}
