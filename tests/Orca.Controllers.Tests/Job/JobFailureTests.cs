using Orca.Api.Batch;
using Orca.Api.Core;
using static Orca.Controllers.Tests.Jobs.JobSupport;

namespace Orca.Controllers.Tests.Jobs;

/// <summary>Jobs that fail: backoff between failed pods, backoffLimit, activeDeadlineSeconds, podFailurePolicy.</summary>
public sealed class JobFailureTests
{
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Failed_pods_are_replaced_after_a_doubling_backoff_until_backoffLimit_fails_the_job()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("flaky", j =>
        {
            j.Spec.BackoffLimit = 2;
            Failing(j);
        }));
        await cluster.JobPodsWhenAsync("flaky", p => p.InPhase(PodPhase.Running) == 1, "first pod running");

        // First pod fails at +5 s; the second comes 10 s later, the third 20 s after the second fails.
        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        await cluster.JobWhenAsync("flaky", j => j.Status.Failed == 1, "failed 1");
        await AssertPodsStayAsync(cluster, "flaky", 1, TimeSpan.FromSeconds(9));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await cluster.JobPodsWhenAsync("flaky", p => p.Count == 2 && p.InPhase(PodPhase.Running) == 1, "second pod running");

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        await cluster.JobWhenAsync("flaky", j => j.Status.Failed == 2, "failed 2");
        await AssertPodsStayAsync(cluster, "flaky", 2, TimeSpan.FromSeconds(19));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await cluster.JobPodsWhenAsync("flaky", p => p.Count == 3 && p.InPhase(PodPhase.Running) == 1, "third pod running");

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var failed = await cluster.JobWhenAsync("flaky", j => j.TrueCondition("Failed") is not null, "Failed");
        var condition = failed.TrueCondition("Failed")!;
        Assert.Equal(("BackoffLimitExceeded", "Job has reached the specified backoff limit"), (condition.Reason, condition.Message));
        Assert.Equal("BackoffLimitExceeded", failed.TrueCondition("FailureTarget")?.Reason);
        Assert.Equal((3, 0, 0), (failed.Status.Failed, failed.Status.Succeeded ?? 0, failed.Status.Active ?? 0));
        Assert.Null(failed.Status.CompletionTime);
        var pods = await cluster.JobPodsAsync("flaky");
        Assert.Equal(3, pods.InPhase(PodPhase.Failed));
        await cluster.EventAsync("flaky", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await cluster.JobPodsAsync("flaky")).Count);
    }

    [Fact]
    public async Task A_job_past_its_active_deadline_fails_with_DeadlineExceeded_and_its_pods_are_deleted()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateJobAsync(New("slow", j => (j.Spec.Parallelism, j.Spec.Completions, j.Spec.ActiveDeadlineSeconds) = (2, 2, 30)));
        await cluster.JobPodsWhenAsync("slow", p => p.InPhase(PodPhase.Running) == 2, "two running");

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(1));
        Assert.Null((await cluster.GetJobAsync("slow")).TrueCondition("FailureTarget"));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var failed = await cluster.JobWhenAsync("slow", j => j.TrueCondition("Failed") is not null, "Failed");
        var condition = failed.TrueCondition("Failed")!;
        Assert.Equal(("DeadlineExceeded", "Job was active longer than specified deadline"), (condition.Reason, condition.Message));
        Assert.Equal((2, 0, 0), (failed.Status.Failed, failed.Status.Active ?? 0, failed.Status.Terminating ?? 0));
        await cluster.JobPodsWhenAsync("slow", p => p.Count == 0, "pods deleted");
        await cluster.EventAsync("slow", "DeadlineExceeded", "Job was active longer than specified deadline");
        Assert.Equal(2, (await cluster.EventsAsync("slow", "SuccessfulDelete")).Sum(e => e.Count ?? 1));
    }

    [Fact]
    public async Task A_FailJob_rule_fails_the_job_at_the_first_matching_exit_code_with_Kubernetes_message()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("fatal", j =>
        {
            j.Spec.BackoffLimit = 6;
            j.Spec.PodFailurePolicy = new PodFailurePolicy
            {
                Rules = [new PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new() { Operator = "In", Values = [42] } }],
            };
            Failing(j, 42);
        }));
        var pod = (await cluster.JobPodsWhenAsync("fatal", p => p.InPhase(PodPhase.Running) == 1, "running")).Single();

        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        var failed = await cluster.JobWhenAsync("fatal", j => j.TrueCondition("Failed") is not null, "Failed");
        var condition = failed.TrueCondition("Failed")!;
        Assert.Equal("PodFailurePolicy", condition.Reason);
        Assert.Equal($"Container work for pod default/{pod.Metadata.Name} failed with exit code 42 matching FailJob rule at index 0", condition.Message);
        Assert.Equal(1, failed.Status.Failed);
        Assert.Single(await cluster.JobPodsAsync("fatal"));
    }

    [Fact]
    public async Task Failures_an_Ignore_rule_matches_are_not_counted_but_their_pods_are_replaced()
    {
        await using var cluster = await StartAsync(RunTime);
        await cluster.CreateJobAsync(New("ignored", j =>
        {
            j.Spec.BackoffLimit = 0;
            j.Spec.PodFailurePolicy = new PodFailurePolicy
            {
                Rules =
                [
                    new PodFailurePolicyRule { Action = "Ignore", OnExitCodes = new() { Operator = "In", Values = [3] } },
                    new PodFailurePolicyRule { Action = "Count", OnPodConditions = [new() { Type = "DisruptionTarget" }] },
                ],
            };
            Failing(j, 3);
        }));
        await cluster.JobPodsWhenAsync("ignored", p => p.InPhase(PodPhase.Running) == 1, "running");
        await cluster.AdvanceAsync(RunTime, TimeSpan.FromSeconds(1));
        await cluster.JobPodsWhenAsync("ignored", p => p.InPhase(PodPhase.Failed) == 1 && p.Single().Metadata.Finalizers is null, "failed and released");
        var job = await cluster.GetJobAsync("ignored");
        Assert.Equal(0, job.Status.Failed ?? 0);
        Assert.Null(job.TrueCondition("FailureTarget"));
        // Ignored failures still delay the replacement by the backoff, as in Kubernetes.
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        await cluster.JobPodsWhenAsync("ignored", p => p.Count == 2 && p.InPhase(PodPhase.Running) == 1, "a replacement running");
    }

    /// <summary>Moves the clock by <paramref name="by"/> and checks the job still has exactly <paramref name="count"/> pods.</summary>
    private static async Task AssertPodsStayAsync(ControllerCluster cluster, string job, int count, TimeSpan by)
    {
        await cluster.AdvanceAsync(by, TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        Assert.Equal(count, (await cluster.JobPodsAsync(job)).Count);
    }
}
