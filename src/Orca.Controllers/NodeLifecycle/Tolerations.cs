using Orca.Api.Core;

namespace Orca.Controllers.NodeLifecycle;

/// <summary>Which of a pod's tolerations cover a NoExecute taint, and for how long.</summary>
internal static class Tolerations
{
    /// <summary>
    /// True when <paramref name="t"/> tolerates <paramref name="taint"/>: the effects agree (an empty effect
    /// covers all), and either the operator is Exists (an empty key then covers every key) or the key and value are equal.
    /// </summary>
    public static bool Covers(Toleration t, Taint taint)
    {
        if (!string.IsNullOrEmpty(t.Effect) && t.Effect != taint.Effect) return false;
        if (t.Operator == "Exists") return string.IsNullOrEmpty(t.Key) || t.Key == taint.Key;
        return t.Key == taint.Key && (t.Value ?? "") == (taint.Value ?? "");
    }

    /// <summary>
    /// How long the pod may stay on a node with these NoExecute taints: null when some taint is not tolerated
    /// (evict now), <see cref="TimeSpan.MaxValue"/> when every covering toleration is unbounded, else the
    /// shortest tolerationSeconds among the tolerations that cover the taints (negative counts as zero).
    /// </summary>
    public static TimeSpan? Allowed(IReadOnlyList<Toleration>? tolerations, IEnumerable<Taint> noExecute)
    {
        var allowed = TimeSpan.MaxValue;
        foreach (var taint in noExecute)
        {
            var covering = (tolerations ?? []).Where(t => Covers(t, taint)).ToList();
            if (covering.Count == 0) return null;
            foreach (var t in covering)
                if (t.TolerationSeconds is { } s)
                {
                    var span = TimeSpan.FromSeconds(Math.Max(0, s));
                    if (span < allowed) allowed = span;
                }
        }
        return allowed;
    }
}
