using Orca.Agent.Pods;
using Orca.Agent.Static;
using Orca.Agent.Status;
using Orca.Agent.Tests.Fakes;
using Orca.Agent.Translate;
using Orca.Api;
using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Tests;

public sealed class UnitTests
{
    [Fact]
    public void Backoff_starts_at_the_initial_delay_doubles_to_the_cap_and_resets_after_quiet_time()
    {
        var clock = new FakeTimeProvider();
        var b = new Backoff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), clock);
        var delays = Enumerable.Range(0, 7).Select(_ => b.Next("k").TotalSeconds).ToList();
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], delays);
        Assert.True(b.InBackoffSince("k", clock.GetUtcNow(), out var remaining));
        Assert.Equal(TimeSpan.FromMinutes(5), remaining);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(b.InBackoffSince("k", clock.GetUtcNow(), out _));
        Assert.Equal(10, b.Next("k").TotalSeconds);
    }

    [Theory]
    [InlineData(30L, null, 30)]      // no deletion yet: the spec's grace
    [InlineData(30L, 5L, 5)]         // kubectl delete --grace-period=5
    [InlineData(30L, 0L, 1)]         // an explicit 0 (force deletion seen by the agent): the 1 s minimum
    [InlineData(0L, 0L, 1)]          // never under 1 s
    [InlineData(null, null, 30)]     // the default
    public void Effective_grace_period_follows_the_kubelet(long? spec, long? deletion, int expectedSeconds)
    {
        var pod = PodBuilder.Named("p").OnNode().WithContainer("app").Build();
        pod.Spec.TerminationGracePeriodSeconds = spec;
        pod.Metadata.DeletionGracePeriodSeconds = deletion;
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PodTerminator.Grace(pod));
    }

    [Theory]
    [InlineData(null, null, null, null, "BestEffort")]
    [InlineData("100m", null, null, null, "Burstable")]
    [InlineData("100m", "100m", "64Mi", "64Mi", "Guaranteed")]
    [InlineData(null, "100m", null, "64Mi", "Guaranteed")]
    [InlineData("50m", "100m", "64Mi", "64Mi", "Burstable")]
    public void Qos_class_follows_requests_and_limits(string? cpuReq, string? cpuLim, string? memReq, string? memLim, string expected)
    {
        var c = new Container { Name = "a", Resources = new ResourceRequirements { Requests = [], Limits = [] } };
        if (cpuReq is not null) c.Resources.Requests!["cpu"] = new Quantity(cpuReq);
        if (cpuLim is not null) c.Resources.Limits!["cpu"] = new Quantity(cpuLim);
        if (memReq is not null) c.Resources.Requests!["memory"] = new Quantity(memReq);
        if (memLim is not null) c.Resources.Limits!["memory"] = new Quantity(memLim);
        var pod = new Pod { Metadata = new() { Uid = "u1" }, Spec = new PodSpec { Containers = [c] } };
        Assert.Equal(expected, QosClass.Of(pod));
        Assert.EndsWith("podu1", QosClass.CgroupParent(pod));
    }

    [Theory]
    [InlineData("Always", "running", "Running")]
    [InlineData("Always", "crashloop", "Running")]
    [InlineData("Always", "waiting", "Pending")]
    [InlineData("Never", "exit0", "Succeeded")]
    [InlineData("Never", "exit1", "Failed")]
    [InlineData("OnFailure", "exit0", "Succeeded")]
    [InlineData("OnFailure", "crashloop", "Running")]
    public void Phase_is_computed_from_container_states_like_the_kubelet(string policy, string state, string phase)
    {
        var s = new Api.Core.ContainerStatus { Name = "a" };
        s.State = state switch
        {
            "running" => new Api.Core.ContainerState { Running = new() },
            "crashloop" => new Api.Core.ContainerState { Waiting = new() { Reason = "CrashLoopBackOff" } },
            "waiting" => new Api.Core.ContainerState { Waiting = new() { Reason = "ContainerCreating" } },
            "exit0" => new Api.Core.ContainerState { Terminated = new() { ExitCode = 0 } },
            _ => new Api.Core.ContainerState { Terminated = new() { ExitCode = 1 } },
        };
        if (state == "crashloop") s.LastState = new Api.Core.ContainerState { Terminated = new() { ExitCode = 1 } };
        Assert.Equal(phase, Status.PodPhase.Compute(new PodSpec { RestartPolicy = policy }, [], [s], initFailed: false, initDone: true));
    }

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v1", "IfNotPresent")]
    [InlineData("app@sha256:abc", "IfNotPresent")]
    public void Default_pull_policy_follows_the_tag(string image, string policy) => Assert.Equal(policy, ImagePuller.DefaultPolicy(image));

    [Fact]
    public void Sandbox_config_carries_hostname_namespaces_ports_labels_and_cgroup()
    {
        var pod = new Pod
        {
            Metadata = new() { Name = "web", Namespace = "shop", Uid = "u1", Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec
            {
                Hostname = "front", HostPID = true, ShareProcessNamespace = false,
                Containers = [new Container { Name = "a", Ports = [new ContainerPortSpec { ContainerPort = 80, HostPort = 8080 }, new ContainerPortSpec { ContainerPort = 81 }] }],
            },
        };
        var config = PodToSandbox.Build(pod, new AgentOptions { ClusterDns = ["10.96.0.10"] });
        Assert.Equal(("web", "shop", "u1", "front"), (config.Name, config.Namespace, config.Uid, config.Hostname));
        Assert.Equal(NamespaceMode.Node, config.Pid);
        Assert.Equal(NamespaceMode.Pod, config.Network);
        Assert.Equal(new PortMapping("TCP", 80, 8080), Assert.Single(config.PortMappings));
        Assert.Equal("u1", config.Labels["io.kubernetes.pod.uid"]);
        Assert.Equal("web", config.Labels["app"]);
        Assert.Equal("/orca/besteffort/podu1", config.CgroupParent);
        Assert.Equal(["10.96.0.10"], config.Dns!.Servers);
        Assert.Contains("shop.svc.cluster.local", config.Dns.Searches);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: x\n", null)]
    [InlineData("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}", null)]
    [InlineData("kind: Service\nmetadata:\n  name: a\n", "kind Service is not Pod")]
    [InlineData("kind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n", "spec.containers must not be empty")]
    public void Manifests_are_read_from_yaml_or_json(string text, string? error)
    {
        var (pod, err) = ManifestReader.Read(text);
        Assert.Equal(error, err);
        Assert.Equal(error is null, pod is not null);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: [\n", "invalid YAML: ")]
    [InlineData("kind: Pod\nmetadata: {name: x\n", "invalid YAML: line 3, column 1: ")]
    [InlineData("- just\n- a list\n", "invalid manifest: ")]
    [InlineData("{\"kind\": \"Pod\", \"metadata\": ", "invalid JSON: ")]
    [InlineData("kind: Pod\nspec:\n  containers:\n  - name: c\n", "metadata.name is required")]
    public void Broken_manifests_say_what_is_wrong(string text, string error)
    {
        var (pod, err) = ManifestReader.Read(text);
        Assert.Null(pod);
        Assert.StartsWith(error, err);
        Assert.DoesNotContain("current state of the object", err);
    }
}
