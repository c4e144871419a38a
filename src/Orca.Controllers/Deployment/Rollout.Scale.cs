using Orca.Api.Apps;

namespace Orca.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    private sealed partial class Rollout
    {
        /// <summary>A scaling event: some active ReplicaSet was sized for another replica count than the Deployment's now.</summary>
        public async Task<bool> IsScalingEventAsync()
        {
            var (newRs, old) = await ReplicaSetsAsync(create: false);
            foreach (var rs in RolloutMath.Active([.. old, newRs]))
            {
                if (RolloutMath.DesiredAnnotation(rs) is { } desired && desired != Replicas) return true;
            }
            return false;
        }

        /// <summary>Paused or scaling: resize without rolling, trim history when paused, write status.</summary>
        public async Task SyncAsync()
        {
            var (newRs, old) = await ReplicaSetsAsync(create: false);
            await ScaleDeploymentAsync(newRs, old);
            if (D.Spec.Paused == true) await CleanupAsync(old);
            await SyncStatusAsync(newRs);
        }

        /// <summary>
        /// scale: with one active ReplicaSet (or none), that one (or the newest) takes the whole size; when the new
        /// one is saturated, old ones go to 0; otherwise, for RollingUpdate, the difference to replicas + maxSurge
        /// is spread over the active ReplicaSets in proportion to their size (leftover to the largest).
        /// </summary>
        private async Task ScaleDeploymentAsync(ReplicaSet? newRs, List<ReplicaSet> old)
        {
            if (ActiveOrLatest(newRs, old) is { } only)
            {
                await ScaleAsync(only, Replicas);
                return;
            }
            if (IsSaturated(newRs))
            {
                foreach (var rs in RolloutMath.Active(old)) await ScaleAsync(rs, 0);
                return;
            }
            if (!RolloutMath.IsRollingUpdate(D)) return;
            var active = RolloutMath.Active([.. old, newRs]);
            var allowed = Replicas > 0 ? Replicas + RolloutMath.MaxSurge(D) : 0;
            var toAdd = allowed - RolloutMath.SpecReplicas(active);
            if (toAdd == 0) return;
            // Larger first; among equals newer first when growing, older first when shrinking.
            active = toAdd > 0
                ? active.OrderByDescending(RolloutMath.Replicas).ThenByDescending(rs => rs.Metadata.CreationTimestamp).ToList()
                : active.OrderByDescending(RolloutMath.Replicas).ThenBy(rs => rs.Metadata.CreationTimestamp).ToList();
            var sizes = new Dictionary<ReplicaSet, int>();
            var added = 0;
            foreach (var rs in active)
            {
                var proportion = Proportion(rs, toAdd, added);
                sizes[rs] = RolloutMath.Replicas(rs) + proportion;
                added += proportion;
            }
            if (active.Count > 0) sizes[active[0]] = Math.Max(0, sizes[active[0]] + toAdd - added);
            var operation = toAdd > 0 ? "up" : "down";
            foreach (var rs in active)
            {
                if (sizes[rs] != RolloutMath.Replicas(rs) || RolloutMath.DesiredAnnotation(rs) != Replicas) await ScaleAsync(rs, sizes[rs], operation);
            }
        }

        /// <summary>The one active ReplicaSet; with none active, the new one or the newest old one; null with several active.</summary>
        private static ReplicaSet? ActiveOrLatest(ReplicaSet? newRs, List<ReplicaSet> old)
        {
            if (newRs is null && old.Count == 0) return null;
            var newestFirst = old.OrderByDescending(rs => rs.Metadata.CreationTimestamp).ThenByDescending(rs => rs.Metadata.Name, StringComparer.Ordinal).ToList();
            var active = RolloutMath.Active([.. newestFirst, newRs]);
            return active.Count switch
            {
                0 => newRs ?? newestFirst[0],
                1 => active[0],
                _ => null,
            };
        }

        private bool IsSaturated(ReplicaSet? rs) =>
            rs is not null && RolloutMath.DesiredAnnotation(rs) == Replicas && (rs.Status.AvailableReplicas ?? 0) == Replicas && RolloutMath.Replicas(rs) == Replicas;

        /// <summary>This ReplicaSet's share of <paramref name="toAdd"/>, from the size it had against the max-replicas it was sized for.</summary>
        private int Proportion(ReplicaSet rs, int toAdd, int added)
        {
            if (RolloutMath.Replicas(rs) == 0 || toAdd == 0) return 0;
            var fraction = Fraction(rs);
            var allowed = toAdd - added;
            return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
        }

        private int Fraction(ReplicaSet rs)
        {
            if (Replicas == 0) return -RolloutMath.Replicas(rs);
            var deploymentReplicas = Replicas + RolloutMath.MaxSurge(D);
            var annotated = RolloutMath.MaxAnnotation(rs) ?? D.Status.Replicas ?? 0;
            if (annotated == 0) return 0;
            var size = (double)RolloutMath.Replicas(rs) * deploymentReplicas / annotated;
            return (int)Math.Round(size, MidpointRounding.AwayFromZero) - RolloutMath.Replicas(rs);
        }
    }
}
