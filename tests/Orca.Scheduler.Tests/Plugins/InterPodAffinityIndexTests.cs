using Orca.Api.Core;
using Orca.Scheduler.Cache;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.InterPodAffinity;
using LabelSelector = Orca.Api.Meta.LabelSelector;

namespace Orca.Scheduler.Tests.Plugins;

/// <summary>
/// InterPodAffinity reads per-domain counts that the snapshot keeps up to date as pods and nodes change
/// (<see cref="AffinityIndex"/>). These tests drive a cache through random changes and compare, after each
/// snapshot update, every Filter verdict and raw Score with a full scan of every pod written from the rules.
/// </summary>
public sealed class InterPodAffinityIndexTests
{
    private const string Zone = "topology.kubernetes.io/zone";
    private const string Host = "kubernetes.io/hostname";
    private static readonly string[] Apps = ["web", "db", "cache", "queue", "batch"];
    private static readonly string[] Zones = ["a", "b", "c"];

    private readonly FakeNamespaces _namespaces = new(new()
    {
        ["default"] = new() { ["team"] = "a" },
        ["other"] = new() { ["team"] = "b" },
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Incremental_counts_give_the_same_answers_as_a_full_scan(int seed)
    {
        var rng = new Random(seed);
        var cache = new SchedulerCache(TimeProvider.System);
        var snapshot = new Snapshot();
        var h = new Harness([], namespaces: _namespaces, snapshot: snapshot);
        var plugin = new InterPodAffinityPlugin(new InterPodAffinityArgs(), h.Handle);
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var pods = new Dictionary<string, Pod>(StringComparer.Ordinal);
        for (var i = 0; i < 8; i++) PutNode(cache, nodes, $"n{i}", rng);
        for (var step = 0; step < 400; step++)
        {
            Mutate(cache, nodes, pods, rng, step);
            if (step % 4 != 0) continue;
            cache.UpdateSnapshot(snapshot);
            var existing = pods.Values.Where(p => nodes.ContainsKey(p.Spec.NodeName!)).Select(p => (new PodInfo(p), nodes[p.Spec.NodeName!])).ToList();
            for (var k = 0; k < 3; k++) Compare(plugin, snapshot, new PodInfo(RandomPod($"in-{step}-{k}", null, rng)), existing, $"seed {seed} step {step}");
        }
    }

    [Fact]
    public void A_layer_over_the_maintained_counts_leaves_them_unchanged()
    {
        var node = NodeBuilder.Named("n1").Label(Zone, "a").Build();
        var base0 = new TopologyCounts();
        base0.Update(node, Zone, 2);
        var layer = TopologyCounts.Over(base0);
        layer.Update(node, Zone, -2);
        Assert.Equal(0, layer.Count);
        Assert.Equal(0, layer[Zone, "a"]);
        var copy = layer.Clone();
        copy.Update(node, Zone, 1);
        Assert.Equal(1, copy.Count);
        Assert.Equal(1, copy[Zone, "a"]);
        Assert.Equal(0, layer[Zone, "a"]);
        Assert.Equal(2, base0[Zone, "a"]);
    }

    private void Mutate(SchedulerCache cache, Dictionary<string, Node> nodes, Dictionary<string, Pod> pods, Random rng, int step)
    {
        var op = rng.Next(12);
        if (op < 6 && nodes.Count > 0)
        {
            var pod = RandomPod($"p{step}", nodes.Keys.ElementAt(rng.Next(nodes.Count)), rng);
            pods[pod.Metadata.Uid!] = pod;
            cache.AddPod(pod);
        }
        else if (op < 8 && pods.Count > 0)
        {
            var pod = pods.Values.ElementAt(rng.Next(pods.Count));
            pods.Remove(pod.Metadata.Uid!);
            cache.RemovePod(pod);
        }
        else if (op < 10)
        {
            PutNode(cache, nodes, $"n{rng.Next(10)}", rng);
        }
        else if (nodes.Count > 0)
        {
            var node = nodes.Values.ElementAt(rng.Next(nodes.Count));
            nodes.Remove(node.Metadata.Name!);
            cache.RemoveNode(node);
        }
    }

    /// <summary>Adds the node, or relabels it (new zone, or none) when it exists.</summary>
    private static void PutNode(SchedulerCache cache, Dictionary<string, Node> nodes, string name, Random rng)
    {
        var b = NodeBuilder.Named(name);
        if (rng.Next(5) > 0) b.Label(Zone, Zones[rng.Next(Zones.Length)]);
        var node = b.Build();
        nodes[name] = node;
        cache.UpdateNode(node);
    }

    private static Pod RandomPod(string name, string? node, Random rng)
    {
        var b = PodBuilder.Named(name, rng.Next(4) == 0 ? "other" : "default");
        if (rng.Next(5) > 0) b.Label("app", Apps[rng.Next(Apps.Length)]);
        if (node is not null) b.OnNode(node);
        for (var kind = 0; kind < 4; kind++)
        {
            if (rng.Next(3) > 0) continue;
            var key = rng.Next(2) == 0 ? Host : Zone;
            var app = Apps[rng.Next(Apps.Length)];
            var weight = kind < 2 ? 0 : rng.Next(1, 101);
            var (namespaces, selector) = rng.Next(6) switch
            {
                0 => (new List<string> { "other" }, null),
                1 => ((List<string>?)null, new LabelSelector { MatchLabels = new() { ["team"] = "a" } }),
                _ => (null, (LabelSelector?)null),
            };
            if (kind % 2 == 0) b.PodAffinity(key, "app", app, weight, namespaces, selector);
            else b.PodAntiAffinity(key, "app", app, weight, namespaces, selector);
        }
        return b.Build();
    }

    private void Compare(InterPodAffinityPlugin plugin, Snapshot snapshot, PodInfo pod, List<(PodInfo Pod, Node Node)> existing, string where)
    {
        var state = new CycleState();
        var (_, pre) = plugin.PreFilter(state, pod);
        foreach (var info in snapshot.Nodes)
        {
            var actual = pre.IsSkip ? "" : plugin.Filter(state, pod, info).Message;
            Assert.True(ExpectedFilter(pod, info.Node!, existing) == actual, $"{where}: filter of {pod.Pod.Spec.Affinity is not null} on {info.Name}: '{actual}'");
        }
        var scoreState = new CycleState();
        var skip = plugin.PreScore(scoreState, pod, snapshot.Nodes).IsSkip;
        foreach (var info in snapshot.Nodes)
        {
            var actual = skip ? 0 : plugin.Score(scoreState, pod, info).Score;
            Assert.True(ExpectedScore(pod, info.Node!, existing) == actual, $"{where}: score on {info.Name}: {actual}");
        }
    }

    private IReadOnlyDictionary<string, string>? Ns(Pod pod) => _namespaces.Labels(pod.Metadata.Namespace!);

    private static bool SameDomain(Node a, Node b, string key) =>
        a.Metadata.Labels!.TryGetValue(key, out var x) && b.Metadata.Labels!.TryGetValue(key, out var y) && x == y;

    /// <summary>The rules, pod by pod: required affinity, then the pod's anti-affinity, then existing pods' anti-affinity.</summary>
    private string ExpectedFilter(PodInfo pod, Node node, List<(PodInfo Pod, Node Node)> existing)
    {
        var affinity = pod.RequiredAffinityTerms;
        if (affinity.Length > 0)
        {
            bool MatchesAll(Pod p) => affinity.All(t => t.Matches(p, Ns(p)));
            var keysPresent = affinity.All(t => node.Metadata.Labels!.ContainsKey(t.TopologyKey));
            var everyTermHasPartner = affinity.All(t => existing.Any(e => MatchesAll(e.Pod.Pod) && SameDomain(e.Node, node, t.TopologyKey)));
            var anyPartner = existing.Any(e => MatchesAll(e.Pod.Pod) && affinity.Any(t => e.Node.Metadata.Labels!.ContainsKey(t.TopologyKey)));
            if (!keysPresent || !(everyTermHasPartner || (!anyPartner && MatchesAll(pod.Pod)))) return InterPodAffinityPlugin.ErrReasonAffinityRulesNotMatch;
        }
        if (pod.RequiredAntiAffinityTerms.Any(t => existing.Any(e => t.Matches(e.Pod.Pod, Ns(e.Pod.Pod)) && SameDomain(e.Node, node, t.TopologyKey))))
            return InterPodAffinityPlugin.ErrReasonAntiAffinityRulesNotMatch;
        if (existing.Any(e => e.Pod.RequiredAntiAffinityTerms.Any(t => t.Matches(pod.Pod, Ns(pod.Pod)) && SameDomain(e.Node, node, t.TopologyKey))))
            return InterPodAffinityPlugin.ErrReasonExistingAntiAffinityRulesNotMatch;
        return "";
    }

    /// <summary>Raw score (hardPodAffinityWeight 1): both sides' preferred terms and existing pods' required affinity, by domain.</summary>
    private long ExpectedScore(PodInfo pod, Node node, List<(PodInfo Pod, Node Node)> existing)
    {
        long score = 0;
        foreach (var (e, m) in existing)
        {
            foreach (var w in pod.PreferredAffinityTerms)
                if (w.Term.Matches(e.Pod, Ns(e.Pod)) && SameDomain(m, node, w.Term.TopologyKey)) score += w.Weight;
            foreach (var w in pod.PreferredAntiAffinityTerms)
                if (w.Term.Matches(e.Pod, Ns(e.Pod)) && SameDomain(m, node, w.Term.TopologyKey)) score -= w.Weight;
            foreach (var t in e.RequiredAffinityTerms)
                if (t.Matches(pod.Pod, Ns(pod.Pod)) && SameDomain(m, node, t.TopologyKey)) score += 1;
            foreach (var w in e.PreferredAffinityTerms)
                if (w.Term.Matches(pod.Pod, Ns(pod.Pod)) && SameDomain(m, node, w.Term.TopologyKey)) score += w.Weight;
            foreach (var w in e.PreferredAntiAffinityTerms)
                if (w.Term.Matches(pod.Pod, Ns(pod.Pod)) && SameDomain(m, node, w.Term.TopologyKey)) score -= w.Weight;
        }
        return score;
    }
}
