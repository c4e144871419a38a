using Orca.Api.Batch;
using Orca.Api.Core;
using static Orca.Controllers.Tests.Jobs.JobSupport;

namespace Orca.Controllers.Tests.Jobs;

/// <summary>Indexed completion, suspend and resume, and deletion of finished jobs after their TTL.</summary>
public sealed class JobModeTests
{
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_Indexed_job_gives_each_pod_its_index_and_reports_completed_indexes()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("idx", j =>
        {
            (j.Spec.Completions, j.Spec.Parallelism, j.Spec.CompletionMode) = (5, 3, "Indexed");
        }));

        var pods = await cluster.JobPodsWhenAsync("idx", p => p.InPhase(PodPhase.Running) == 3, "three running");
        Assert.Equal(["0", "1", "2"], pods.Select(p => p.Metadata.Annotations![BatchLabels.JobCompletionIndex]).Order());
        foreach (var pod in pods)
        {
            var index = pod.Metadata.Annotations![BatchLabels.JobCompletionIndex];
            Assert.Equal(index, pod.Metadata.Labels![BatchLabels.JobCompletionIndex]);
            Assert.StartsWith($"idx-{index}-", pod.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal($"idx-{index}", pod.Spec.Hostname);
            var env = Assert.Single(pod.Spec.Containers[0].Env!, e => e.Name == "JOB_COMPLETION_INDEX");
            Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", env.ValueFrom!.FieldRef!.FieldPath);
        }

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var partial = await cluster.JobWhenAsync("idx", j => j.Status.CompletedIndexes == "0-2", "completed 0-2");
        Assert.Equal(3, partial.Status.Succeeded);
        var rest = await cluster.JobPodsWhenAsync("idx", p => p.InPhase(PodPhase.Running) == 2, "indexes 3 and 4 running");
        Assert.Equal(["3", "4"], rest.Where(p => p.Status.Phase == PodPhase.Running).Select(p => p.Metadata.Annotations![BatchLabels.JobCompletionIndex]).Order());

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var done = await cluster.JobWhenAsync("idx", j => j.TrueCondition("Complete") is not null, "Complete");
        Assert.Equal(("0-4", 5), (done.Status.CompletedIndexes, done.Status.Succeeded));
    }

    [Fact]
    public async Task A_failed_index_is_run_again_with_the_same_index()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("retry", j => (j.Spec.Completions, j.Spec.Parallelism, j.Spec.CompletionMode) = (2, 2, "Indexed")));
        var pods = await cluster.JobPodsWhenAsync("retry", p => p.InPhase(PodPhase.Running) == 2, "two running");
        var one = pods.Single(p => p.Metadata.Annotations![BatchLabels.JobCompletionIndex] == "1");

        await cluster.Pods.DeleteAsync("default", one.Metadata.Name!);
        await cluster.JobWhenAsync("retry", j => j.Status.Failed == 1, "failed 1");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        var again = await cluster.JobPodsWhenAsync("retry", p => p.Count(x => x.Metadata.Annotations![BatchLabels.JobCompletionIndex] == "1" && x.Status.Phase == PodPhase.Running) == 1, "index 1 again");
        Assert.DoesNotContain(again, p => p.Metadata.Uid == one.Metadata.Uid);
    }

    [Fact]
    public async Task A_suspended_job_runs_nothing_until_resumed_and_suspending_deletes_pods_without_counting_failures()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateJobAsync(New("paused", j => (j.Spec.Suspend, j.Spec.Parallelism, j.Spec.Completions) = (true, 2, 2)));
        var suspended = await cluster.JobWhenAsync("paused", j => j.TrueCondition("Suspended") is not null, "Suspended");
        Assert.Equal(("JobSuspended", "Job suspended"), (suspended.TrueCondition("Suspended")!.Reason, suspended.TrueCondition("Suspended")!.Message));
        Assert.Null(suspended.Status.StartTime);
        Assert.Empty(await cluster.JobPodsAsync("paused"));

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));
        await SetSuspendAsync(cluster, "paused", false);
        var resumed = await cluster.JobWhenAsync("paused", j => j.Status.Conditions!.Any(c => c is { Type: "Suspended", Status: "False", Reason: "JobResumed", Message: "Job resumed" }), "resumed");
        Assert.Equal(cluster.Clock.GetUtcNow(), resumed.Status.StartTime);
        await cluster.JobPodsWhenAsync("paused", p => p.InPhase(PodPhase.Running) == 2, "two running");
        await cluster.EventAsync("paused", "Resumed", "Job resumed");

        await SetSuspendAsync(cluster, "paused", true);
        await cluster.JobPodsWhenAsync("paused", p => p.Count == 0, "pods deleted");
        var again = await cluster.JobWhenAsync("paused", j => j.TrueCondition("Suspended") is not null && j.Status.Active == 0 && j.Status.Terminating == 0, "suspended again");
        Assert.Equal(0, again.Status.Failed ?? 0);
        await cluster.EventAsync("paused", "Suspended", "Job suspended");
    }

    [Fact]
    public async Task A_finished_job_with_a_TTL_is_deleted_that_long_after_it_finished()
    {
        await using var cluster = await StartAsync(RunTime, "ttlafterfinished");
        await cluster.CreateJobAsync(New("short", j => j.Spec.TtlSecondsAfterFinished = 60));
        await cluster.JobPodsWhenAsync("short", p => p.InPhase(PodPhase.Running) == 1, "running");
        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        await cluster.JobWhenAsync("short", j => j.TrueCondition("Complete") is not null, "Complete");

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(58), TimeSpan.FromSeconds(2));
        await Task.Delay(300);
        Assert.NotNull(await cluster.GetJobAsync("short"));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        await ControllerCluster.EventuallyAsync(async () => (await cluster.Jobs().ListAsync("default")).Items.Count == 0, "the job deleted");
    }

    private static async Task SetSuspendAsync(ControllerCluster cluster, string name, bool suspend) =>
        await cluster.Jobs().PatchAsync("default", name, Client.PatchType.Merge, $"{{\"spec\":{{\"suspend\":{(suspend ? "true" : "false")}}}}}");
}
