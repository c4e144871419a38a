using Orca.Api.Apps;
using Orca.Api.Json;

namespace Orca.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    private sealed partial class Rollout
    {
        /// <summary>Status from the ReplicaSets (deletion in progress): counts and Available only.</summary>
        public async Task SyncStatusOnlyAsync()
        {
            var (newRs, _) = await ReplicaSetsAsync(create: false);
            await SyncStatusAsync(newRs);
        }

        private async Task SyncStatusAsync(ReplicaSet? newRs)
        {
            var status = CalculateStatus(newRs);
            if (SameStatus(D.Status, status)) return;
            D.Status = status;
            await UpdateStatusAsync();
        }

        /// <summary>Paused and resumed show in Progressing (Unknown), unless the deadline was already exceeded.</summary>
        public async Task CheckPausedConditionsAsync()
        {
            if (!RolloutMath.HasProgressDeadline(D)) return;
            var condition = DeploymentConditions.Get(D.Status, DeploymentNames.Progressing);
            if (condition?.Reason == DeploymentNames.ProgressDeadlineExceeded) return;
            var pausedShown = condition?.Reason == DeploymentNames.DeploymentPaused;
            if (D.Spec.Paused == true && !pausedShown)
                DeploymentConditions.Set(D.Status, DeploymentConditions.New(DeploymentNames.Progressing, "Unknown", DeploymentNames.DeploymentPaused, "Deployment is paused", Now));
            else if (D.Spec.Paused != true && pausedShown)
                DeploymentConditions.Set(D.Status, DeploymentConditions.New(DeploymentNames.Progressing, "Unknown", DeploymentNames.DeploymentResumed, "Deployment is resumed", Now));
            else
                return;
            await UpdateStatusAsync();
        }

        /// <summary>
        /// Status plus the Progressing condition: NewReplicaSetAvailable once complete, ReplicaSetUpdated (with a
        /// fresh lastUpdateTime) on any progress, ProgressDeadlineExceeded when no progress was seen for
        /// progressDeadlineSeconds; the ReplicaSets' ReplicaFailure moves up. Requeues for the deadline.
        /// </summary>
        private async Task SyncRolloutStatusAsync(ReplicaSet? newRs)
        {
            var status = CalculateStatus(newRs);
            if (!RolloutMath.HasProgressDeadline(D)) DeploymentConditions.Remove(status, DeploymentNames.Progressing);
            var current = DeploymentConditions.Get(D.Status, DeploymentNames.Progressing);
            var complete = status.Replicas == status.UpdatedReplicas && current?.Reason == DeploymentNames.NewReplicaSetAvailable;
            if (RolloutMath.HasProgressDeadline(D) && !complete)
            {
                var subject = newRs is null ? $"Deployment \"{D.Metadata.Name}\"" : $"ReplicaSet \"{newRs.Metadata.Name}\"";
                if (RolloutMath.Complete(D, status))
                {
                    DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentNames.Progressing, "True", DeploymentNames.NewReplicaSetAvailable,
                        $"{subject} has successfully progressed.", Now));
                }
                else if (RolloutMath.Progressing(D, status))
                {
                    var condition = DeploymentConditions.New(DeploymentNames.Progressing, "True", DeploymentNames.ReplicaSetUpdated, $"{subject} is progressing.", Now);
                    if (current is not null)
                    {
                        if (current.Status == "True") condition.LastTransitionTime = current.LastTransitionTime;
                        DeploymentConditions.Remove(status, DeploymentNames.Progressing);
                    }
                    DeploymentConditions.Set(status, condition);
                }
                else if (TimedOut(status))
                {
                    DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentNames.Progressing, "False", DeploymentNames.ProgressDeadlineExceeded,
                        $"{subject} has timed out progressing.", Now));
                }
            }
            if (ReplicaFailure(newRs) is { } failure) DeploymentConditions.Set(status, failure);
            else DeploymentConditions.Remove(status, DeploymentNames.ReplicaFailure);
            if (!SameStatus(D.Status, status))
            {
                D.Status = status;
                await UpdateStatusAsync();
            }
            RequeueForDeadline();
        }

        private DeploymentStatus CalculateStatus(ReplicaSet? newRs)
        {
            var available = RolloutMath.AvailableReplicas(All);
            var total = RolloutMath.SpecReplicas(All);
            var status = new DeploymentStatus
            {
                ObservedGeneration = D.Metadata.Generation,
                Replicas = RolloutMath.StatusReplicas(All),
                UpdatedReplicas = newRs?.Status.Replicas ?? 0,
                ReadyReplicas = RolloutMath.ReadyReplicas(All),
                AvailableReplicas = available,
                UnavailableReplicas = Math.Max(0, total - available),
                CollisionCount = D.Status.CollisionCount,
                Conditions = D.Status.Conditions?.Select(ApiJson.Clone).ToList(),
            };
            DeploymentConditions.Set(status, available >= Replicas - RolloutMath.MaxUnavailable(D)
                ? DeploymentConditions.New(DeploymentNames.Available, "True", DeploymentNames.MinimumReplicasAvailable, "Deployment has minimum availability.", Now)
                : DeploymentConditions.New(DeploymentNames.Available, "False", DeploymentNames.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", Now));
            return status;
        }

        /// <summary>No progress for progressDeadlineSeconds since the Progressing condition last moved.</summary>
        private bool TimedOut(DeploymentStatus status)
        {
            var condition = DeploymentConditions.Get(status, DeploymentNames.Progressing);
            if (condition is null || condition.Reason == DeploymentNames.NewReplicaSetAvailable) return false;
            if (condition.Reason == DeploymentNames.ProgressDeadlineExceeded) return true;
            return condition.LastUpdateTime is { } from && from.AddSeconds(D.Spec.ProgressDeadlineSeconds!.Value) < Now;
        }

        /// <summary>While a rollout is under way, come back when its deadline passes (on the injected clock).</summary>
        private void RequeueForDeadline()
        {
            var condition = DeploymentConditions.Get(D.Status, DeploymentNames.Progressing);
            if (!RolloutMath.HasProgressDeadline(D) || condition?.LastUpdateTime is not { } from) return;
            if (RolloutMath.Complete(D, D.Status) || condition.Reason is DeploymentNames.ProgressDeadlineExceeded) return;
            controller.EnqueueAt(Key, from.AddSeconds(D.Spec.ProgressDeadlineSeconds!.Value + 1));
        }

        /// <summary>The ReplicaFailure condition of the new ReplicaSet (or else of an old one), as a Deployment condition.</summary>
        private DeploymentCondition? ReplicaFailure(ReplicaSet? newRs)
        {
            foreach (var rs in (newRs is null ? All : [newRs, .. All.Where(r => r != newRs)]))
            {
                if (rs.Status.Conditions?.FirstOrDefault(c => c.Type == DeploymentNames.ReplicaFailure) is { } c)
                    return new DeploymentCondition
                    {
                        Type = DeploymentNames.ReplicaFailure, Status = c.Status, Reason = c.Reason, Message = c.Message,
                        LastTransitionTime = c.LastTransitionTime, LastUpdateTime = c.LastTransitionTime,
                    };
            }
            return null;
        }

        private static bool SameStatus(DeploymentStatus a, DeploymentStatus b) =>
            ApiJson.SerializeToString(a) == ApiJson.SerializeToString(b);
    }
}
