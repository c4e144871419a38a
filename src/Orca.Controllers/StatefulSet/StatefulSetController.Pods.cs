using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.StatefulSets;

internal sealed partial class StatefulSetController
{
    /// <summary>
    /// One step of Kubernetes' StatefulSet algorithm. Pods are split into replicas (ordinals in
    /// [start, start+replicas)) and condemned (the rest). Then, in order:
    /// 1. each replica ordinal, lowest first: a missing pod is created (claims first); a failed or succeeded
    ///    pod is deleted (it comes back next sync); under OrderedReady the step stops at the first pod that
    ///    was just created, is terminating, or is not Running+Ready for minReadySeconds;
    /// 2. condemned pods, highest ordinal first: deleted (claims handed to the pod first when whenScaled is
    ///    Delete); under OrderedReady one at a time and only while every replica is healthy;
    /// 3. RollingUpdate: from the highest ordinal down to the partition, pods not at the update revision are
    ///    deleted while fewer than maxUnavailable of those ordinals are unavailable. OnDelete stops at 2.
    /// Parallel (burst) does all creations and deletions of 1 and 2 at once. Returns the counted status.
    /// </summary>
    private async Task<StatefulSetStatus> UpdatePodsAsync(Set set, SetHistory history, List<Pod> pods, CancellationToken ct)
    {
        var status = CountStatus(set, history, pods);
        var count = set.Spec.Replicas ?? 1;
        var start = StatefulPods.StartOrdinal(set);
        var replicas = new Pod?[count];
        var condemned = new List<Pod>();
        foreach (var p in pods)
        {
            var ord = StatefulPods.OrdinalOf(set, p);
            if (ord >= start && ord < start + count) replicas[ord - start] = p;
            else condemned.Add(p);
        }
        condemned.Sort((a, b) => StatefulPods.OrdinalOf(set, b).CompareTo(StatefulPods.OrdinalOf(set, a)));
        var monotonic = set.Spec.PodManagementPolicy != "Parallel";
        var minReady = set.Spec.MinReadySeconds ?? 0;
        var now = Time.GetUtcNow();
        var currentSet = StatefulSetHistory.AtRevision(set, history.Current);

        for (var i = 0; i < count; i++)
        {
            var ord = start + i;
            var pod = replicas[i];
            if (pod is null)
            {
                if (!await EnsureClaimsAsync(set, ord, ct)) { if (monotonic) return status; continue; }
                var fromCurrent = UsesCurrentRevision(set, i);
                var created = StatefulPods.New(set, (fromCurrent ? currentSet : set).Spec.Template,
                    (fromCurrent ? history.Current : history.Update).Metadata.Name!, ord);
                await CreatePodAsync(set, created, ct);
                if (monotonic) return status;
                continue;
            }
            if (StatefulPods.IsFailed(pod) || StatefulPods.IsSucceeded(pod))
            {
                if (!StatefulPods.IsTerminating(pod)) await DeletePodAsync(set, pod, ct);
                if (monotonic) return status;
                continue;
            }
            if (!await EnsureClaimsAsync(set, ord, ct) && monotonic) return status;
            await SetClaimOwnersAsync(set, pod, ord, condemned: false, ct);
            if (StatefulPods.IsTerminating(pod) || !StatefulPods.IsRunningAndReady(pod))
            {
                if (monotonic) return status;
                continue;
            }
            if (!StatefulPods.IsAvailable(pod, minReady, now) && monotonic)
            {
                if (StatefulPods.AvailableAt(pod, minReady) is { } at) EnqueueAt(ObjectKey.Of(set), at);
                return status;
            }
        }

        var anyUnhealthy = replicas.Any(p => p is null || !StatefulPods.IsHealthy(p, minReady, now));
        foreach (var pod in condemned)
        {
            if (StatefulPods.IsTerminating(pod))
            {
                if (monotonic) return status;
                continue;
            }
            if (monotonic && anyUnhealthy) return status;
            await SetClaimOwnersAsync(set, pod, StatefulPods.OrdinalOf(set, pod), condemned: true, ct);
            await DeletePodAsync(set, pod, ct);
            if (monotonic) return status;
        }

        if (set.Spec.UpdateStrategy?.Type == "OnDelete") return status;
        await RollAsync(set, history, replicas, minReady, now, ct);
        return status;
    }

