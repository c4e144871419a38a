namespace Orca.Api.Core;

/// <summary>Toleration matching as core/v1 defines it.</summary>
public static class Taints
{
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";

    /// <summary>
    /// A toleration tolerates a taint when its effect is empty or equal, its key is empty or equal, and
    /// its operator is Exists, or Equal (or empty) with an equal value.
    /// </summary>
    public static bool Tolerates(Toleration t, Taint taint)
    {
        if (!string.IsNullOrEmpty(t.Effect) && t.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(t.Key) && t.Key != taint.Key) return false;
        return t.Operator switch
        {
            null or "" or "Equal" => (t.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    public static bool AnyTolerates(IReadOnlyList<Toleration>? tolerations, Taint taint)
    {
        if (tolerations is null) return false;
        foreach (var t in tolerations)
        {
            if (Tolerates(t, taint)) return true;
        }
        return false;
    }

    /// <summary>NoSchedule and NoExecute taints keep new pods away.</summary>
    public static bool IsDoNotSchedule(Taint t) => t.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute;

    /// <summary>The first taint selected by <paramref name="filter"/> that no toleration tolerates, if any.</summary>
    public static Taint? FindUntolerated(IReadOnlyList<Taint>? taints, IReadOnlyList<Toleration>? tolerations, Func<Taint, bool> filter)
    {
        if (taints is null) return null;
        foreach (var taint in taints)
        {
            if (filter(taint) && !AnyTolerates(tolerations, taint)) return taint;
        }
        return null;
    }
}
