using System.Buffers;

namespace Orca.Scheduler.Framework;

internal sealed partial class SchedulingFramework
{
    public const long MaxNodeScore = 100;
    public const long MinNodeScore = 0;

    /// <summary>Runs PreScore plugins; a Skip turns that plugin's Score off for this pod; anything but Success/Skip is an error.</summary>
    public Status RunPreScorePlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ulong skip = 0;
        foreach (var p in _plugins.PreScore)
        {
            var s = p.PreScore(state, pod, nodes);
            if (s.IsSkip)
            {
                if (_scoreIndex.TryGetValue(p.Name, out var i)) skip |= 1UL << i;
                continue;
            }
            if (!s.IsSuccess) return Status.AsError($"running PreScore plugin \"{p.Name}\": {s.Message}").WithPlugin(p.Name);
        }
        state.SkipScore = skip;
        return Status.Success;
    }

    /// <summary>
    /// Scores every node with every Score plugin not skipped, normalizes each plugin's scores, checks
    /// they are within 0–100, and adds them, times the plugin's weight, into <paramref name="totals"/>
    /// (one entry per node, overwritten).
    /// </summary>
    public Status RunScorePlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> totals)
    {
        totals.Clear();
        var scratch = ArrayPool<long>.Shared.Rent(nodes.Count);
        try
        {
            for (var i = 0; i < _plugins.Score.Count; i++)
            {
                if ((state.SkipScore & (1UL << i)) != 0) continue;
                var (plugin, weight) = (_plugins.Score[i].Plugin, _plugins.Score[i].Weight);
                var scores = scratch.AsSpan(0, nodes.Count);
                var failed = ScoreAll(plugin, state, pod, nodes, scratch);
                if (failed is not null) return failed;
                if (plugin is INormalizeScorePlugin normalizer)
                {
                    var s = normalizer.NormalizeScore(state, pod, nodes, scores);
                    if (!s.IsSuccess) return Status.AsError($"running Normalize on Score plugin \"{plugin.Name}\": {s.Message}").WithPlugin(plugin.Name);
                }
                for (var n = 0; n < scores.Length; n++)
                {
                    var score = scores[n];
                    if (score is < MinNodeScore or > MaxNodeScore)
                        return Status.AsError($"plugin \"{plugin.Name}\" returns an invalid score {score}, it should in the range of [{MinNodeScore}, {MaxNodeScore}] after normalizing").WithPlugin(plugin.Name);
                    totals[n] += score * weight;
                }
            }
            return Status.Success;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(scratch);
        }
    }

    private Status? ScoreAll(IScorePlugin plugin, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, long[] scores)
    {
        Status? failed = null;
        Handle.Parallelizer.Until(nodes.Count, n =>
        {
            var (score, s) = plugin.Score(state, pod, nodes[n]);
            if (!s.IsSuccess) failed = Status.AsError($"running Score plugin \"{plugin.Name}\": {s.Message}").WithPlugin(plugin.Name);
            scores[n] = score;
        }, () => failed is not null);
        return failed;
    }
}
