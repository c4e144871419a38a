using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Sim.Tests;

/// <summary>Pods bound to hollow nodes as the API shows them: running, deleted, finished, rejected, adopted.</summary>
public sealed class PodTests
{
    [Fact]
    public async Task A_pod_bound_to_a_hollow_node_becomes_running_and_ready_with_an_ip_of_the_node()
    {
        await using var h = await SimHarness.StartAsync();
        await h.StartSimAsync(new HollowOptions { Nodes = 2, NamePrefix = "pn-" });
        await h.Pods.CreateAsync(SimHarness.Pod("web", "pn-1", p =>
        {
            p.Spec.Containers.Add(new Container { Name = "sidecar", Image = "busybox:1.36" });
            p.Spec.InitContainers = [new Container { Name = "setup", Image = "busybox:1.36" }];
        }));
        await h.Pods.CreateAsync(SimHarness.Pod("web2", "pn-1"));

        var pod = await h.PodWhenAsync("web", p => p.Status.Phase == "Running", "Running");
        var status = pod.Status;
        Assert.Equal("10.128.1.2", status.PodIP);
        Assert.Equal(["10.128.1.2"], status.PodIPs!.Select(i => i.IP));
        Assert.Equal("127.192.0.2", status.HostIP);
        Assert.Equal(h.Clock.GetUtcNow(), status.StartTime);
        foreach (var type in new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers" })
            Assert.Equal("True", status.Conditions!.Single(c => c.Type == type).Status);
        Assert.Equal(["app", "sidecar"], status.ContainerStatuses!.Select(c => c.Name));
        Assert.All(status.ContainerStatuses!, c =>
        {
            Assert.True(c.Ready);
            Assert.True(c.Started);
            Assert.NotNull(c.State!.Running);
            Assert.StartsWith("orca-sim://", c.ContainerID);
        });
        Assert.Equal("busybox:1.36", status.ContainerStatuses![1].Image);
        var init = Assert.Single(status.InitContainerStatuses!);
        Assert.Equal((0, "Completed"), (init.State!.Terminated!.ExitCode, init.State.Terminated.Reason));

        var second = await h.PodWhenAsync("web2", p => p.Status.Phase == "Running", "Running");
        Assert.Equal("10.128.1.3", second.Status.PodIP);
    }

    [Fact]
    public async Task A_pod_bound_later_through_pods_binding_runs_and_keeps_the_schedulers_condition()
    {
        await using var h = await SimHarness.StartAsync();
        await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pb-" });
        await h.Pods.CreateAsync(SimHarness.Pod("later", "", p => p.Spec.NodeName = null));
        await h.Pods.CreateSubresourceAsync("default", "later", "binding", new Binding
        {
            ApiVersion = "v1", Kind = "Binding", Metadata = new ObjectMeta { Name = "later" }, Target = new ObjectReference { Kind = "Node", Name = "pb-0" },
        });

        var pod = await h.PodWhenAsync("later", p => p.Status.Phase == "Running", "Running once bound");
        Assert.Equal("pb-0", pod.Spec.NodeName);
        Assert.Single(pod.Status.Conditions!, c => c.Type == "PodScheduled" && c.Status == "True");
    }

    [Fact]
    public async Task Pods_created_before_the_sim_started_run_and_pods_of_other_nodes_are_left_alone()
    {
        await using var h = await SimHarness.StartAsync();
        await h.Pods.CreateAsync(SimHarness.Pod("early", "pe-0"));
        await h.Pods.CreateAsync(SimHarness.Pod("elsewhere", "real-node"));
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pe-" });

        await h.PodWhenAsync("early", p => p.Status.Phase == "Running", "Running");
        Assert.Equal("Pending", (await h.GetPodAsync("elsewhere"))!.Status.Phase);
        Assert.Equal(1, sim.Stats().Pods);
    }

    [Fact]
    public async Task A_deleted_pod_is_confirmed_after_its_grace_period_and_its_ip_is_reused()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pd-" });
        await h.Pods.CreateAsync(SimHarness.Pod("victim", "pd-0", p => p.Spec.TerminationGracePeriodSeconds = 20));
        var running = await h.PodWhenAsync("victim", p => p.Status.Phase == "Running", "Running");

        await h.Pods.DeleteAsync("default", "victim");
        await SimHarness.EventuallyAsync(() => sim.Stats().Terminating == 1, "the sim to see the deletion");
        await h.AdvanceAsync(TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(1));
        var terminating = await h.GetPodAsync("victim");
        Assert.NotNull(terminating);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await SimHarness.EventuallyAsync(async () => await h.GetPodAsync("victim") is null, "the pod to be gone after 20 s");
        await SimHarness.EventuallyAsync(() => sim.Stats().Pods == 0, "the sim to forget the pod");

        await h.Pods.CreateAsync(SimHarness.Pod("next", "pd-0"));
        var next = await h.PodWhenAsync("next", p => p.Status.Phase == "Running", "Running");
        Assert.Equal(running.Status.PodIP, next.Status.PodIP);
    }

