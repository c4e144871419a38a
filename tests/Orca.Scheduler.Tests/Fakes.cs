using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Cache;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Tests;

/// <summary>Records the scheduler's API writes; binds can be made to fail.</summary>
internal sealed class FakeSchedulerClient : ISchedulerClient
{
    public ConcurrentQueue<(string Pod, string Node)> Binds { get; } = new();
    public ConcurrentQueue<(string Pod, PodStatusChange Change)> StatusPatches { get; } = new();
    public ConcurrentQueue<string> Deletes { get; } = new();
    public Func<Pod, string, Exception?> BindFailure { get; set; } = (_, _) => null;

    public Task BindAsync(Pod pod, string nodeName, CancellationToken ct)
    {
        if (BindFailure(pod, nodeName) is { } e) return Task.FromException(e);
        Binds.Enqueue(($"{pod.Metadata.Namespace}/{pod.Metadata.Name}", nodeName));
        return Task.CompletedTask;
    }

    public Task PatchStatusAsync(Pod pod, PodStatusChange change, CancellationToken ct)
    {
        StatusPatches.Enqueue(($"{pod.Metadata.Namespace}/{pod.Metadata.Name}", change));
        return Task.CompletedTask;
    }

    public Task DeletePodAsync(Pod pod, CancellationToken ct)
    {
        Deletes.Enqueue($"{pod.Metadata.Namespace}/{pod.Metadata.Name}");
        return Task.CompletedTask;
    }
}

internal sealed class FakeNamespaces(Dictionary<string, Dictionary<string, string>>? labels = null) : INamespaceLister
{
    private readonly Dictionary<string, Dictionary<string, string>> _labels = labels ?? new() { ["default"] = new() };

    public IReadOnlyDictionary<string, string>? Labels(string ns) => _labels.GetValueOrDefault(ns);

    public IReadOnlyList<string> Matching(LabelSelectorExpr selector) => _labels.Where(kv => selector.Matches(kv.Value)).Select(kv => kv.Key).ToList();
}

internal sealed class FakeEvents : IEventSink
{
    public ConcurrentQueue<(string Pod, string Type, string Reason, string Message)> Recorded { get; } = new();

    public void Event(Pod regarding, string type, string reason, string message) =>
        Recorded.Enqueue(($"{regarding.Metadata.Namespace}/{regarding.Metadata.Name}", type, reason, message));
}

internal sealed class FakeBudgets(params DisruptionBudget[] budgets) : IDisruptionBudgetLister
{
    public IReadOnlyList<DisruptionBudget> List() => budgets;
}

internal sealed class FakeGroupSelectors(params LabelSelectorExpr[] selectors) : IPodGroupSelectors
{
    public IReadOnlyList<LabelSelectorExpr> For(Pod pod) => selectors.Where(s => s.Matches(pod.Metadata.Labels)).ToList();
}

internal sealed class FakeNominator : IPodNominator
{
    public Dictionary<string, List<PodInfo>> ByNode { get; } = new();

    public bool Any => ByNode.Count > 0;

    public IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName) => ByNode.TryGetValue(nodeName, out var l) ? l : [];
}

/// <summary>
/// A framework handle over a fixed snapshot and fakes, plus helpers that run one plugin the way the
/// framework would (PreFilter, then Filter; PreScore, Score, NormalizeScore).
/// </summary>
internal sealed class Harness
{
    public Harness(IEnumerable<Node> nodes, IEnumerable<Pod>? pods = null, INamespaceLister? namespaces = null,
        IPodGroupSelectors? groups = null, IDisruptionBudgetLister? budgets = null, Snapshot? snapshot = null)
    {
        Snapshot = snapshot ?? Snapshot.Of(nodes, pods);
        Handle = new FrameworkHandle
        {
            SchedulerName = "default-scheduler",
            Snapshot = Snapshot,
            Namespaces = namespaces ?? new FakeNamespaces(),
            Nominator = Nominator,
            Client = Client,
            Events = Events,
            DisruptionBudgets = budgets ?? new FakeBudgets(),
            GroupSelectors = groups ?? new FakeGroupSelectors(),
            Parallelizer = new Parallelizer(1),
            Time = Time,
            Logger = NullLogger.Instance,
        };
    }

    public Snapshot Snapshot { get; }
    public FrameworkHandle Handle { get; }
    public FakeSchedulerClient Client { get; } = new();
    public FakeEvents Events { get; } = new();
    public FakeNominator Nominator { get; } = new();
    public FakeTimeProvider Time { get; } = new();

    /// <summary>PreFilter (a Skip means the filter passes everywhere) then Filter on <paramref name="node"/>.</summary>
    public Status Filter(IFilterPlugin plugin, Pod pod, string node)
    {
        var info = new PodInfo(pod);
        var state = new CycleState();
        if (plugin is IPreFilterPlugin pre)
        {
            var (result, s) = pre.PreFilter(state, info);
            if (s.IsSkip) return Status.Success;
            if (!s.IsSuccess) return s;
            if (result?.NodeNames is { } names && !names.Contains(node)) return Status.Unresolvable("excluded by PreFilter result");
        }
        return plugin.Filter(state, info, Snapshot.Get(node)!);
    }

    /// <summary>Scores on the given nodes (default: all), normalized; a PreScore Skip gives all zeros.</summary>
    public long[] Scores(IScorePlugin plugin, Pod pod, params string[] nodes)
    {
        var info = new PodInfo(pod);
        var list = (nodes.Length == 0 ? Snapshot.Nodes : nodes.Select(n => Snapshot.Get(n)!)).ToList();
        var state = new CycleState();
        var scores = new long[list.Count];
        if (plugin is IPreScorePlugin pre)
        {
            var s = pre.PreScore(state, info, list);
            if (s.IsSkip) return scores;
            Assert.True(s.IsSuccess, s.ToString());
        }
        for (var i = 0; i < list.Count; i++)
        {
            var (score, s) = plugin.Score(state, info, list[i]);
            Assert.True(s.IsSuccess, s.ToString());
            scores[i] = score;
        }
        if (plugin is INormalizeScorePlugin n) Assert.True(n.NormalizeScore(state, info, list, scores).IsSuccess);
        return scores;
    }
}
