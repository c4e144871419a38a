using System.Diagnostics;
using System.Globalization;

namespace Orca.E2E.Tests;

/// <summary>`orca agent` as its own process against an `orca server --disable-agent`.</summary>
public sealed class StandaloneAgentTests
{
    [Fact]
    public async Task An_agent_started_while_the_API_server_is_down_keeps_trying_and_registers_once_it_is_up()
    {
        var bridge = "orcas" + Guid.NewGuid().ToString("N")[..6];
        await using var server = await OrcaServer.StartAsync();
        using var kubectl = new Kubectl(server);
        var agentData = Path.Combine(server.DataDir, "agent");
        await server.StopProcessAsync();

        var psi = new ProcessStartInfo(OrcaServer.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "agent", "--server", $"https://127.0.0.1:{server.Port}", "--token", File.ReadAllText(Path.Combine(server.DataDir, "pki", "admin.token")).Trim(),
            "--ca-file", Path.Combine(server.DataDir, "pki", "ca.crt"), "--data-dir", agentData, "--node-name", "standalone",
            "--bridge", bridge, "--pod-cidr", $"10.95.{Random.Shared.Next(1, 250)}.0/24", "--ip-masq=false",
            "--agent-port", OrcaServer.FreePort().ToString(CultureInfo.InvariantCulture),
        })
            psi.ArgumentList.Add(a);
        using var agent = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        agent.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        agent.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(Text(output).Contains("retrying", StringComparison.Ordinal) || agent.HasExited),
                TimeSpan.FromSeconds(30), "the agent reports the failed registration", () => Text(output));
            Assert.False(agent.HasExited, Text(output));

            await server.StartProcessAsync();
            await Eventually.HoldsAsync(async () => (await kubectl.RunAsync("get", "node", "standalone", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).Out == "True",
                TimeSpan.FromSeconds(60), "node registered and Ready", () => Text(output));
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
            NodeSweep.Run(agentData, bridge);
        }
    }

    private static string Text(System.Text.StringBuilder b)
    {
        lock (b) return b.ToString();
    }
}
