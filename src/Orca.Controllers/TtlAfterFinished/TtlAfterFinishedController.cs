using Orca.Api.Batch;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Controllers.Framework;
using Orca.Controllers.Jobs;

namespace Orca.Controllers.TtlAfterFinished;

/// <summary>
/// Deletes finished jobs (Complete or Failed) ttlSecondsAfterFinished after they finished, with background
/// propagation (the garbage collector then removes their pods). The finish time is the terminal condition's
/// lastTransitionTime. Before deleting, the job is read fresh from the API server, so a TTL that was raised or
/// removed meanwhile is honoured; the delete carries the job's uid as a precondition.
/// </summary>
internal sealed class TtlAfterFinishedController : QueueController
{
    public const string ControllerName = "ttlafterfinished";

    private readonly SharedInformer<Api.Batch.Job> _jobs;
    private readonly ResourceClient<Api.Batch.Job> _client;

    public static readonly ControllerDescriptor Descriptor = new(ControllerName,
        ctx => ctx.Informers.For<Api.Batch.Job>(),
        ctx => new TtlAfterFinishedController(ctx));

    private TtlAfterFinishedController(ControllerContext context) : base(context, ControllerName)
    {
        _jobs = context.Informers.For<Api.Batch.Job>();
        _client = context.Client.Resource<Api.Batch.Job>();
    }

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return _jobs.AddEventHandler(EnqueueIfNeeded, (_, job) => EnqueueIfNeeded(job));
    }

    private void EnqueueIfNeeded(Api.Batch.Job job)
    {
        if (NeedsCleanup(job)) Enqueue(job);
    }

    private static bool NeedsCleanup(Api.Batch.Job job) =>
        job.Spec.TtlSecondsAfterFinished is not null && job.Metadata.DeletionTimestamp is null && JobConditions.IsFinished(job);

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var cached = _jobs.Lister.Get(key);
        if (cached is null || !NeedsCleanup(cached)) return;
        if (ExpireAt(cached) is not { } at) return;
        if (Time.GetUtcNow() < at)
        {
            EnqueueAt(key, at);
            return;
        }
        Api.Batch.Job fresh;
        try
        {
            fresh = await _client.GetAsync(cached.Metadata.Namespace, cached.Metadata.Name!, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return;
        }
        if (!NeedsCleanup(fresh) || ExpireAt(fresh) is not { } freshAt) return;
        if (Time.GetUtcNow() < freshAt)
        {
            EnqueueAt(key, freshAt);
            return;
        }
        try
        {
            await _client.DeleteAsync(fresh.Metadata.Namespace, fresh.Metadata.Name!, new DeleteOptions
            {
                PropagationPolicy = "Background",
                Preconditions = new Preconditions { Uid = fresh.Metadata.Uid, ResourceVersion = fresh.Metadata.ResourceVersion },
            }, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>The terminal condition's transition time plus the TTL; null when that time is unknown.</summary>
    private static DateTimeOffset? ExpireAt(Api.Batch.Job job)
    {
        var finished = job.Status.Conditions?.FirstOrDefault(c => c.Type is JobConditions.Complete or JobConditions.Failed && c.Status == "True");
        if (finished?.LastTransitionTime is not { } at || job.Spec.TtlSecondsAfterFinished is not { } ttl) return null;
        return at + TimeSpan.FromSeconds(ttl);
    }
}
