using Orca.Agent.Tests.Fakes;
using Orca.Api.Core;

namespace Orca.Agent.Tests;

public sealed class PodLifecycleTests
{
    [Fact]
    public async Task A_bound_pod_becomes_running_and_ready_with_container_statuses()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.CreateAsync(PodBuilder.Named("web").OnNode().WithContainer("app").Build());

        var pod = await h.PodWhenAsync("web", p => p.Status.Phase == "Running" && Cond(p, "Ready") == "True", "Running and Ready");

        var s = Assert.Single(pod.Status.ContainerStatuses!);
        Assert.Equal("app", s.Name);
        Assert.True(s.Ready);
        Assert.True(s.Started);
        Assert.NotNull(s.State!.Running);
        Assert.StartsWith("orca://", s.ContainerID);
        Assert.Equal(0, s.RestartCount);
        Assert.StartsWith("10.88.0.", pod.Status.PodIP);
        Assert.NotNull(pod.Status.StartTime);
        Assert.Equal("BestEffort", pod.Status.QOSClass);
        Assert.Equal("True", Cond(pod, "Initialized"));
        Assert.Equal("True", Cond(pod, "ContainersReady"));
        Assert.Equal("True", Cond(pod, "PodReadyToStartContainers"));
        Assert.Contains(pod.Status.Conditions!, c => c.Type == "PodScheduled");
    }

    [Fact]
    public async Task Init_containers_run_one_at_a_time_in_order_before_the_app()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Runtime.Script = (name, _) => name.StartsWith("init", StringComparison.Ordinal) ? ContainerScript.Exit(0, afterSeconds: 2) : ContainerScript.RunForever;
        await h.CreateAsync(PodBuilder.Named("web").OnNode().WithInit("init-a").WithInit("init-b").WithContainer("app").Build());

        var pod = await h.PodWhenAsync("web", p => p.Status.Phase == "Running", "Running");

        var starts = h.Runtime.Locked(r => r.Starts.ToList());
        Assert.Equal(["init-a", "init-b", "app"], starts.Select(s => s.Name));
        Assert.True(starts[1].At - starts[0].At >= TimeSpan.FromSeconds(2), "init-b started before init-a exited");
        Assert.All(pod.Status.InitContainerStatuses!, s => Assert.Equal(("Completed", 0), (s.State!.Terminated!.Reason, s.State.Terminated.ExitCode)));
    }

    [Fact]
    public async Task A_failing_init_container_with_restart_policy_never_fails_the_pod()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Runtime.Script = (name, _) => name == "init" ? ContainerScript.Exit(3) : ContainerScript.RunForever;
        await h.CreateAsync(PodBuilder.Named("job").OnNode().RestartPolicy("Never").WithInit("init").WithContainer("app").Build());

        var pod = await h.PodWhenAsync("job", p => p.Status.Phase == "Failed", "Failed");

        var init = Assert.Single(pod.Status.InitContainerStatuses!);
        Assert.Equal((3, "Error"), (init.State!.Terminated!.ExitCode, init.State.Terminated.Reason));
        Assert.DoesNotContain(h.Runtime.Locked(r => r.Starts.ToList()), s => s.Name == "app");
        Assert.Single(h.Runtime.Locked(r => r.Starts.ToList()), s => s.Name == "init");
    }

    [Fact]
    public async Task A_crash_looping_container_backs_off_with_doubling_delays()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Runtime.Script = (_, _) => ContainerScript.Exit(1);
        await h.CreateAsync(PodBuilder.Named("crash").OnNode().WithContainer("app").Build());

        var pod = await h.PodWhenAsync("crash", p => p.Status.ContainerStatuses?.FirstOrDefault() is { RestartCount: >= 3, State.Waiting.Reason: "CrashLoopBackOff" },
            "three restarts and CrashLoopBackOff");

        var s = pod.Status.ContainerStatuses![0];
        Assert.Contains("back-off", s.State!.Waiting!.Message);
        Assert.Equal(1, s.LastState!.Terminated!.ExitCode);
        Assert.Equal("Running", pod.Status.Phase);
        var starts = h.Runtime.Locked(r => r.Starts.Select(x => x.At).ToList());
        var gaps = starts.Zip(starts.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps[1] >= TimeSpan.FromSeconds(10) && gaps[1] < TimeSpan.FromSeconds(15), $"second restart after {gaps[1]}");
        Assert.True(gaps[2] >= TimeSpan.FromSeconds(20) && gaps[2] < TimeSpan.FromSeconds(25), $"third restart after {gaps[2]}");
    }

    [Fact]
    public async Task Image_pull_failure_shows_err_image_pull_then_back_off()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Images.FailingPulls.Add("nope:1");
        await h.CreateAsync(PodBuilder.Named("bad").OnNode().WithContainer("app", c => c.Image = "nope:1").Build());

        await h.PodWhenAsync("bad", p => p.Status.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff", "ImagePullBackOff", tick: TimeSpan.Zero);
        Assert.Equal(1, h.Images.PullCount);
        // Events are posted in the background: wait for them rather than read them at once.
        await h.EventuallyEventsAsync(e => e.Reason == "Failed" && e.Message == "Error: ErrImagePull");
        await h.EventuallyEventsAsync(e => e.Reason == "Pulling" && e.Message == "Pulling image \"nope:1\"");

        await h.EventuallyAsync(() => Task.FromResult(h.Images.PullCount >= 2), "a second pull after the back-off");
    }

    internal static string? Cond(Pod p, string type) => p.Status.Conditions?.FirstOrDefault(c => c.Type == type)?.Status;
}

public sealed class PodCompletionTests
{
    [Fact]
    public async Task Sidecars_start_in_order_keep_running_and_are_stopped_when_the_app_finishes()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Runtime.Script = (name, _) => name == "app" ? ContainerScript.Exit(0, afterSeconds: 5) : name == "init" ? ContainerScript.Exit(0) : ContainerScript.RunForever;
        await h.CreateAsync(PodBuilder.Named("job").OnNode().RestartPolicy("Never")
            .WithInit("init").WithInit("proxy", c => c.RestartPolicy = "Always").WithContainer("app").Build());

        var pod = await h.PodWhenAsync("job", p => p.Status.Phase == "Succeeded", "Succeeded");

        Assert.Equal(["init", "proxy", "app"], h.Runtime.Locked(r => r.Starts.Select(s => s.Name).ToList()));
        // The phase is written before the sidecar is stopped.
        await h.EventuallyAsync(() => Task.FromResult(h.Runtime.Locked(r => r.Stops.Any(s => s.Name == "proxy"))), "proxy stopped", tick: TimeSpan.Zero);
        Assert.Equal("False", PodLifecycleTests.Cond(pod, "Ready"));
        Assert.Equal("PodCompleted", pod.Status.Conditions!.Single(c => c.Type == "Ready").Reason);
        Assert.Equal("Completed", pod.Status.ContainerStatuses![0].State!.Terminated!.Reason);
    }

    [Fact]
    public async Task A_failed_container_under_restart_policy_never_fails_the_pod_and_is_not_restarted()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Runtime.Script = (_, _) => ContainerScript.Exit(2);
        await h.CreateAsync(PodBuilder.Named("job").OnNode().RestartPolicy("Never").WithContainer("app").Build());

        var pod = await h.PodWhenAsync("job", p => p.Status.Phase == "Failed", "Failed");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(2, pod.Status.ContainerStatuses![0].State!.Terminated!.ExitCode);
        Assert.Single(h.Runtime.Locked(r => r.Starts.ToList()));
    }
}
