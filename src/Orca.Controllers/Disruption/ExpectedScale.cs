using System.Globalization;
using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Disruption;

/// <summary>
/// How many pods a budget's pods' controllers want: the sum of spec.replicas over the distinct controllers
/// (a ReplicaSet owned by a Deployment counts as the Deployment). Needed for percentages and maxUnavailable.
/// A pod without a controller, or whose controller is not a ReplicaSet, Deployment, StatefulSet or
/// ReplicationController in the caches, makes the count fail with Kubernetes' message.
/// </summary>
internal sealed class ExpectedScale(
    Lister<ReplicaSet> replicaSets, Lister<Deployment> deployments, Lister<Orca.Api.Apps.StatefulSet> statefulSets, Lister<ReplicationController> rcs)
{
    public bool TryCount(IEnumerable<Pod> pods, out int expected, out string error)
    {
        expected = 0;
        error = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var owner = ControllerRefs.ControllerOf(pod);
            if (owner is null)
            {
                error = $"found no controller ref for pod \"{pod.Metadata.Name}\"";
                return false;
            }
            var scale = Scale(pod.Metadata.Namespace, owner.Kind, owner.Name, owner.Uid);
            if (scale is null)
            {
                error = $"found no controllers for pod \"{pod.Metadata.Name}\"";
                return false;
            }
            if (seen.Add(scale.Value.Uid)) expected += scale.Value.Replicas;
        }
        return true;
    }

    private (string Uid, int Replicas)? Scale(string? ns, string kind, string name, string uid)
    {
        IKubeObject? owner;
        int? replicas;
        switch (kind)
        {
            case "ReplicaSet":
                var rs = replicaSets.Get(ns, name);
                if (rs is null || rs.Metadata.Uid != uid) return null;
                if (ControllerRefs.ControllerOf(rs) is { Kind: "Deployment" } d) return Scale(ns, "Deployment", d.Name, d.Uid);
                (owner, replicas) = (rs, rs.Spec.Replicas);
                break;
            case "Deployment":
                var dep = deployments.Get(ns, name);
                (owner, replicas) = (dep, dep?.Spec.Replicas);
                break;
            case "StatefulSet":
                var sts = statefulSets.Get(ns, name);
                (owner, replicas) = (sts, sts?.Spec.Replicas);
                break;
            case "ReplicationController":
                var rc = rcs.Get(ns, name);
                (owner, replicas) = (rc, rc?.Spec.Replicas);
                break;
            default:
                return null;
        }
        if (owner is null || owner.Metadata.Uid != uid) return null;
        return (uid, replicas ?? 1);
    }

    /// <summary>An int, or a percentage of <paramref name="total"/> rounded up (Kubernetes' GetScaledValueFromIntOrPercent).</summary>
    public static bool TryScaled(IntOrString value, int total, out int result)
    {
        result = 0;
        if (value.IntValue is { } i)
        {
            result = i;
            return true;
        }
        var s = value.StringValue ?? "";
        if (!s.EndsWith('%') || !int.TryParse(s[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var pct)) return false;
        result = (int)Math.Ceiling(pct * (long)total / 100.0);
        return true;
    }
}
