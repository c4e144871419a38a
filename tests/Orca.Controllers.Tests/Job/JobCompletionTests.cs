using Orca.Api.Batch;
using Orca.Api.Core;
using static Orca.Controllers.Tests.Jobs.JobSupport;

namespace Orca.Controllers.Tests.Jobs;

/// <summary>Jobs that run to completion: completions and parallelism, conditions, counts, events, kept pods.</summary>
public sealed class JobCompletionTests
{
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_job_runs_at_most_parallelism_pods_until_completions_succeed_and_then_is_Complete()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("batch", j => (j.Spec.Completions, j.Spec.Parallelism) = (4, 2)));

        var first = await cluster.JobPodsWhenAsync("batch", p => p.InPhase(PodPhase.Running) == 2, "two running");
        Assert.Equal(2, first.Count);
        Assert.All(first, p => Assert.Contains("batch.kubernetes.io/job-tracking", p.Metadata.Finalizers!));
        var running = await cluster.JobWhenAsync("batch", j => j.Status.Active == 2 && j.Status.Ready == 2, "active 2, ready 2");
        Assert.NotNull(running.Status.StartTime);
        Assert.Null(running.Status.CompletionTime);

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var second = await cluster.JobPodsWhenAsync("batch", p => p.InPhase(PodPhase.Succeeded) == 2 && p.InPhase(PodPhase.Running) == 2, "two done, two running");
        Assert.Equal(4, second.Count);
        await cluster.JobWhenAsync("batch", j => j.Status.Succeeded == 2 && j.Status.Active == 2, "succeeded 2, active 2");

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var done = await cluster.JobWhenAsync("batch", j => j.TrueCondition("Complete") is not null, "Complete");
        Assert.Equal((4, 0, 0, 0, 0), (done.Status.Succeeded, done.Status.Failed ?? 0, done.Status.Active ?? 0, done.Status.Ready, done.Status.Terminating));
        Assert.NotNull(done.Status.CompletionTime);
        Assert.True(done.Status.CompletionTime >= done.Status.StartTime);
        var met = done.TrueCondition("SuccessCriteriaMet")!;
        var complete = done.TrueCondition("Complete")!;
        Assert.Equal(("CompletionsReached", "Reached expected number of succeeded pods"), (met.Reason, met.Message));
        Assert.Equal(("CompletionsReached", "Reached expected number of succeeded pods"), (complete.Reason, complete.Message));
        Assert.Null(done.Status.UncountedTerminatedPods?.Succeeded);
        Assert.Null(done.Status.UncountedTerminatedPods?.Failed);

        var pods = await cluster.JobPodsAsync("batch");
        Assert.Equal(4, pods.InPhase(PodPhase.Succeeded));
        Assert.All(pods, p => Assert.DoesNotContain("batch.kubernetes.io/job-tracking", p.Metadata.Finalizers ?? []));
        await cluster.EventAsync("batch", "Completed", "Job completed");
        await ControllerCluster.EventuallyAsync(async () => (await cluster.EventsAsync("batch", "SuccessfulCreate")).Sum(e => e.Count ?? 1) == 4, "four SuccessfulCreate events");
    }

    [Fact]
    public async Task A_job_without_completions_is_Complete_once_one_pod_succeeds_and_the_others_finish()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("queue", j => j.Spec.Parallelism = 3));
        await cluster.JobPodsWhenAsync("queue", p => p.InPhase(PodPhase.Running) == 3, "three running");

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var done = await cluster.JobWhenAsync("queue", j => j.TrueCondition("Complete") is not null, "Complete");
        Assert.Equal(3, done.Status.Succeeded);
        Assert.Equal(3, (await cluster.JobPodsAsync("queue")).Count);
    }

    [Fact]
    public async Task A_succeeded_pod_deleted_after_it_was_counted_does_not_change_the_count()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("keep", j => (j.Spec.Completions, j.Spec.Parallelism) = (2, 1)));
        await cluster.JobPodsWhenAsync("keep", p => p.InPhase(PodPhase.Running) == 1, "one running");
        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        await cluster.JobWhenAsync("keep", j => j.Status.Succeeded == 1, "succeeded 1");
        var counted = (await cluster.JobPodsWhenAsync("keep", p => p.Any(x => x.Status.Phase == PodPhase.Succeeded && x.Metadata.Finalizers is null), "the succeeded pod without finalizer"))
            .Single(p => p.Status.Phase == PodPhase.Succeeded);

        await cluster.Pods.DeleteAsync("default", counted.Metadata.Name!);
        await cluster.JobPodsWhenAsync("keep", p => p.All(x => x.Metadata.Uid != counted.Metadata.Uid) && p.InPhase(PodPhase.Running) == 1, "the counted pod gone, one running");
        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var done = await cluster.JobWhenAsync("keep", j => j.TrueCondition("Complete") is not null, "Complete");
        Assert.Equal(2, done.Status.Succeeded);
        Assert.Equal(0, done.Status.Failed ?? 0);
    }

    [Fact]
    public async Task A_running_pod_deleted_by_a_user_counts_as_failed_and_is_replaced()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateJobAsync(New("lost"));
        var pod = (await cluster.JobPodsWhenAsync("lost", p => p.InPhase(PodPhase.Running) == 1, "one running")).Single();

        await cluster.Pods.DeleteAsync("default", pod.Metadata.Name!);
        var job = await cluster.JobWhenAsync("lost", j => j.Status.Failed == 1, "failed 1");
        Assert.Null(job.TrueCondition("Failed"));
        // The deleted pod held the tracking finalizer until it was counted; then it went away.
        await cluster.JobPodsWhenAsync("lost", p => p.Count == 0, "the deleted pod gone");
        // The replacement waits out the 10 s backoff of a first failure.
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        Assert.Empty(await cluster.JobPodsAsync("lost"));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var replacement = await cluster.JobPodsWhenAsync("lost", p => p.InPhase(PodPhase.Running) == 1, "the replacement running");
        Assert.NotEqual(pod.Metadata.Uid, replacement[0].Metadata.Uid);
    }
}
