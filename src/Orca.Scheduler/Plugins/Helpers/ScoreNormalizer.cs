using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.Helpers;

/// <summary>Score normalization shared by plugins.</summary>
internal static class ScoreNormalizer
{
    /// <summary>
    /// Scales scores so the highest becomes <paramref name="maxPriority"/> (integer division, as upstream);
    /// with <paramref name="reverse"/> the scale is flipped (fewest "bad" counts score highest). All zero:
    /// unchanged, or all <paramref name="maxPriority"/> when reversed.
    /// </summary>
    public static void Default(Span<long> scores, bool reverse, long maxPriority = SchedulingFramework.MaxNodeScore)
    {
        long max = 0;
        foreach (var s in scores) max = Math.Max(max, s);
        if (max == 0)
        {
            if (reverse) scores.Fill(maxPriority);
            return;
        }
        for (var i = 0; i < scores.Length; i++)
        {
            var s = maxPriority * scores[i] / max;
            scores[i] = reverse ? maxPriority - s : s;
        }
    }
}
