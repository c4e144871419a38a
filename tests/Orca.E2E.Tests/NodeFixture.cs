using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// One `orca server` with its embedded node agent for a class of tests that run real pods: its own
/// bridge, a 10.93.x.0/24 pod subnet and agent port, the busybox test image imported, node Ready.
/// Each test works in its own namespace. Dispose deletes every pod, stops the server and sweeps what
/// the node left (processes, mounts, bridge, cgroups, portmap rules), also after failures.
/// </summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public const string NodeName = "e2e-node";
    public const string Image = "busybox:e2e";
    private static int _nextSubnet = Random.Shared.Next(0, 250);

    public string Bridge => _node.Bridge;
    public string Subnet { get; } = $"10.93.{Interlocked.Increment(ref _nextSubnet) % 250 + 1}.0/24";
    private AgentNode _node = null!;
    public OrcaServer Server => _node.Server;
    public Kubectl Kubectl => _node.Kubectl;
    public string DataDir => Server.DataDir;
    public string ManifestDir => Path.Combine(Server.DataDir, "manifests");

    public async Task InitializeAsync() => _node = await AgentNode.StartOnAsync("orcas", NodeName, Subnet);

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await Kubectl.RunAsync("create", "namespace", name)).ShouldSucceed();
        return name;
    }

    /// <summary>`kubectl get KIND NAME -o jsonpath=…` (add "-n", ns through <paramref name="extra"/>); "" when it fails.</summary>
    public async Task<string> GetAsync(string kind, string name, string jsonPath, params string[] extra) =>
        (await Kubectl.RunAsync(["get", kind, name, "-o", "jsonpath=" + jsonPath, .. extra], null)).Out;

    public async Task ApplyAsync(string yaml) => (await Kubectl.ApplyAsync(yaml)).ShouldSucceed();

    /// <summary>Runs a one-container pod that sleeps (container "app"), for tests that exec or copy into it; waits until Ready.</summary>
    public async Task RunSleeperAsync(string ns, string name)
    {
        await ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: {{name}}, namespace: {{ns}}}
            spec:
              nodeName: {{NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: {{Image}}
                command: ["sleep", "3600"]
            """);
        await WaitReadyAsync(ns, name);
    }

    /// <summary>Waits until the pod exists (static pods' mirrors appear later) and is Ready.</summary>
    public async Task WaitReadyAsync(string ns, string pod)
    {
        await Eventually.HoldsAsync(async () => (await Kubectl.RunAsync("get", "pod", pod, "-n", ns, "-o", "name")).ExitCode == 0,
            TimeSpan.FromSeconds(30), $"pod {ns}/{pod} exists");
        (await Kubectl.RunAsync(["wait", "--for=condition=Ready", $"pod/{pod}", "-n", ns, "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70)))
            .ShouldSucceed();
    }

    /// <summary>The pod's row in `kubectl get pod` (without header).</summary>
    public async Task<string> RowAsync(string ns, string pod) =>
        (await Kubectl.RunAsync("get", "pod", pod, "-n", ns, "--no-headers")).Out;

    /// <summary>Waits until the pod's row matches <paramref name="pattern"/>; returns that row.</summary>
    public async Task<string> WaitRowAsync(string ns, string pod, string pattern, TimeSpan? timeout = null)
    {
        var row = "";
        await Eventually.HoldsAsync(async () => Regex.IsMatch(row = await RowAsync(ns, pod), pattern),
            timeout ?? TimeSpan.FromSeconds(60), $"pod {ns}/{pod} row matching {pattern} (last: {row})");
        return row;
    }

    /// <summary>Messages of the events about <paramref name="name"/> with the given reason.</summary>
    public async Task<string[]> EventMessagesAsync(string ns, string name, string reason)
    {
        var r = await Kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", $"involvedObject.name={name},reason={reason}",
            "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}");
        return r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Container ids of the pod's containers and init containers, as status reports them (orca://ID).</summary>
    public async Task<string[]> ContainerIdsAsync(string ns, string pod) =>
        (await GetAsync("pod", pod, "{.status.initContainerStatuses[*].containerID} {.status.containerStatuses[*].containerID}", "-n", ns))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => id.Replace("orca://", "", StringComparison.Ordinal)).ToArray();
}
