using System.Globalization;
using Orca.Api.Apps;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    private sealed partial class Rollout
    {
        /// <summary>
        /// getNewReplicaSet: brings an existing new ReplicaSet's annotations (revision, copied Deployment
        /// annotations) and minReadySeconds up to date, or creates it named &lt;deployment&gt;-&lt;hash&gt;
        /// with as many replicas as the strategy allows now. A name taken by a ReplicaSet with another
        /// template is a hash collision: collisionCount goes up and the next sync tries a new hash.
        /// </summary>
        private async Task<ReplicaSet?> NewReplicaSetAsync(ReplicaSet? existing, List<ReplicaSet> old, bool create)
        {
            var newRevision = (old.Select(RolloutMath.Revision).DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture);
            if (existing is not null)
            {
                var copy = ApiJson.Clone(existing);
                var annotationsChanged = SetNewReplicaSetAnnotations(copy, newRevision, exists: true);
                var minReadyChanged = (copy.Spec.MinReadySeconds ?? 0) != (D.Spec.MinReadySeconds ?? 0);
                if (annotationsChanged || minReadyChanged)
                {
                    copy.Spec.MinReadySeconds = D.Spec.MinReadySeconds;
                    await UpdateReplicaSetAsync(copy);
                    existing.Metadata = copy.Metadata;
                    existing.Spec = copy.Spec;
                    existing.Status = copy.Status;
                }
                var needsUpdate = SetDeploymentRevision(existing.Metadata.Annotations?.GetValueOrDefault(DeploymentNames.RevisionAnnotation) ?? "");
                if (RolloutMath.HasProgressDeadline(D) && DeploymentConditions.Get(D.Status, DeploymentNames.Progressing) is null)
                {
                    DeploymentConditions.Set(D.Status, DeploymentConditions.New(DeploymentNames.Progressing, "True", DeploymentNames.FoundNewReplicaSet,
                        $"Found new replica set \"{existing.Metadata.Name}\"", Now));
                    needsUpdate = true;
                }
                if (needsUpdate) await UpdateStatusAsync();
                return existing;
            }
            if (!create) return null;
            return await CreateNewReplicaSetAsync(old, newRevision);
        }

        private async Task<ReplicaSet> CreateNewReplicaSetAsync(List<ReplicaSet> old, string newRevision)
        {
            var hash = TemplateHash.Compute(D.Spec.Template, D.Status.CollisionCount);
            var template = ApiJson.Clone(D.Spec.Template);
            template.Metadata ??= new ObjectMeta();
            template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? [], StringComparer.Ordinal) { [AppsLabels.PodTemplateHash] = hash };
            var selector = ApiJson.Clone(D.Spec.Selector!);
            selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? [], StringComparer.Ordinal) { [AppsLabels.PodTemplateHash] = hash };
            var rs = new ReplicaSet
            {
                ApiVersion = "apps/v1",
                Kind = "ReplicaSet",
                Metadata = new ObjectMeta
                {
                    Name = D.Metadata.Name + "-" + hash,
                    Namespace = D.Metadata.Namespace,
                    OwnerReferences = [ControllerRefs.For(D, "apps/v1", "Deployment")],
                    Labels = new Dictionary<string, string>(template.Metadata.Labels, StringComparer.Ordinal),
                },
                Spec = new ReplicaSetSpec { Replicas = 0, MinReadySeconds = D.Spec.MinReadySeconds, Selector = selector, Template = template },
            };
            rs.Spec.Replicas = RolloutMath.NewReplicaSetReplicas(D, [.. old, rs], rs);
            SetNewReplicaSetAnnotations(rs, newRevision, exists: false);
            var alreadyExists = false;
            ReplicaSet created;
            try
            {
                created = await controller._replicaSets.CreateAsync(rs, ct);
            }
            catch (ApiException e) when (e.IsAlreadyExists)
            {
                var found = await controller._replicaSets.GetAsync(rs.Metadata.Namespace, rs.Metadata.Name!, ct);
                if (!ControllerRefs.IsControlledBy(found, D) || !TemplateHash.EqualIgnoringHash(found.Spec.Template, D.Spec.Template))
                {
                    D.Status.CollisionCount = (D.Status.CollisionCount ?? 0) + 1;
                    await UpdateStatusAsync();
                    throw;
                }
                created = found;
                alreadyExists = true;
            }
            catch (ApiException e)
            {
                var message = $"Failed to create new replica set \"{rs.Metadata.Name}\": {e.Message}";
                if (RolloutMath.HasProgressDeadline(D))
                {
                    DeploymentConditions.Set(D.Status, DeploymentConditions.New(DeploymentNames.Progressing, "False", DeploymentNames.ReplicaSetCreateError, message, Now));
                    await UpdateStatusAsync();
                }
                controller._recorder.Event(D, "Warning", "FailedCreate", message);
                throw;
            }
            All.Add(created);
            var replicas = RolloutMath.Replicas(created);
            if (!alreadyExists && replicas > 0)
                controller._recorder.Event(D, "Normal", "ScalingReplicaSet",
                    string.Create(CultureInfo.InvariantCulture, $"Scaled up replica set {created.Metadata.Name} from 0 to {replicas}"));
            var needsUpdate = SetDeploymentRevision(newRevision);
            if (!alreadyExists && RolloutMath.HasProgressDeadline(D))
            {
                DeploymentConditions.Set(D.Status, DeploymentConditions.New(DeploymentNames.Progressing, "True", DeploymentNames.NewReplicaSetCreated,
                    $"Created new replica set \"{created.Metadata.Name}\"", Now));
                needsUpdate = true;
            }
            if (needsUpdate) await UpdateStatusAsync();
            return created;
        }

        /// <summary>
        /// Copies the Deployment's annotations (not the skipped ones) onto <paramref name="rs"/>, raises its
        /// revision to <paramref name="newRevision"/> (remembering the old one in revision-history, which is how a
        /// rolled-back-to ReplicaSet keeps its past), and for a new ReplicaSet sets desired/max replicas.
        /// </summary>
        private bool SetNewReplicaSetAnnotations(ReplicaSet rs, string newRevision, bool exists)
        {
            var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
            var changed = false;
            foreach (var (k, v) in D.Metadata.Annotations ?? [])
            {
                if (DeploymentNames.SkipCopy(k) || annotations.GetValueOrDefault(k) == v) continue;
                annotations[k] = v;
                changed = true;
            }
            var oldRevision = annotations.GetValueOrDefault(DeploymentNames.RevisionAnnotation);
            var oldNumber = long.TryParse(oldRevision, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
            var newNumber = long.Parse(newRevision, CultureInfo.InvariantCulture);
            if (oldNumber < newNumber)
            {
                annotations[DeploymentNames.RevisionAnnotation] = newRevision;
                changed = true;
                if (!string.IsNullOrEmpty(oldRevision)) AppendRevisionHistory(annotations, oldRevision);
            }
            if (!exists && RolloutMath.SetReplicasAnnotations(rs, Replicas, Replicas + RolloutMath.MaxSurge(D))) changed = true;
            return changed;
        }

        private static void AppendRevisionHistory(Dictionary<string, string> annotations, string oldRevision)
        {
            var history = annotations.GetValueOrDefault(DeploymentNames.RevisionHistoryAnnotation);
            var revisions = string.IsNullOrEmpty(history) ? [] : history.Split(',').ToList();
            revisions.Add(oldRevision);
            while (revisions.Count > 1 && string.Join(',', revisions).Length > DeploymentNames.MaxRevisionHistoryLength) revisions.RemoveAt(0);
            annotations[DeploymentNames.RevisionHistoryAnnotation] = string.Join(',', revisions);
        }

        /// <summary>Sets the Deployment's revision annotation; true when it changed.</summary>
        private bool SetDeploymentRevision(string revision)
        {
            var annotations = D.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (annotations.GetValueOrDefault(DeploymentNames.RevisionAnnotation) == revision) return false;
            annotations[DeploymentNames.RevisionAnnotation] = revision;
            return true;
        }
    }
}