    [Fact]
    public async Task The_grace_period_is_capped()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pc-", MaxGracePeriod = TimeSpan.FromSeconds(5) });
        await h.Pods.CreateAsync(SimHarness.Pod("slow", "pc-0", p => p.Spec.TerminationGracePeriodSeconds = 3600));
        await h.PodWhenAsync("slow", p => p.Status.Phase == "Running", "Running");

        await h.Pods.DeleteAsync("default", "slow");
        await SimHarness.EventuallyAsync(() => sim.Stats().Terminating == 1, "the sim to see the deletion");
        await h.AdvanceAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1));
        Assert.NotNull(await h.GetPodAsync("slow"));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await SimHarness.EventuallyAsync(async () => await h.GetPodAsync("slow") is null, "the pod to be gone after the 5 s cap");
    }

    [Fact]
    public async Task The_confirmation_does_not_delete_a_new_pod_that_took_the_name()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pu-" });
        await h.Pods.CreateAsync(SimHarness.Pod("same", "pu-0", p => p.Spec.TerminationGracePeriodSeconds = 10));
        await h.PodWhenAsync("same", p => p.Status.Phase == "Running", "Running");
        await h.Pods.DeleteAsync("default", "same");
        await SimHarness.EventuallyAsync(() => sim.Stats().Terminating == 1, "the sim to see the deletion");

        // Someone else forces the old pod away and creates a new one of that name before the grace period is over.
        await h.Pods.DeleteAsync("default", "same", new DeleteOptions { GracePeriodSeconds = 0 });
        var replacement = await h.Pods.CreateAsync(SimHarness.Pod("same", "pu-0"));
        await h.PodWhenAsync("same", p => p.Metadata.Uid == replacement.Metadata.Uid && p.Status.Phase == "Running", "the new pod Running");
        await h.AdvanceAsync(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));
        await SimHarness.EventuallyAsync(() => sim.Stats() is { Pods: 1, Running: 1 }, "only the new pod is tracked");
        Assert.Equal(replacement.Metadata.Uid, (await h.GetPodAsync("same"))?.Metadata.Uid);
    }

    [Fact]
    public async Task With_a_pod_run_time_pods_that_do_not_restart_succeed_and_others_keep_running()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pj-", PodRunTime = TimeSpan.FromSeconds(5) });
        var started = h.Clock.GetUtcNow();
        await h.Pods.CreateAsync(SimHarness.Pod("job", "pj-0", p => p.Spec.RestartPolicy = "Never"));
        await h.Pods.CreateAsync(SimHarness.Pod("retry", "pj-0", p => p.Spec.RestartPolicy = "OnFailure"));
        await h.Pods.CreateAsync(SimHarness.Pod("server", "pj-0"));
        foreach (var name in new[] { "job", "retry", "server" }) await h.PodWhenAsync(name, p => p.Status.Phase == "Running", "Running");

        await h.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var job = await h.PodWhenAsync("job", p => p.Status.Phase == "Succeeded", "Succeeded");
        var c = Assert.Single(job.Status.ContainerStatuses!);
        Assert.Equal((0, "Completed"), (c.State!.Terminated!.ExitCode, c.State.Terminated.Reason));
        Assert.Equal(started + TimeSpan.FromSeconds(5), c.State.Terminated.FinishedAt);
        Assert.False(c.Ready);
        var ready = job.Status.Conditions!.Single(x => x.Type == "Ready");
        Assert.Equal(("False", "PodCompleted"), (ready.Status, ready.Reason));
        await h.PodWhenAsync("retry", p => p.Status.Phase == "Succeeded", "Succeeded");

        await h.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
        Assert.Equal("Running", (await h.GetPodAsync("server"))!.Status.Phase);
        await SimHarness.EventuallyAsync(() => sim.Stats() is { Pods: 1, Running: 1 }, "finished pods are forgotten");
    }

    [Fact]
    public async Task A_pod_with_the_exit_code_annotation_ends_Failed_with_that_code_after_its_run_time()
    {
        await using var h = await SimHarness.StartAsync();
        await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "px-", PodRunTime = TimeSpan.FromSeconds(5) });
        var started = h.Clock.GetUtcNow();
        await h.Pods.CreateAsync(SimHarness.Pod("fails", "px-0", p =>
        {
            p.Spec.RestartPolicy = "Never";
            p.Metadata.Annotations = new() { ["sim.orca.dev/exit-code"] = "3" };
        }));
        await h.PodWhenAsync("fails", p => p.Status.Phase == "Running", "Running");

        await h.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var pod = await h.PodWhenAsync("fails", p => p.Status.Phase == "Failed", "Failed");
        var c = Assert.Single(pod.Status.ContainerStatuses!);
        Assert.Equal((3, "Error"), (c.State!.Terminated!.ExitCode, c.State.Terminated.Reason));
        Assert.Equal(started + TimeSpan.FromSeconds(5), c.State.Terminated.FinishedAt);
    }

    [Fact]
    public async Task A_pod_beyond_the_pods_capacity_is_rejected_like_the_kubelet_does()
    {
        await using var h = await SimHarness.StartAsync();
        await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "pf-", MaxPods = 2 });
        for (var i = 0; i < 2; i++)
        {
            await h.Pods.CreateAsync(SimHarness.Pod($"fits-{i}", "pf-0"));
            await h.PodWhenAsync($"fits-{i}", p => p.Status.Phase == "Running", "Running");
        }
        await h.Pods.CreateAsync(SimHarness.Pod("extra", "pf-0"));

        var extra = await h.PodWhenAsync("extra", p => p.Status.Phase == "Failed", "Failed");
        Assert.Equal("OutOfpods", extra.Status.Reason);
        Assert.Equal("Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2", extra.Status.Message);
        Assert.Null(extra.Status.PodIP);
    }

    [Fact]
    public async Task A_restarted_sim_adopts_running_pods_with_their_ips()
    {
        await using var h = await SimHarness.StartAsync();
        var options = new HollowOptions { Nodes = 1, NamePrefix = "pa-" };
        var first = await h.StartSimAsync(options);
        await h.Pods.CreateAsync(SimHarness.Pod("a", "pa-0"));
        await h.Pods.CreateAsync(SimHarness.Pod("b", "pa-0"));
        var b = await h.PodWhenAsync("b", p => p.Status.Phase == "Running", "Running");
        await h.PodWhenAsync("a", p => p.Status.Phase == "Running", "Running");
        await h.StopSimAsync(first);
        await h.Pods.DeleteAsync("default", "a", new DeleteOptions { GracePeriodSeconds = 0 });

        var second = await h.StartSimAsync(options);
        await SimHarness.EventuallyAsync(() => second.Stats() is { Running: 1, Starting: 0 }, "the running pod adopted");
        Assert.Equal(b.Metadata.ResourceVersion, (await h.GetPodAsync("b"))!.Metadata.ResourceVersion);
        await h.Pods.CreateAsync(SimHarness.Pod("c", "pa-0"));
        var c = await h.PodWhenAsync("c", p => p.Status.Phase == "Running", "Running");
        Assert.NotEqual(b.Status.PodIP, c.Status.PodIP);
    }
}