    /// <summary>Whether a new pod at replica index <paramref name="index"/> is made from the current revision (below the partition) rather than the update revision.</summary>
    private static bool UsesCurrentRevision(Set set, int index)
    {
        var strategy = set.Spec.UpdateStrategy;
        if (strategy?.RollingUpdate is { } rolling) return index < (rolling.Partition ?? 0);
        return strategy?.Type is null or "RollingUpdate" && index < (set.Status.CurrentReplicas ?? 0);
    }

    /// <summary>Step 3: rolling update from the highest ordinal down to the partition, within maxUnavailable.</summary>
    private async Task RollAsync(Set set, SetHistory history, Pod?[] replicas, int minReady, DateTimeOffset now, CancellationToken ct)
    {
        var rolling = set.Spec.UpdateStrategy?.RollingUpdate;
        var updateMin = Math.Clamp(rolling?.Partition ?? 0, 0, replicas.Length);
        var maxUnavailable = Math.Max(1, ScaledValue(rolling?.MaxUnavailable, replicas.Length));
        var unavailable = 0;
        for (var i = updateMin; i < replicas.Length; i++)
            if (replicas[i] is not { } p || !StatefulPods.IsHealthy(p, minReady, now)) unavailable++;
        for (var i = replicas.Length - 1; i >= updateMin && unavailable < maxUnavailable; i--)
        {
            if (replicas[i] is not { } pod || StatefulPods.IsTerminating(pod)) continue;
            if (StatefulPods.Revision(pod) == history.Update.Metadata.Name) continue;
            await DeletePodAsync(set, pod, ct);
            if (StatefulPods.IsHealthy(pod, minReady, now)) unavailable++;
        }
    }

    /// <summary>An int-or-percent of <paramref name="total"/>, percentages rounded up; absent means 1.</summary>
    private static int ScaledValue(IntOrString? value, int total)
    {
        if (value is not { } v) return 1;
        if (v.IntValue is { } n0) return n0;
        var text = v.StringValue ?? "1";
        if (text.EndsWith('%') && int.TryParse(text[..^1], out var percent)) return (int)Math.Ceiling(total * percent / 100.0);
        return int.TryParse(text, out var n) ? n : 1;
    }

    private StatefulSetStatus CountStatus(Set set, SetHistory history, List<Pod> pods)
    {
        var now = Time.GetUtcNow();
        var minReady = set.Spec.MinReadySeconds ?? 0;
        var status = new StatefulSetStatus { CurrentRevision = set.Status.CurrentRevision is null ? null : history.Current.Metadata.Name };
        int replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
        foreach (var p in pods)
        {
            replicas++;
            if (StatefulPods.IsRunningAndReady(p))
            {
                ready++;
                if (StatefulPods.IsAvailable(p, minReady, now)) available++;
            }
            if (StatefulPods.IsTerminating(p)) continue;
            if (StatefulPods.Revision(p) == history.Current.Metadata.Name) current++;
            if (StatefulPods.Revision(p) == history.Update.Metadata.Name) updated++;
        }
        status.Replicas = replicas;
        status.ReadyReplicas = ready;
        status.AvailableReplicas = available;
        status.CurrentReplicas = current;
        status.UpdatedReplicas = updated;
        return status;
    }

    private async Task CreatePodAsync(Set set, Pod pod, CancellationToken ct)
    {
        try
        {
            await _podClient.CreateAsync(pod, ct);
            _recorder.Event(set, "Normal", "SuccessfulCreate", $"create Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} successful");
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            // Our cache has not seen it yet; the informer will.
        }
        catch (ApiException e)
        {
            _recorder.Event(set, "Warning", "FailedCreate", $"create Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} failed error: {e.Message}");
            throw;
        }
    }

    private async Task DeletePodAsync(Set set, Pod pod, CancellationToken ct)
    {
        try
        {
            await _podClient.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions
            {
                Preconditions = new Preconditions { Uid = pod.Metadata.Uid },
            }, ct);
            _recorder.Event(set, "Normal", "SuccessfulDelete", $"delete Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} successful");
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
        catch (ApiException e)
        {
            _recorder.Event(set, "Warning", "FailedDelete", $"delete Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} failed error: {e.Message}");
            throw;
        }
    }
}
