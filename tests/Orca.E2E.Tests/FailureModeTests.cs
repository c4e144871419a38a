using System.Diagnostics;

namespace Orca.E2E.Tests;

/// <summary>
/// Pods that go wrong, through kubectl on real containers: an OOM kill, a process that ignores
/// SIGTERM, a forced deletion, a failing init container, failing readiness and liveness probes.
/// </summary>
public sealed class FailureModeTests(NodeFixture fx) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task A_container_over_its_memory_limit_is_oom_killed_with_exit_code_137()
    {
        var ns = await fx.NamespaceAsync("oom");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: hog, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              restartPolicy: Never
              containers:
              - name: hog
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "echo allocating; exec tail /dev/zero"]
                resources:
                  limits: {memory: 20Mi}
            """);
        await fx.WaitRowAsync(ns, "hog", @"^hog\s+0/1\s+OOMKilled\s+0\s");
        Assert.Equal("OOMKilled 137 Failed", await fx.GetAsync("pod", "hog",
            "{.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode} {.status.phase}", "-n", ns));
        Assert.Equal("allocating", (await fx.Kubectl.RunAsync("logs", "hog", "-n", ns)).Out);
    }

    [Fact]
    public async Task A_process_ignoring_sigterm_is_killed_when_the_grace_period_ends_and_the_pod_disappears()
    {
        var ns = await fx.NamespaceAsync("grace");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: stubborn, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 3
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "trap 'echo ignoring TERM' TERM; echo started; while true; do sleep 0.2; done"]
            """);
        await fx.WaitReadyAsync(ns, "stubborn");
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("logs", "stubborn", "-n", ns)).Out == "started", TimeSpan.FromSeconds(20), "trap installed");
        var uid = await fx.GetAsync("pod", "stubborn", "{.metadata.uid}", "-n", ns);
        var ids = await fx.ContainerIdsAsync(ns, "stubborn");

        var clock = Stopwatch.StartNew();
        await using var delete = KubectlProcess.Start(fx.Kubectl, fx.Server, "delete", "pod", "stubborn", "-n", ns, "--timeout=30s");
        await fx.WaitRowAsync(ns, "stubborn", @"^stubborn\s+\S+\s+Terminating\s");
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("logs", "stubborn", "-n", ns)).Out.EndsWith("ignoring TERM", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "SIGTERM reached the process and was ignored");
        Assert.Equal(0, await delete.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        var took = clock.Elapsed;
        Assert.True(took >= TimeSpan.FromSeconds(2.5) && took < TimeSpan.FromSeconds(15), $"deletion took {took}: the grace period is 3 s");
        Assert.Contains("NotFound", (await fx.Kubectl.RunAsync("get", "pod", "stubborn", "-n", ns)).Stderr);
        AssertNothingLeft(uid, ids);
    }

    /// <summary>The API forgets the pod at once; the node still stops it, after the spec's grace period (as the kubelet does).</summary>
    [Fact]
    public async Task A_forced_deletion_still_removes_the_containers_from_the_node()
    {
        var ns = await fx.NamespaceAsync("force");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: doomed, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 2
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "trap '' TERM; while true; do sleep 0.2; done"]
              - name: helper
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
            """);
        await fx.WaitReadyAsync(ns, "doomed");
        var uid = await fx.GetAsync("pod", "doomed", "{.metadata.uid}", "-n", ns);
        var ids = await fx.ContainerIdsAsync(ns, "doomed");
        Assert.Equal(2, ids.Length);
        Assert.All(ids, id => Assert.Contains(id, HostState.RuncContainers(fx.DataDir)));

        var r = (await fx.Kubectl.RunAsync("delete", "pod", "doomed", "-n", ns, "--grace-period=0", "--force")).ShouldSucceed();
        Assert.Contains("force deleted", r.Out);
        Assert.Contains("NotFound", (await fx.Kubectl.RunAsync("get", "pod", "doomed", "-n", ns)).Stderr);
        await Eventually.HoldsAsync(() => Task.FromResult(Leftovers(uid, ids).Count == 0), TimeSpan.FromSeconds(20),
            "containers, conmon and pod processes gone after a forced deletion");
    }

    [Fact]
    public async Task A_failing_init_container_shows_init_error_then_init_crash_loop_back_off()
    {
        var ns = await fx.NamespaceAsync("badinit");
        await using var watch = KubectlProcess.Start(fx.Kubectl, fx.Server, "get", "pods", "-n", ns, "--watch", "--field-selector", "metadata.name=badinit");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: badinit, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              initContainers:
              - name: setup
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "echo setup failed; exit 2"]
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
            """);
        await watch.WaitForAsync("Init:CrashLoopBackOff");
        var seen = watch.Output;
        var error = seen.IndexOf("Init:Error", StringComparison.Ordinal);
        Assert.True(error >= 0 && error < seen.IndexOf("Init:CrashLoopBackOff", StringComparison.Ordinal), $"Init:Error before Init:CrashLoopBackOff:\n{seen}");

        Assert.Equal("2 Error CrashLoopBackOff", await fx.GetAsync("pod", "badinit",
            "{.status.initContainerStatuses[0].lastState.terminated.exitCode} {.status.initContainerStatuses[0].lastState.terminated.reason} {.status.initContainerStatuses[0].state.waiting.reason}", "-n", ns));
        Assert.Equal("PodInitializing", await fx.GetAsync("pod", "badinit", "{.status.containerStatuses[0].state.waiting.reason}", "-n", ns));
        Assert.Equal("setup failed", (await fx.Kubectl.RunAsync("logs", "badinit", "-c", "setup", "-n", ns)).Out);
        Assert.Contains(await fx.EventMessagesAsync(ns, "badinit", "BackOff"), m => m.Contains("restarting failed container setup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_that_does_not_exist_is_a_start_error_then_a_crash_loop()
    {
        var ns = await fx.NamespaceAsync("nocmd");
        await using var watch = KubectlProcess.Start(fx.Kubectl, fx.Server, "get", "pods", "-n", ns, "--watch", "--field-selector", "metadata.name=nocmd");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: nocmd, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["nosuchcmd"]
            """);
        await watch.WaitForAsync("CrashLoopBackOff");
        Assert.Contains("RunContainerError", watch.Output);

        var terminated = "{.status.containerStatuses[0].lastState.terminated";
        Assert.Equal("128 StartError 1970-01-01T00:00:00Z CrashLoopBackOff", await fx.GetAsync("pod", "nocmd",
            $"{terminated}.exitCode}} {terminated}.reason}} {terminated}.startedAt}} {{.status.containerStatuses[0].state.waiting.reason}}", "-n", ns));
        Assert.Contains("exec: \"nosuchcmd\": executable file not found in $PATH", await fx.GetAsync("pod", "nocmd", $"{terminated}.message}}", "-n", ns));
        Assert.True(int.Parse(await fx.GetAsync("pod", "nocmd", "{.status.containerStatuses[0].restartCount}", "-n", ns)) >= 1);
        Assert.Contains(await fx.EventMessagesAsync(ns, "nocmd", "Failed"), m => m.StartsWith("Error: ", StringComparison.Ordinal) && m.Contains("nosuchcmd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_volume_that_cannot_be_set_up_keeps_the_pod_container_creating_until_it_can()
    {
        var ns = await fx.NamespaceAsync("mount");
        var missingDir = $"/tmp/orca-e2e-absent-{ns}";
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: nodir, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              volumes: [{name: host, hostPath: {path: {{missingDir}}, type: Directory} }]
              containers:
              - {name: app, image: {{NodeFixture.Image}}, command: ["sleep", "3600"], volumeMounts: [{name: host, mountPath: /host}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: nocm, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              volumes: [{name: conf, configMap: {name: later} }]
              containers:
              - {name: app, image: {{NodeFixture.Image}}, command: ["sh", "-c", "cat /conf/key; sleep 3600"], volumeMounts: [{name: conf, mountPath: /conf}]}
            """);
        await fx.WaitRowAsync(ns, "nodir", @"^nodir\s+0/1\s+ContainerCreating\s");
        await Eventually.HoldsAsync(async () => (await fx.EventMessagesAsync(ns, "nodir", "FailedMount"))
            .Contains($"MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: {missingDir} is not a directory"),
            TimeSpan.FromSeconds(30), "FailedMount for the missing hostPath directory");
        await Eventually.HoldsAsync(async () => (await fx.EventMessagesAsync(ns, "nocm", "FailedMount"))
            .Contains("MountVolume.SetUp failed for volume \"conf\" : configmap \"later\" not found"),
            TimeSpan.FromSeconds(30), "FailedMount for the missing configmap");
        Assert.Matches(@"^nocm\s+0/1\s+ContainerCreating\s", await fx.RowAsync(ns, "nocm"));

        (await fx.Kubectl.RunAsync("create", "configmap", "later", "-n", ns, "--from-literal=key=arrived")).ShouldSucceed();
        await fx.WaitReadyAsync(ns, "nocm");
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("logs", "nocm", "-n", ns)).Out == "arrived", TimeSpan.FromSeconds(20), "the configmap's value");
    }

    [Fact]
    public async Task A_pod_bound_to_a_node_too_small_for_it_is_rejected_by_the_node_as_out_of_cpu()
    {
        var ns = await fx.NamespaceAsync("toobig");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: toobig, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
                resources: {requests: {cpu: "1000"} }
            """);
        await fx.WaitRowAsync(ns, "toobig", @"^toobig\s+0/1\s+OutOfcpu\s+0\s");
        Assert.StartsWith("Failed OutOfcpu Pod was rejected: Node didn't have enough resource: cpu, requested: 1000000, used: ",
            await fx.GetAsync("pod", "toobig", "{.status.phase} {.status.reason} {.status.message}", "-n", ns));
        Assert.Contains(await fx.EventMessagesAsync(ns, "toobig", "OutOfcpu"), m => m.StartsWith("Node didn't have enough resource: cpu", StringComparison.Ordinal));
        Assert.Empty(await fx.ContainerIdsAsync(ns, "toobig"));
    }

    [Fact]
    public async Task A_failing_readiness_probe_keeps_the_pod_unready_while_it_runs()
    {
        var ns = await fx.NamespaceAsync("unready");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: unready, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
                readinessProbe:
                  exec: {command: ["test", "-f", "/tmp/ready"]}
                  periodSeconds: 1
            """);
        await Eventually.HoldsAsync(async () => (await fx.EventMessagesAsync(ns, "unready", "Unhealthy")).Any(m => m.StartsWith("Readiness probe failed", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "a failed readiness probe");
        Assert.Matches(@"^unready\s+0/1\s+Running\s+0\s", await fx.RowAsync(ns, "unready"));
        Assert.Equal("False", await fx.GetAsync("pod", "unready", "{.status.conditions[?(@.type==\"Ready\")].status}", "-n", ns));

        // The probe decides: once it passes, the pod becomes ready.
        (await fx.Kubectl.RunAsync("exec", "unready", "-n", ns, "--", "touch", "/tmp/ready")).ShouldSucceed();
        await fx.WaitReadyAsync(ns, "unready");
        Assert.Matches(@"^unready\s+1/1\s+Running\s+0\s", await fx.RowAsync(ns, "unready"));
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_with_unhealthy_and_killing_events()
    {
        var ns = await fx.NamespaceAsync("unlive");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: unlive, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
                livenessProbe:
                  httpGet: {path: /healthz, port: 8080}
                  periodSeconds: 1
                  failureThreshold: 2
            """);
        await Eventually.HoldsAsync(async () => await fx.GetAsync("pod", "unlive", "{.status.containerStatuses[0].restartCount}", "-n", ns) is "1" or "2" or "3",
            TimeSpan.FromSeconds(30), "a restart after the liveness probe failed");
        Assert.Contains(await fx.EventMessagesAsync(ns, "unlive", "Unhealthy"), m => m.StartsWith("Liveness probe failed", StringComparison.Ordinal));
        Assert.Contains(await fx.EventMessagesAsync(ns, "unlive", "Killing"), m => m.Contains("failed liveness probe, will be restarted", StringComparison.Ordinal));
        Assert.Equal("137", await fx.GetAsync("pod", "unlive", "{.status.containerStatuses[0].lastState.terminated.exitCode}", "-n", ns));
    }

    private void AssertNothingLeft(string uid, string[] ids)
    {
        var left = Leftovers(uid, ids);
        Assert.True(left.Count == 0, "left on the node: " + string.Join(", ", left));
    }

    /// <summary>runc containers, conmon monitors and processes of the pod still on the host.</summary>
    private List<string> Leftovers(string uid, string[] ids)
    {
        var runc = HostState.RuncContainers(fx.DataDir);
        var left = ids.Where(runc.Contains).Select(id => "runc container " + id).ToList();
        left.AddRange(ids.SelectMany(HostState.ProcessesMentioning).Select(pid => "conmon pid " + pid));
        left.AddRange(HostState.ProcessesInPod(uid).Select(pid => "pod process pid " + pid));
        return left;
    }
}
