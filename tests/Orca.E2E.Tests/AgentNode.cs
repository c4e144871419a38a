using System.Diagnostics;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// An `orca server` whose node agent runs real pods on a bridge, a pod subnet (10.92.x.0/24 unless the
/// caller names one) and an agent port of its own, with busybox:e2e imported and the node Ready. The one
/// set-up of every E2E class that runs real pods. Dispose deletes the pods, stops the server and sweeps
/// what its agent left on the host, also after a failed start.
/// </summary>
public sealed class AgentNode : IAsyncDisposable
{
    public const string Name = "e2e-node";

    private AgentNode(OrcaServer server, string bridge, string nodeName)
    {
        Server = server;
        Bridge = bridge;
        NodeName = nodeName;
        Kubectl = new Kubectl(server);
    }

    public string NodeName { get; }

    public OrcaServer Server { get; }
    public Kubectl Kubectl { get; }
    public string Bridge { get; }

    /// <param name="bridgePrefix">Five letters naming the test class's bridges (a random suffix is added).</param>
    /// <param name="agentArgs">More agent flags (registries, thresholds).</param>
    public static Task<AgentNode> StartAsync(string bridgePrefix, params string[] agentArgs) =>
        StartOnAsync(bridgePrefix, Name, $"10.92.{Random.Shared.Next(1, 250)}.0/24", agentArgs);

    /// <param name="nodeName">The node's name.</param>
    /// <param name="subnet">The node's pod CIDR (a /24 no other test uses at the same time).</param>
    public static async Task<AgentNode> StartOnAsync(string bridgePrefix, string nodeName, string subnet, params string[] agentArgs)
    {
        var bridge = bridgePrefix + Guid.NewGuid().ToString("N")[..6];
        var server = await OrcaServer.StartAsync(agentArgs:
            ["--node-name", nodeName, "--bridge", bridge, "--pod-cidr", subnet, "--ip-masq=false",
             "--agent-port", OrcaServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), .. agentArgs]);
        var node = new AgentNode(server, bridge, nodeName);
        try
        {
            var tar = TestImages.BuildBusybox("docker.io/library/busybox:e2e").WriteTar(server.DataDir, "busybox.tar");
            using var import = Process.Start(new ProcessStartInfo(OrcaServer.Binary) { ArgumentList = { "image", "import", tar, "--data-dir", server.DataDir }, RedirectStandardOutput = true })!;
            await import.WaitForExitAsync();
            Assert.Equal(0, import.ExitCode);
            await Eventually.HoldsAsync(async () => (await node.Kubectl.RunAsync("get", "node", nodeName, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).Out == "True",
                TimeSpan.FromSeconds(60), $"node {nodeName} Ready");
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Server.IsRunning)
                await Kubectl.RunAsync(["delete", "pods", "--all", "--all-namespaces", "--grace-period=1", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70));
        }
        finally
        {
            Kubectl.Dispose();
            await Server.StopProcessAsync();
            NodeSweep.Run(Server.DataDir, Bridge);
            await Server.DisposeAsync();
        }
    }
}
