using System.Diagnostics;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// A real pod on the embedded node agent: runc + conmon + CNI on a test-only bridge and subnet,
/// driven by kubectl (apply, wait, logs, exec, delete). Each test server gets its own bridge,
/// pod CIDR and agent port; everything is swept at the end.
/// </summary>
public sealed class PodLifecycleTests : IAsyncLifetime
{
    private AgentNode _node = null!;

    public async Task InitializeAsync() => _node = await AgentNode.StartOnAsync("orcae", "e2e-node", $"10.91.{Random.Shared.Next(1, 250)}.0/24");

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_pod_runs_logs_execs_and_is_deleted_gracefully()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: hello, namespace: default}
            spec:
              nodeName: e2e-node
              terminationGracePeriodSeconds: 5
              containers:
              - name: app
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo hello from orca; trap 'exit 0' TERM; while true; do sleep 1; done"]
            """)).ShouldSucceed();
        await WaitReadyAsync("hello");
        var row = (await _node.Kubectl.RunAsync("get", "pod", "hello", "-o", "wide")).ShouldSucceed().Out.Split('\n')[1];
        Assert.Matches(@"^hello\s+1/1\s+Running\s+0\s+\S+\s+10\.91\.\d+\.\d+\s+e2e-node\s", row);

        await Eventually.HoldsAsync(async () => (await _node.Kubectl.RunAsync("logs", "hello")).Out == "hello from orca", TimeSpan.FromSeconds(30), "logs");
        var exec = await _node.Kubectl.RunAsync("exec", "hello", "--", "sh", "-c", "echo $((6*7)); exit 3");
        Assert.True(exec.ExitCode == 3, $"exec: {exec.ExitCode} {exec.Stdout} {exec.Stderr}\n{_node.Server.Output}");
        Assert.Equal("42", exec.Out);

        // exec -it needs a terminal on kubectl's side: `script` gives it one.
        var tty = await RunInTerminalAsync($"/usr/bin/kubectl exec -it hello -- sh -c 'tty; exit 5'");
        Assert.Contains("/dev/pts/", tty.Output);
        Assert.Equal(5, tty.ExitCode);

        (await _node.Kubectl.RunAsync(["delete", "pod", "hello", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70))).ShouldSucceed();
        Assert.Contains("NotFound", (await _node.Kubectl.RunAsync("get", "pod", "hello")).Stderr);
    }

    [Fact]
    public async Task Init_containers_sidecars_shared_volumes_config_and_probes_work_together()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: default}
            data: {GREETING: hi-from-configmap}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: full, namespace: default}
            spec:
              nodeName: e2e-node
              hostname: fullhost
              terminationGracePeriodSeconds: 2
              volumes:
              - name: shared
                emptyDir: {}
              initContainers:
              - name: init
                image: busybox:e2e
                command: ["sh", "-c", "echo prepared > /data/init.txt"]
                volumeMounts: [{name: shared, mountPath: /data}]
              - name: sidecar
                image: busybox:e2e
                restartPolicy: Always
                command: ["sh", "-c", "while true; do date > /data/sidecar.txt; sleep 1; done"]
                volumeMounts: [{name: shared, mountPath: /data}]
              containers:
              - name: app
                image: busybox:e2e
                env:
                - name: GREETING
                  valueFrom: {configMapKeyRef: {name: settings, key: GREETING}}
                - name: MY_POD
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                volumeMounts: [{name: shared, mountPath: /data}]
                readinessProbe:
                  exec: {command: ["test", "-f", "/data/sidecar.txt"]}
                  periodSeconds: 1
            """)).ShouldSucceed();
        await WaitReadyAsync("full");
        Assert.Matches(@"^full\s+2/2\s+Running\s+0\s", (await _node.Kubectl.RunAsync("get", "pod", "full")).ShouldSucceed().Out.Split('\n')[1]);
        var inside = (await _node.Kubectl.RunAsync("exec", "full", "-c", "app", "--", "sh", "-c", "cat /data/init.txt; echo $GREETING $MY_POD; hostname")).ShouldSucceed();
        Assert.Equal("prepared\nhi-from-configmap full\nfullhost", inside.Out);
    }

    [Fact]
    public async Task A_crashing_container_restarts_with_back_off()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: crash, namespace: default}
            spec:
              nodeName: e2e-node
              containers:
              - name: app
                image: busybox:e2e
                command: ["sh", "-c", "echo about to fail; exit 3"]
            """)).ShouldSucceed();
        await Eventually.HoldsAsync(async () =>
        {
            var row = (await _node.Kubectl.RunAsync("get", "pod", "crash")).Out.Split('\n').ElementAtOrDefault(1) ?? "";
            return System.Text.RegularExpressions.Regex.IsMatch(row, @"^crash\s+0/1\s+(CrashLoopBackOff|Error)\s+[1-9]");
        }, TimeSpan.FromSeconds(60), "CrashLoopBackOff with restarts");
        Assert.Equal("3", (await _node.Kubectl.RunAsync("get", "pod", "crash", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}")).Out);
        Assert.Equal("about to fail", (await _node.Kubectl.RunAsync("logs", "crash", "--previous")).Out);
    }

    [Fact]
    public async Task Port_forward_reaches_a_server_in_the_pod_and_the_node_reaches_the_pod_ip()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default}
            spec:
              nodeName: e2e-node
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: busybox:e2e
                command: ["sh", "-c", "mkdir -p /www && echo served-by-orca > /www/index.html && exec httpd -f -p 80 -h /www"]
                ports: [{containerPort: 80}]
            """)).ShouldSucceed();
        await WaitReadyAsync("web");

        var podIp = (await _node.Kubectl.RunAsync("get", "pod", "web", "-o", "jsonpath={.status.podIP}")).ShouldSucceed().Out;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(async () =>
        {
            try { return (await http.GetStringAsync($"http://{podIp}/")).Trim() == "served-by-orca"; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(30), "the node reaches the pod IP");

        var localPort = OrcaServer.FreePort();
        var psi = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "port-forward", "pod/web", $"{localPort}:80" }) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = _node.Server.Kubeconfig;
        psi.Environment["HOME"] = _node.Kubectl.Home;
        using var forward = Process.Start(psi)!;
        try
        {
            var first = await forward.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains($"Forwarding from 127.0.0.1:{localPort} -> 80", first);
            for (var i = 0; i < 2; i++) Assert.Equal("served-by-orca", (await http.GetStringAsync($"http://127.0.0.1:{localPort}/")).Trim());
        }
        finally
        {
            forward.Kill();
            await forward.WaitForExitAsync();
        }
    }

    private async Task<(int ExitCode, string Output)> RunInTerminalAsync(string command)
    {
        var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-qec", command, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = _node.Server.Kubeconfig;
        psi.Environment["HOME"] = _node.Kubectl.Home;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await output);
    }

    [Fact]
    public async Task Containers_outlive_a_killed_server_and_the_sweep_removes_them()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: survivor, namespace: default}
            spec:
              nodeName: e2e-node
              containers:
              - name: app
                image: busybox:e2e
                command: ["sleep", "3600"]
            """)).ShouldSucceed();
        await WaitReadyAsync("survivor");
        var uid = (await _node.Kubectl.RunAsync("get", "pod", "survivor", "-o", "jsonpath={.metadata.uid}")).ShouldSucceed().Out;
        await _node.Server.StopProcessAsync(kill: true);
        Assert.NotEmpty(ProcessesInPodCgroup(uid));

        NodeSweep.Run(_node.Server.DataDir, _node.Bridge);
        await Eventually.HoldsAsync(() => Task.FromResult(ProcessesInPodCgroup(uid).Count == 0), TimeSpan.FromSeconds(10), "pod processes gone");
        Assert.DoesNotContain(File.ReadAllLines("/proc/mounts"), l => l.Contains(_node.Server.DataDir, StringComparison.Ordinal));
    }

    private static List<int> ProcessesInPodCgroup(string uid) =>
        Directory.GetDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var p) ? p : 0, Dir: d))
            .Where(x => x.Pid > 0 && ReadOrEmpty(Path.Combine(x.Dir, "cgroup")).Contains($"pod{uid}", StringComparison.Ordinal))
            .Select(x => x.Pid)
            .ToList();

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); } catch (IOException) { return ""; }
    }

    private async Task WaitReadyAsync(string pod) =>
        (await _node.Kubectl.RunAsync(["wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();
}
