using Orca.Agent.Tests.Fakes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Agent.Tests;

public sealed class ProbeAndTerminationTests
{
    [Fact]
    public async Task A_failing_readiness_probe_makes_the_pod_not_ready_and_recovery_makes_it_ready()
    {
        await using var h = await AgentHarness.StartAsync();
        var healthy = false;
        h.Runtime.ExecScript = (_, cmd) => cmd == "cat /tmp/ready" && Volatile.Read(ref healthy) ? 0 : 1;
        await h.CreateAsync(PodBuilder.Named("web").OnNode().WithContainer("app", c => c.ReadinessProbe = PodBuilder.Exec("cat", "/tmp/ready")).Build());

        var pod = await h.PodWhenAsync("web", p => p.Status.Phase == "Running" && h.Runtime.Locked(r => r.Execs.Count) >= 2, "running and probed");
        Assert.Equal("False", PodLifecycleTests.Cond(pod, "Ready"));
        Assert.False(pod.Status.ContainerStatuses![0].Ready);

        Volatile.Write(ref healthy, true);
        await h.PodWhenAsync("web", p => PodLifecycleTests.Cond(p, "Ready") == "True", "ready once the probe passes");
        Volatile.Write(ref healthy, false);
        pod = await h.PodWhenAsync("web", p => PodLifecycleTests.Cond(p, "Ready") == "False", "unready again");
        Assert.Equal(0, pod.Status.ContainerStatuses![0].RestartCount);
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_with_unhealthy_and_killing_events()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Runtime.ExecScript = (_, cmd) => cmd == "check" ? 1 : 0;
        await h.CreateAsync(PodBuilder.Named("web").OnNode().WithContainer("app", c => c.LivenessProbe = PodBuilder.Exec("check")).Build());

        var pod = await h.PodWhenAsync("web", p => p.Status.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1, "restarted");

        Assert.Equal(143, pod.Status.ContainerStatuses![0].LastState!.Terminated!.ExitCode);
        // Events are written by the recorder's own loop: they may land just after the status.
        await h.EventuallyAsync(async () =>
        {
            var events = (await h.Client.Resource<Event>().ListAsync("default")).Items;
            return events.Any(e => e.Reason == "Unhealthy" && e.Type == "Warning" && e.Message!.StartsWith("Liveness probe failed", StringComparison.Ordinal))
                && events.Any(e => e.Reason == "Killing" && e.Message == "Container app failed liveness probe, will be restarted");
        }, "Unhealthy and Killing events");
    }

    [Fact]
    public async Task Deleting_a_pod_runs_pre_stop_stops_with_the_grace_period_and_removes_the_object()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.CreateAsync(PodBuilder.Named("web").OnNode().Grace(30)
            .WithContainer("app", c => c.Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { Exec = new ExecAction { Command = ["sh", "-c", "drain"] } } })
            .Build());
        var pod = await h.PodWhenAsync("web", p => p.Status.Phase == "Running", "Running");

        await h.Pods.DeleteAsync("default", "web", new DeleteOptions { GracePeriodSeconds = 20 });
        await h.EventuallyAsync(async () => await h.GetAsync("web") is null, "pod object removed", tick: TimeSpan.Zero);

        Assert.Contains(h.Runtime.Locked(r => r.Execs.ToList()), e => e == ("app", "sh -c drain"));
        var stop = Assert.Single(h.Runtime.Locked(r => r.Stops.ToList()));
        Assert.Equal("app", stop.Name);
        Assert.True(stop.Timeout <= TimeSpan.FromSeconds(20) && stop.Timeout > TimeSpan.FromSeconds(15), $"stop timeout {stop.Timeout}");
        Assert.Empty(await h.Runtime.ListPodSandboxesAsync(CancellationToken.None));
        await h.EventuallyAsync(async () => (await h.Client.Resource<Event>().ListAsync("default")).Items
            .Any(e => e.Reason == "Killing" && e.Message == "Stopping container app"), "Killing event");
    }

    [Fact]
    public async Task Sandboxes_of_pods_no_source_knows_are_garbage_collected_on_start()
    {
        await using var h = await AgentHarness.StartServerAsync();
        var id = await h.Runtime.RunPodSandboxAsync(new Runtime.PodSandboxConfig
        {
            Name = "old", Namespace = "default", Uid = "gone-uid",
            Labels = new Dictionary<string, string> { ["io.kubernetes.pod.uid"] = "gone-uid" },
        }, CancellationToken.None);
        await h.StartAgentAsync();

        await h.EventuallyAsync(async () => (await h.Runtime.ListPodSandboxesAsync(CancellationToken.None)).Count == 0, "orphan sandbox removed");
        Assert.NotEmpty(id);
    }
}
