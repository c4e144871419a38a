using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Jobs;

/// <summary>Keeping the right number of pods: min(parallelism, remaining completions), none while suspended.</summary>
internal sealed partial class JobController
{
    private const string IndexEnvName = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// Deletes pods (all while suspended; excess, duplicate-index or out-of-range-index ones otherwise) or creates
    /// the missing ones once the failure backoff has passed — never both in one sync. Returns the active count
    /// after the changes and the first error.
    /// </summary>
    private async Task<(int Active, Exception? Error)> ManageAsync(JobSyncState state, CancellationToken ct)
    {
        var job = state.Job;
        var active = state.Active.Count;
        if (job.Spec.Suspend == true)
            return await DeleteManagedAsync(state, JobPods.DeletionOrder(state.Active), active, ct);
        var parallelism = job.Spec.Parallelism ?? 1;
        int wantActive;
        if (job.Spec.Completions is not { } completions) wantActive = state.Succeeded > 0 ? active : parallelism;
        else wantActive = Math.Clamp(completions - state.Succeeded - (state.IsIndexed ? state.FailedIndexes.Count : 0), 0, parallelism);
        var toDelete = PodsForRemoval(state, Math.Max(0, active - wantActive));
        if (toDelete.Count > 0) return await DeleteManagedAsync(state, toDelete.Take(MaxPodChangesPerSync).ToList(), active, ct);

        var waiting = JobPods.OnlyReplaceFailed(job) ? state.Terminating : 0;
        var diff = Math.Min(wantActive - waiting - active, MaxPodChangesPerSync);
        if (diff <= 0) return (active, null);
        var now = Time.GetUtcNow();
        if (state.NewBackoff.Remaining(now) is var remaining && remaining > TimeSpan.Zero)
        {
            EnqueueAt(state.Key, now + remaining);
            return (active, null);
        }
        List<int?> indexes = state.IsIndexed ? [.. PendingIndexes(state, diff).Select(i => (int?)i)] : [.. Enumerable.Repeat((int?)null, diff)];
        if (indexes.Count == 0) return (active, null);
        var (created, error) = await CreatePodsAsync(state, indexes, ct);
        return (active + created, error);
    }

    private async Task<(int Active, Exception? Error)> DeleteManagedAsync(JobSyncState state, List<Pod> pods, int active, CancellationToken ct)
    {
        if (pods.Count == 0) return (active, null);
        _expectations.Expect(state.Key, 0, pods.Select(p => p.Metadata.Uid!));
        var (ready, deleted, error) = await DeletePodsAsync(state, pods, removeFinalizer: true, ct);
        state.Terminating += deleted;
        state.Ready -= ready;
        return (active - deleted, error);
    }

    /// <summary>
    /// Active pods to delete: for Indexed jobs first those without a valid index and all but one pod per index,
    /// then, until <paramref name="atLeast"/> are chosen, the ones Kubernetes would delete first.
    /// </summary>
    private static List<Pod> PodsForRemoval(JobSyncState state, int atLeast)
    {
        var remove = new List<Pod>();
        var left = state.Active;
        if (state.IsIndexed)
        {
            left = [];
            foreach (var group in state.Active.GroupBy(p => JobPods.HasValidIndex(p, state.Job) ? JobPods.CompletionIndex(p) : null))
            {
                var ordered = JobPods.DeletionOrder(group);
                if (group.Key is null) remove.AddRange(ordered);
                else
                {
                    remove.AddRange(ordered.Take(ordered.Count - 1));
                    left.Add(ordered[^1]);
                }
            }
        }
        if (remove.Count < atLeast) remove.AddRange(JobPods.DeletionOrder(left).Take(atLeast - remove.Count));
        return remove;
    }

    /// <summary>The lowest <paramref name="count"/> indexes that have neither succeeded, failed, nor an active pod.</summary>
    private static IEnumerable<int> PendingIndexes(JobSyncState state, int count)
    {
        var taken = state.Active.Select(JobPods.CompletionIndex).Where(i => i is not null).Select(i => i!.Value).ToHashSet();
        return Enumerable.Range(0, state.Job.Spec.Completions ?? 0)
            .Where(i => !state.SucceededIndexes.Contains(i) && !state.FailedIndexes.Contains(i) && !taken.Contains(i))
            .Take(count);
    }

    /// <summary>
    /// Creates one pod per entry (a completion index, or null for NonIndexed) in slow-start batches of 1, 2, 4…;
    /// after a batch with an error the rest are not attempted (and no longer expected). Returns pods created.
    /// </summary>
    private async Task<(int Created, Exception? Error)> CreatePodsAsync(JobSyncState state, List<int?> indexes, CancellationToken ct)
    {
        LogCreating(Logger, state.Key, indexes.Count);
        _expectations.Expect(state.Key, indexes.Count);
        var owner = ControllerRefs.For(state.Job, "batch/v1", "Job");
        var created = 0;
        var next = 0;
        for (var batch = 1; next < indexes.Count; batch *= 2)
        {
            var slice = indexes.Skip(next).Take(batch).ToList();
            next += slice.Count;
            var errors = await Task.WhenAll(slice.Select(async index =>
            {
                try
                {
                    await _podControl.CreateAsync(NewPod(state.Job, owner, index), state.Job, ct);
                    return null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _expectations.CreationObserved(state.Key);
                    return e;
                }
            }));
            created += errors.Count(e => e is null);
            if (errors.FirstOrDefault(e => e is not null) is { } error)
            {
                for (var skipped = next; skipped < indexes.Count; skipped++) _expectations.CreationObserved(state.Key);
                return (created, error);
            }
        }
        return (created, null);
    }

    /// <summary>
    /// A pod from the job's template with the tracking finalizer; for a completion index also its annotation and
    /// label, the JOB_COMPLETION_INDEX variable in every container, hostname "job-index" and name "job-index-xxxxx".
    /// </summary>
    private static Pod NewPod(Api.Batch.Job job, OwnerReference owner, int? index)
    {
        var template = ApiJson.Clone(job.Spec.Template);
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Finalizers ??= [];
        if (!template.Metadata.Finalizers.Contains(JobPods.TrackingFinalizer)) template.Metadata.Finalizers.Add(JobPods.TrackingFinalizer);
        template.Spec ??= new PodSpec();
        if (index is { } i)
        {
            var text = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            (template.Metadata.Annotations ??= [])[BatchLabels.JobCompletionIndex] = text;
            (template.Metadata.Labels ??= [])[BatchLabels.JobCompletionIndex] = text;
            foreach (var c in template.Spec.Containers.Concat(template.Spec.InitContainers ?? [])) AddIndexEnv(c);
            template.Spec.Hostname = $"{job.Metadata.Name}-{text}";
        }
        var pod = PodControl.FromTemplate(template, job, owner);
        if (index is { } ix) pod.Metadata.GenerateName = IndexedGenerateName(job.Metadata.Name!, ix);
        return pod;
    }

    private static void AddIndexEnv(Container container)
    {
        container.Env ??= [];
        if (container.Env.Any(e => e.Name == IndexEnvName)) return;
        container.Env.Add(new EnvVar
        {
            Name = IndexEnvName,
            ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = $"metadata.annotations['{BatchLabels.JobCompletionIndex}']" } },
        });
    }

    /// <summary>"job-3-", with the job name cut so that the generated name stays within 63 characters.</summary>
    private static string IndexedGenerateName(string job, int index)
    {
        var suffix = $"-{index}-";
        return job.Length + suffix.Length > 58 ? job[..(58 - suffix.Length)] + suffix : job + suffix;
    }
}
