using Orca.Agent.Pods;
using Orca.Api.Core;

namespace Orca.Agent.Tests;

public sealed class ActiveDeadlineTests
{
    [Fact]
    public void The_deadline_counts_from_the_start_time_on_the_injected_clock_and_fires_once()
    {
        var clock = new FakeTimeProvider();
        var events = new List<(string Type, string Reason, string Message)>();
        var deadline = new ActiveDeadline((_, type, reason, message) => events.Add((type, reason, message)), clock);
        var pod = PodBuilder.Named("job").OnNode().WithContainer("app").Build();
        pod.Spec.ActiveDeadlineSeconds = 30;
        var rec = new PodRecord(pod, isStatic: false);

        Assert.Null(deadline.Check(rec));
        rec.StartTime = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(20), deadline.Check(rec));
        Assert.Null(rec.Verdict);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(deadline.Check(rec));
        Assert.Equal(("DeadlineExceeded", "Pod was active on the node longer than the specified deadline"), (rec.Verdict!.Reason, rec.Verdict.Message));
        Assert.Null(deadline.Check(rec));
        Assert.Equal([("Normal", "DeadlineExceeded", "Pod was active on the node longer than the specified deadline")], events);
    }

    [Fact]
    public void A_pod_without_a_deadline_never_gets_one()
    {
        var clock = new FakeTimeProvider();
        var deadline = new ActiveDeadline((_, _, _, _) => Assert.Fail("no event expected"), clock);
        var rec = new PodRecord(PodBuilder.Named("web").OnNode().WithContainer("app").Build(), isStatic: false) { StartTime = clock.GetUtcNow() };
        clock.Advance(TimeSpan.FromDays(1000));
        Assert.Null(deadline.Check(rec));
        Assert.Null(rec.Verdict);
    }

    [Fact]
    public async Task A_pod_past_its_deadline_is_killed_and_fails_with_deadline_exceeded()
    {
        await using var h = await AgentHarness.StartAsync();
        var pod = PodBuilder.Named("job").OnNode().Grace(5).WithContainer("app").Build();
        pod.Spec.ActiveDeadlineSeconds = 60;
        await h.CreateAsync(pod);
        var running = await h.PodWhenAsync("job", p => p.Status.Phase == "Running", "Running", tick: TimeSpan.Zero);
        Assert.Empty(h.Runtime.Locked(r => r.Stops.ToList()));

        var failed = await h.PodWhenAsync("job", p => p.Status.Phase == "Failed" && p.Status.ContainerStatuses![0].State!.Terminated is not null,
            "Failed with the container terminated", tick: TimeSpan.FromSeconds(5));

        Assert.Equal("DeadlineExceeded", failed.Status.Reason);
        Assert.Equal("Pod was active on the node longer than the specified deadline", failed.Status.Message);
        Assert.Equal("False", PodLifecycleTests.Cond(failed, "Ready"));
        Assert.False(failed.Status.ContainerStatuses![0].Ready);
        var stop = Assert.Single(h.Runtime.Locked(r => r.Stops.ToList()));
        Assert.Equal("app", stop.Name);
        var started = running.Status.StartTime!.Value;
        var stoppedAt = failed.Status.ContainerStatuses![0].State!.Terminated!.FinishedAt!.Value;
        Assert.True(stoppedAt - started >= TimeSpan.FromSeconds(60), $"stopped {stoppedAt - started} after start");
        await h.EventuallyEventsAsync(e => e is { Type: "Normal", Reason: "DeadlineExceeded", Message: "Pod was active on the node longer than the specified deadline" });
        // restartPolicy Always does not bring the container back once the pod failed.
        Assert.Single(h.Runtime.Locked(r => r.Starts.ToList()));
    }
}
