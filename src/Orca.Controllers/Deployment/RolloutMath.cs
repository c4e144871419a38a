using System.Globalization;
using Orca.Api;
using Orca.Api.Apps;

namespace Orca.Controllers.Deployments;

/// <summary>The arithmetic of a rollout (Kubernetes' deploymentutil): surge and unavailability budgets, replica sums. Pure functions.</summary>
internal static class RolloutMath
{
    public static int Replicas(Deployment d) => d.Spec.Replicas ?? 1;

    public static int Replicas(ReplicaSet rs) => rs.Spec.Replicas ?? 0;

    public static bool IsRollingUpdate(Deployment d) => d.Spec.Strategy?.Type is null or "RollingUpdate";

    /// <summary>
    /// An int, or a percentage of <paramref name="total"/>: surge rounds up, unavailability down, so a small
    /// deployment can always make progress. Malformed values count as 0 (validation refuses them).
    /// </summary>
    public static int Scaled(IntOrString? value, int total, bool roundUp)
    {
        if (value is not { } v) return 0;
        if (v.IntValue is { } i) return i;
        var s = v.StringValue ?? "";
        if (!s.EndsWith('%') || !int.TryParse(s[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent)) return 0;
        var exact = (double)percent * total / 100;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }

    /// <summary>ResolveFenceposts: maxSurge and maxUnavailable as numbers; both 0 would stall, so unavailability becomes 1.</summary>
    public static (int Surge, int Unavailable) Fenceposts(Deployment d)
    {
        var rolling = d.Spec.Strategy?.RollingUpdate;
        var desired = Replicas(d);
        var surge = Scaled(rolling?.MaxSurge ?? IntOrString.FromString("25%"), desired, roundUp: true);
        var unavailable = Scaled(rolling?.MaxUnavailable ?? IntOrString.FromString("25%"), desired, roundUp: false);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    public static int MaxSurge(Deployment d) => IsRollingUpdate(d) ? Fenceposts(d).Surge : 0;

    /// <summary>Pods that may be unavailable during the rollout; never more than the replicas, 0 for Recreate.</summary>
    public static int MaxUnavailable(Deployment d)
    {
        if (!IsRollingUpdate(d) || Replicas(d) == 0) return 0;
        return Math.Min(Fenceposts(d).Unavailable, Replicas(d));
    }

    /// <summary>How many replicas the new ReplicaSet may have now: all at once for Recreate, within the surge budget for RollingUpdate.</summary>
    public static int NewReplicaSetReplicas(Deployment d, IEnumerable<ReplicaSet> all, ReplicaSet newRs)
    {
        if (!IsRollingUpdate(d)) return Replicas(d);
        var current = SpecReplicas(all);
        var maxTotal = Replicas(d) + MaxSurge(d);
        if (current >= maxTotal) return Replicas(newRs);
        var scaleUp = Math.Min(maxTotal - current, Replicas(d) - Replicas(newRs));
        return Replicas(newRs) + scaleUp;
    }

    public static int SpecReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs is null ? 0 : Replicas(rs));

    public static int StatusReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Status.Replicas ?? 0);

    public static int ReadyReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Status.ReadyReplicas ?? 0);

    public static int AvailableReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Status.AvailableReplicas ?? 0);

    /// <summary>ReplicaSets with replicas wanted (spec.replicas &gt; 0).</summary>
    public static List<ReplicaSet> Active(IEnumerable<ReplicaSet?> sets) => sets.OfType<ReplicaSet>().Where(rs => Replicas(rs) > 0).ToList();

    /// <summary>The revision annotation as a number (0 when missing or malformed).</summary>
    public static long Revision(ReplicaSet rs) =>
        rs.Metadata.Annotations?.GetValueOrDefault(DeploymentNames.RevisionAnnotation) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;

    /// <summary>Oldest first (creation time, then name), as Kubernetes' ReplicaSetsByCreationTimestamp.</summary>
    public static List<ReplicaSet> ByCreation(IEnumerable<ReplicaSet> sets) =>
        sets.OrderBy(rs => rs.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal).ToList();

    /// <summary>The desired-replicas annotation, when present.</summary>
    public static int? DesiredAnnotation(ReplicaSet rs) => IntAnnotation(rs, DeploymentNames.DesiredReplicasAnnotation);

    public static int? MaxAnnotation(ReplicaSet rs) => IntAnnotation(rs, DeploymentNames.MaxReplicasAnnotation);

    private static int? IntAnnotation(ReplicaSet rs, string key) =>
        rs.Metadata.Annotations?.GetValueOrDefault(key) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Sets desired-replicas and max-replicas; true when either changed.</summary>
    public static bool SetReplicasAnnotations(ReplicaSet rs, int desired, int max)
    {
        var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (key, value) in new[] { (DeploymentNames.DesiredReplicasAnnotation, desired), (DeploymentNames.MaxReplicasAnnotation, max) })
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (annotations.GetValueOrDefault(key) == text) continue;
            annotations[key] = text;
            changed = true;
        }
        return changed;
    }

    /// <summary>Complete: every replica updated, no old ones left, all available, and the latest spec observed.</summary>
    public static bool Complete(Deployment d, DeploymentStatus s) =>
        (s.UpdatedReplicas ?? 0) == Replicas(d) && (s.Replicas ?? 0) == Replicas(d) && (s.AvailableReplicas ?? 0) == Replicas(d)
        && (s.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0);

    /// <summary>Progress since the last status: more updated, fewer old, more ready or more available replicas.</summary>
    public static bool Progressing(Deployment d, DeploymentStatus s)
    {
        var old = d.Status;
        var oldOld = (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0);
        var newOld = (s.Replicas ?? 0) - (s.UpdatedReplicas ?? 0);
        return (s.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0) || newOld < oldOld
            || (s.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0) || (s.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0);
    }

    public static bool HasProgressDeadline(Deployment d) => d.Spec.ProgressDeadlineSeconds is { } s && s != int.MaxValue;
}
