using Orca.Api.Apps;

namespace Orca.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    private sealed partial class Rollout
    {
        /// <summary>
        /// RollingUpdate: first grow the new ReplicaSet within maxSurge; only when nothing grew, shrink old ones
        /// as far as maxUnavailable allows (unhealthy replicas first); when the rollout is complete, trim history.
        /// One kind of step per sync; the ReplicaSets' status changes bring the next sync.
        /// </summary>
        public async Task RollingAsync()
        {
            var (newRs, old) = await ReplicaSetsAsync(create: true);
            if (await ReconcileNewAsync(newRs!))
            {
                await SyncRolloutStatusAsync(newRs);
                return;
            }
            if (await ReconcileOldAsync(newRs!, RolloutMath.Active(old)))
            {
                await SyncRolloutStatusAsync(newRs);
                return;
            }
            if (RolloutMath.Complete(D, D.Status)) await CleanupAsync(old);
            await SyncRolloutStatusAsync(newRs);
        }

        private async Task<bool> ReconcileNewAsync(ReplicaSet newRs)
        {
            var current = RolloutMath.Replicas(newRs);
            if (current == Replicas) return false;
            if (current > Replicas) return await ScaleAsync(newRs, Replicas);
            return await ScaleAsync(newRs, RolloutMath.NewReplicaSetReplicas(D, All, newRs));
        }

        /// <summary>
        /// Scales old ReplicaSets down while at least replicas − maxUnavailable pods stay available, counting the
        /// new ReplicaSet's not-yet-available pods as unavailable.
        /// </summary>
        private async Task<bool> ReconcileOldAsync(ReplicaSet newRs, List<ReplicaSet> old)
        {
            if (RolloutMath.SpecReplicas(old) == 0) return false;
            var allPods = RolloutMath.SpecReplicas(All);
            var minAvailable = Replicas - RolloutMath.MaxUnavailable(D);
            var newUnavailable = RolloutMath.Replicas(newRs) - (newRs.Status.AvailableReplicas ?? 0);
            var maxScaledDown = allPods - minAvailable - newUnavailable;
            if (maxScaledDown <= 0) return false;
            var cleaned = await CleanupUnhealthyAsync(old, maxScaledDown);
            var scaled = await ScaleDownOldAsync(old);
            return cleaned + scaled > 0;
        }

        /// <summary>Removes old replicas that are not available (they cost no availability), oldest ReplicaSet first.</summary>
        private async Task<int> CleanupUnhealthyAsync(List<ReplicaSet> old, int maxCleanup)
        {
            var total = 0;
            foreach (var rs in RolloutMath.ByCreation(old))
            {
                if (total >= maxCleanup) break;
                var replicas = RolloutMath.Replicas(rs);
                var available = rs.Status.AvailableReplicas ?? 0;
                if (replicas == 0 || replicas <= available) continue;
                var count = Math.Min(maxCleanup - total, replicas - available);
                await ScaleAsync(rs, replicas - count);
                total += count;
            }
            return total;
        }

        /// <summary>Scales old ReplicaSets down by what availability above replicas − maxUnavailable allows, oldest first.</summary>
        private async Task<int> ScaleDownOldAsync(List<ReplicaSet> old)
        {
            var minAvailable = Replicas - RolloutMath.MaxUnavailable(D);
            var available = RolloutMath.AvailableReplicas(All);
            if (available <= minAvailable) return 0;
            var budget = available - minAvailable;
            var total = 0;
            foreach (var rs in RolloutMath.ByCreation(old))
            {
                if (total >= budget) break;
                var replicas = RolloutMath.Replicas(rs);
                if (replicas == 0) continue;
                var count = Math.Min(replicas, budget - total);
                await ScaleAsync(rs, replicas - count);
                total += count;
            }
            return total;
        }

        /// <summary>Recreate: every old ReplicaSet to 0, wait until their pods are gone, then the new one at full size.</summary>
        public async Task RecreateAsync()
        {
            var (newRs, old) = await ReplicaSetsAsync(create: false);
            var scaledDown = false;
            foreach (var rs in RolloutMath.Active(old))
            {
                if (await ScaleAsync(rs, 0)) scaledDown = true;
            }
            if (scaledDown || OldPodsRunning(old))
            {
                await SyncRolloutStatusAsync(newRs);
                return;
            }
            newRs ??= (await ReplicaSetsAsync(create: true)).New!;
            await ScaleAsync(newRs, Replicas);
            if (RolloutMath.Complete(D, D.Status)) await CleanupAsync(old);
            await SyncRolloutStatusAsync(newRs);
        }
    }
}
