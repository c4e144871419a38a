using System.Diagnostics;
using System.Globalization;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// Restart safety of the node agent: `orca server` (and its embedded agent) killed with SIGKILL
/// while pods run. Started again, the agent adopts running containers without restarting them,
/// finishes deletions made while it was down, and recovers pods whose processes died meanwhile.
/// </summary>
public sealed class AgentRestartTests : IAsyncLifetime
{
    private readonly string _bridge = "orcar" + Guid.NewGuid().ToString("N")[..6];
    private string[] _agentArgs = null!;
    private OrcaServer _server = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        _agentArgs = ["--node-name", "restart-node", "--bridge", _bridge, "--pod-cidr", $"10.95.{Random.Shared.Next(1, 250)}.0/24",
            "--ip-masq=false", "--agent-port", OrcaServer.FreePort().ToString(CultureInfo.InvariantCulture)];
        _server = await OrcaServer.StartAsync(agentArgs: _agentArgs);
        _kubectl = new Kubectl(_server);
        var tar = TestImages.BuildBusybox("docker.io/library/busybox:e2e").WriteTar(_server.DataDir, "busybox.tar");
        using var import = Process.Start(new ProcessStartInfo(OrcaServer.Binary) { ArgumentList = { "image", "import", tar, "--data-dir", _server.DataDir }, RedirectStandardOutput = true })!;
        await import.WaitForExitAsync();
        Assert.Equal(0, import.ExitCode);
        await WaitNodeReadyAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server.IsRunning) await _kubectl.RunAsync(["delete", "pods", "--all", "-n", "default", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70));
        }
        finally
        {
            _kubectl.Dispose();
            var dataDir = _server.DataDir;
            await _server.StopProcessAsync();
            NodeSweep.Run(dataDir, _bridge);
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_restarted_agent_adopts_running_containers_finishes_deletions_and_collects_orphans()
    {
        await RunSleeperAsync("keeper");
        await RunSleeperAsync("goner");
        await RunSleeperAsync("vanished");
        var vanished = await ContainerStateAsync("vanished");
        var before = await ContainerStateAsync("keeper");
        var goner = await ContainerStateAsync("goner");

        // Down: the API comes back without the agent, the pod is deleted (it stays Terminating).
        await _server.StopProcessAsync(kill: true);
        _server.AgentArgs = ["--disable-agent"];
        await _server.StartProcessAsync();
        (await _kubectl.RunAsync("delete", "pod", "goner", "--wait=false")).ShouldSucceed();
        Assert.Contains("Terminating", (await _kubectl.RunAsync("get", "pod", "goner")).Out);
        (await _kubectl.RunAsync("delete", "pod", "vanished", "--grace-period=0", "--force")).ShouldSucceed();
        await _server.StopProcessAsync(kill: true);

        _server.AgentArgs = _agentArgs;
        await _server.StartProcessAsync();
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("get", "pod", "goner")).Stderr.Contains("NotFound"),
            TimeSpan.FromSeconds(60), "goner removed once the agent is back");
        Assert.Empty(ProcessesOf(goner.Uid));
        await Eventually.HoldsAsync(() => Task.FromResult(ProcessesOf(vanished.Uid).Count == 0), TimeSpan.FromSeconds(60),
            "the containers of a pod removed from the API while the agent was down are collected", () => _server.Output);
        await WaitReadyAsync("keeper");
        var after = await ContainerStateAsync("keeper");
        Assert.Equal(before with { Uid = after.Uid }, after);
        Assert.Equal("0", after.RestartCount);
    }

    [Fact]
    public async Task Pods_whose_processes_died_with_the_agent_are_started_again_and_can_be_deleted()
    {
        await RunSleeperAsync("phoenix");
        var before = await ContainerStateAsync("phoenix");
        await _server.StopProcessAsync(kill: true);
        foreach (var pid in ProcessesOf(before.Uid).Concat(ConmonsOf(_server.DataDir)))
            KillQuietly(pid);
        await Eventually.HoldsAsync(() => Task.FromResult(ProcessesOf(before.Uid).Count == 0), TimeSpan.FromSeconds(10), "pod processes gone");

        await _server.StartProcessAsync();
        await Eventually.HoldsAsync(async () =>
        {
            var now = await ContainerStateAsync("phoenix");
            return now.Ready == "true" && now.ContainerId != before.ContainerId;
        }, TimeSpan.FromSeconds(90), "phoenix runs again in a new container", () => _server.Output);
        var after = await ContainerStateAsync("phoenix");
        Assert.Equal("1", after.RestartCount);
        Assert.Equal(before.Uid, after.Uid);

        (await _kubectl.RunAsync(["delete", "pod", "phoenix", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70))).ShouldSucceed();
        Assert.Empty(ProcessesOf(before.Uid));
    }

    private async Task RunSleeperAsync(string name)
    {
        (await _kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: {{name}}, namespace: default}
            spec:
              nodeName: restart-node
              terminationGracePeriodSeconds: 2
              containers:
              - name: app
                image: busybox:e2e
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
            """)).ShouldSucceed();
        await WaitReadyAsync(name);
    }

    private sealed record ContainerState(string Uid, string ContainerId, string StartedAt, string RestartCount, string Ready);

    private async Task<ContainerState> ContainerStateAsync(string pod)
    {
        var fields = (await _kubectl.RunAsync("get", "pod", pod, "-o",
            "jsonpath={.metadata.uid} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].state.running.startedAt} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready}"))
            .ShouldSucceed().Out.Split(' ');
        return fields.Length == 5 ? new ContainerState(fields[0], fields[1], fields[2], fields[3], fields[4]) : new ContainerState(fields[0], "", "", "", "");
    }

    private async Task WaitNodeReadyAsync() =>
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("get", "node", "restart-node", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).Out == "True",
            TimeSpan.FromSeconds(60), "node Ready");

    private async Task WaitReadyAsync(string pod) =>
        (await _kubectl.RunAsync(["wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();

    /// <summary>Processes in the pod's cgroup (its infra and app containers).</summary>
    private static List<int> ProcessesOf(string uid) =>
        Pids().Where(p => ReadOrEmpty($"/proc/{p}/cgroup").Contains($"pod{uid}", StringComparison.Ordinal)).ToList();

    private static List<int> ConmonsOf(string dataDir) =>
        Pids().Where(p => ReadOrEmpty($"/proc/{p}/cmdline").Replace('\0', ' ') is var c && c.Contains("conmon", StringComparison.Ordinal) && c.Contains(dataDir, StringComparison.Ordinal)).ToList();

    private static IEnumerable<int> Pids() =>
        Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0).Where(p => p > 0);

    private static void KillQuietly(int pid)
    {
        try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); } catch (IOException) { return ""; }
    }
}
