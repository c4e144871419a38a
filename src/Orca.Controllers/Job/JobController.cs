using Microsoft.Extensions.Logging;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Jobs;

/// <summary>
/// The Job controller: runs a job's pods until enough succeed (completions, parallelism, Indexed completion),
/// replaces failed ones after an exponential backoff, fails the job on backoffLimit, activeDeadlineSeconds or a
/// podFailurePolicy FailJob rule, suspends and resumes it, and keeps exact succeeded/failed counts by tracking
/// each pod with the batch.kubernetes.io/job-tracking finalizer until its outcome is in the job's status
/// (status.uncountedTerminatedPods holds outcomes between the two writes). Level-triggered: a sync reads the
/// caches, acts, and writes status with the job's resourceVersion, so a stale cache ends in a conflict and a
/// retry, never a double count.
/// </summary>
internal sealed partial class JobController : QueueController
{
    public const string ControllerName = "job";
    public const string Component = "job-controller";

    /// <summary>The value of spec.managedBy this controller handles (also when unset).</summary>
    public const string ManagedByValue = "kubernetes.io/job-controller";

    /// <summary>Most pods created or deleted in one sync (Kubernetes' MaxPodCreateDeletePerSync).</summary>
    private const int MaxPodChangesPerSync = 500;

    private readonly SharedInformer<Api.Batch.Job> _jobs;
    private readonly SharedInformer<Pod> _pods;
    private readonly ResourceClient<Api.Batch.Job> _jobClient;
    private readonly PodControl _podControl;
    private readonly EventRecorder _recorder;
    private readonly Expectations _expectations;
    private readonly FinalizerExpectations _finalizerExpectations = new();
    private readonly JobBackoffStore _backoff = new();

    public static readonly ControllerDescriptor Descriptor = new(ControllerName,
        ctx =>
        {
            ctx.Informers.For<Api.Batch.Job>();
            ctx.Informers.For<Pod>();
        },
        ctx => new JobController(ctx));

    private JobController(ControllerContext context) : base(context, ControllerName)
    {
        _jobs = context.Informers.For<Api.Batch.Job>();
        _pods = context.Informers.For<Pod>();
        _jobClient = context.Client.Resource<Api.Batch.Job>();
        _recorder = context.Recorder(Component);
        _podControl = new PodControl(context.Client, _recorder);
        _expectations = new Expectations(context.Time);
    }

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return _jobs.AddEventHandler(Enqueue, (_, job) => Enqueue(job), job =>
        {
            var key = ObjectKey.Of(job);
            _expectations.Delete(key);
            Queue.Add(key);
        });
        yield return _pods.AddEventHandler(PodAdded, PodUpdated, PodDeleted);
    }

    private static string? JobKeyOf(Pod pod) =>
        ControllerRefs.ControllerOf(pod) is { Kind: "Job" } owner ? ObjectKey.For(pod.Metadata.Namespace, owner.Name) : null;

    private void PodAdded(Pod pod)
    {
        if (JobKeyOf(pod) is not { } key) return;
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            PodDeleted(pod);
            return;
        }
        _expectations.CreationObserved(key);
        Queue.Add(key);
    }

    private void PodUpdated(Pod old, Pod pod)
    {
        if (JobKeyOf(pod) is not { } key)
        {
            if (JobKeyOf(old) is { } oldKey) Queue.Add(oldKey);
            return;
        }
        if (!JobPods.HasTrackingFinalizer(pod)) _finalizerExpectations.Observed(key, pod.Metadata.Uid!);
        if (pod.Metadata.DeletionTimestamp is not null && old.Metadata.DeletionTimestamp is null)
            _expectations.DeletionObserved(key, pod.Metadata.Uid!);
        Queue.Add(key);
    }

    private void PodDeleted(Pod pod)
    {
        if (JobKeyOf(pod) is not { } key) return;
        _expectations.DeletionObserved(key, pod.Metadata.Uid!);
        _finalizerExpectations.Observed(key, pod.Metadata.Uid!);
        Queue.Add(key);
    }

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectKey.Split(key);
        var cached = _jobs.Lister.Get(key);
        if (cached is null)
        {
            _expectations.Delete(key);
            _backoff.Remove(key);
            await ReleaseOrphansAsync(ns, name, ct);
            return;
        }
        if (cached.Spec.ManagedBy is { } managedBy && managedBy != ManagedByValue) return;
        var satisfied = _expectations.Satisfied(key);
        var job = ApiJson.Clone(cached);
        var pods = await PodsOfAsync(job, ct);
        if (JobConditions.IsFinished(job))
        {
            // Outcomes of a finished job are counted; pods left with the finalizer only need it gone.
            await RemoveFinalizersAsync(key, pods.Where(JobPods.HasTrackingFinalizer).ToList(), ct);
            _backoff.Remove(key);
            return;
        }
        var state = Observe(key, job, pods);
        Decide(state);
        await ActAsync(state, satisfied, ct);
    }

    /// <summary>The pods the job controls, after adopting matching orphans and releasing pods that stopped matching.</summary>
    private async Task<List<Pod>> PodsOfAsync(Api.Batch.Job job, CancellationToken ct)
    {
        if (!LabelSelectorConverter.TryConvert(job.Spec.Selector, out var selector, out _) || selector.IsEmpty) return [];
        var candidates = _pods.Lister.List(job.Metadata.Namespace).Where(p => ControllerRefs.IsControlledBy(p, job) || ControllerRefs.ControllerOf(p) is null);
        var owner = ControllerRefs.For(job, "batch/v1", "Job");
        return await ControllerRefs.ClaimAsync(_podControl.Pods, job, owner, p => selector.Matches(p.Metadata.Labels), candidates, ct);
    }

    /// <summary>A deleted job's pods keep no tracking finalizer (their outcome no longer matters).</summary>
    private async Task ReleaseOrphansAsync(string ns, string name, CancellationToken ct)
    {
        var key = ObjectKey.For(ns, name);
        var orphans = _pods.Lister.List(ns)
            .Where(p => JobPods.HasTrackingFinalizer(p) && ControllerRefs.ControllerOf(p) is { Kind: "Job" } owner && owner.Name == name)
            .ToList();
        await RemoveFinalizersAsync(key, orphans, ct);
        _finalizerExpectations.Delete(key);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "job {Key}: creating {Count} pods")]
    private static partial void LogCreating(ILogger logger, string key, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "job {Key}: deleting {Count} pods")]
    private static partial void LogDeleting(ILogger logger, string key, int count);
}
