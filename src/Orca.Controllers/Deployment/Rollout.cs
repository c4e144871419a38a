using System.Globalization;
using Orca.Api.Apps;
using Orca.Api.Json;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    /// <summary>
    /// One sync of one Deployment: a private copy of it and of its ReplicaSets that each write refreshes, so
    /// the steps of a sync see their own effects. Not thread-safe; lives for one sync.
    /// </summary>
    private sealed partial class Rollout(DeploymentController controller, Deployment d, CancellationToken ct)
    {
        public Deployment D { get; private set; } = d;

        /// <summary>Every ReplicaSet the Deployment controls.</summary>
        public List<ReplicaSet> All { get; set; } = [];

        private DateTimeOffset Now => controller.Time.GetUtcNow();
        private string Key => ObjectKey.Of(D);
        private int Replicas => RolloutMath.Replicas(D);

        /// <summary>PUT /status with the Deployment copy (its annotations too, as Kubernetes' status strategy allows); the answer becomes the copy.</summary>
        public async Task UpdateStatusAsync()
        {
            var replaced = D.Metadata.ResourceVersion;
            D = await controller._deployments.UpdateStatusAsync(D, ct);
            controller._written.Remember(Key, replaced, D);
        }

        /// <summary>The template-equal ReplicaSet, oldest first when several are; null when none is.</summary>
        private ReplicaSet? FindNew() =>
            RolloutMath.ByCreation(All).FirstOrDefault(rs => TemplateHash.EqualIgnoringHash(rs.Spec.Template, D.Spec.Template));

        private List<ReplicaSet> OldOf(ReplicaSet? newRs) => All.Where(rs => rs != newRs).ToList();

        /// <summary>
        /// getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when <paramref name="create"/> and missing)
        /// with its revision brought up to date, and all the old ones.
        /// </summary>
        private async Task<(ReplicaSet? New, List<ReplicaSet> Old)> ReplicaSetsAsync(bool create)
        {
            var existing = FindNew();
            var old = OldOf(existing);
            var newRs = await NewReplicaSetAsync(existing, old, create);
            return (newRs, old);
        }

        /// <summary>Writes a changed ReplicaSet and refreshes the copy in place (every list holding it sees the answer).</summary>
        private async Task UpdateReplicaSetAsync(ReplicaSet rs)
        {
            var updated = await controller._replicaSets.UpdateAsync(rs, ct);
            rs.Metadata = updated.Metadata;
            rs.Spec = updated.Spec;
            rs.Status = updated.Status;
        }

        /// <summary>scaleReplicaSetAndRecordEvent: sets spec.replicas (and the replicas annotations); true when the size changed.</summary>
        private Task<bool> ScaleAsync(ReplicaSet rs, int replicas) =>
            RolloutMath.Replicas(rs) == replicas ? Task.FromResult(false) : ScaleAsync(rs, replicas, RolloutMath.Replicas(rs) < replicas ? "up" : "down");

        private async Task<bool> ScaleAsync(ReplicaSet rs, int replicas, string operation)
        {
            var from = RolloutMath.Replicas(rs);
            var sizeChanged = from != replicas;
            var copy = ApiJson.Clone(rs);
            copy.Spec.Replicas = replicas;
            var annotationsChanged = RolloutMath.SetReplicasAnnotations(copy, Replicas, Replicas + RolloutMath.MaxSurge(D));
            if (!sizeChanged && !annotationsChanged) return false;
            await UpdateReplicaSetAsync(copy);
            rs.Metadata = copy.Metadata;
            rs.Spec = copy.Spec;
            rs.Status = copy.Status;
            if (sizeChanged)
                controller._recorder.Event(D, "Normal", "ScalingReplicaSet",
                    string.Create(CultureInfo.InvariantCulture, $"Scaled {operation} replica set {rs.Metadata.Name} from {from} to {replicas}"));
            return sizeChanged;
        }

        /// <summary>Deletes the oldest revisions beyond revisionHistoryLimit that have no replicas left.</summary>
        private async Task CleanupAsync(List<ReplicaSet> old)
        {
            if (D.Spec.RevisionHistoryLimit is not { } limit) return;
            var cleanable = old.Where(rs => rs.Metadata.DeletionTimestamp is null).ToList();
            var diff = cleanable.Count - limit;
            if (diff <= 0) return;
            cleanable = cleanable.OrderBy(RolloutMath.Revision).ThenBy(rs => rs.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).ToList();
            foreach (var rs in cleanable.Take(diff))
            {
                if (rs.Status.Replicas != 0 || RolloutMath.Replicas(rs) != 0 || (rs.Metadata.Generation ?? 0) > (rs.Status.ObservedGeneration ?? 0)) continue;
                LogCleanup(controller.Logger, Key, rs.Metadata.Name!);
                try
                {
                    await controller._replicaSets.DeleteAsync(rs.Metadata.Namespace, rs.Metadata.Name!, new Orca.Api.Meta.DeleteOptions
                    {
                        Preconditions = new Orca.Api.Meta.Preconditions { Uid = rs.Metadata.Uid },
                    }, ct);
                }
                catch (ApiException e) when (e.IsNotFound)
                {
                }
            }
        }

        /// <summary>Whether pods of old ReplicaSets still exist or run (Recreate waits for none).</summary>
        private bool OldPodsRunning(List<ReplicaSet> old) =>
            RolloutMath.StatusReplicas(old) > 0 || old.Any(controller.HasRunningPods);
    }
}
