using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Agent.Streaming;
using Orca.ApiServer;
using Orca.Storage.Memory;

namespace Orca.Agent.Tests.Streaming;

/// <summary>
/// The real /usr/bin/kubectl port-forward through an in-process API server (its pods/portforward
/// proxy) to the agent's streaming server, whose fake runtime dials a local HTTP server as the
/// pod's port 80. Both transports: the WebSocket tunnel (1.32's default) and the SPDY upgrade.
/// </summary>
public sealed partial class KubectlPortForwardTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orca-portforward-").FullName;
    private readonly PortForwardRuntime _runtime = new();
    private readonly List<Process> _kubectls = [];
    private OrcaApiServer _server = null!;
    private StreamingServer _agent = null!;

    public async Task InitializeAsync()
    {
        _server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = Path.Combine(_dir, "server"), Port = 0 }, new MemoryStore(),
            TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        _agent = await StreamingServer.StartAsync(IPAddress.Loopback, 0, X509Certificate2.CreateFromPem(_server.CaPem), _runtime,
            NullLoggerFactory.Instance, CancellationToken.None);
        await KubectlAsync(["apply", "-f", "-"], "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n");
        await KubectlAsync(["patch", "node", "n1", "--subresource=status", "--type=merge", "-p",
            """{"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":""" + _agent.Port + "}}}}"]);
        await KubectlAsync(["apply", "-f", "-"],
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  nodeName: n1\n  containers:\n  - name: c\n    image: busybox\n");
        await KubectlAsync(["patch", "pod", "web", "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Running"}}"""]);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Kubectl_port_forward_carries_requests_to_the_pod_port(string websockets)
    {
        var kubectl = StartKubectl(websockets, ":80");
        var port = await LocalPortAsync(kubectl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 3; i++)
        {
            string body;
            try
            {
                body = await http.GetStringAsync($"http://127.0.0.1:{port}/hello/{i}");
            }
            catch (HttpRequestException e)
            {
                kubectl.Kill();
                Assert.Fail($"request {i} failed: {e.Message}\nkubectl: {await kubectl.StandardError.ReadToEndAsync()}");
                return;
            }
            Assert.StartsWith($"pod saw: GET /hello/{i} HTTP/1.1\n", body);
            Assert.Equal(PortForwardRuntime.BodySize, body.Count(c => c == 'x'));
        }
        Assert.Equal(3, _runtime.Connections);
        Assert.False(kubectl.HasExited, "kubectl should keep forwarding");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_port_nobody_listens_on_ends_kubectl_with_the_agents_error(string websockets)
    {
        var kubectl = StartKubectl(websockets, ":9999");
        var port = await LocalPortAsync(kubectl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{port}/"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await kubectl.WaitForExitAsync(deadline.Token);
        var stderr = await kubectl.StandardError.ReadToEndAsync();
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("error forwarding port 9999 to pod sandbox-1, uid uid-1", stderr);
    }

    private Process StartKubectl(string websockets, string ports)
    {
        var psi = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "port-forward", "pod/web", ports }) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = _server.KubeconfigPath;
        psi.Environment["HOME"] = _dir;
        psi.Environment["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = websockets;
        var process = Process.Start(psi)!;
        _kubectls.Add(process);
        return process;
    }

    /// <summary>Reads kubectl's "Forwarding from 127.0.0.1:NNNN -> 80" line.</summary>
    private static async Task<int> LocalPortAsync(Process kubectl)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (await kubectl.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            seen.Add(line);
            if (ForwardingLine().Match(line) is { Success: true } m) return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Fail($"kubectl did not start forwarding: {string.Join("\n", seen)}\n{await kubectl.StandardError.ReadToEndAsync()}");
        return 0;
    }

    private async Task KubectlAsync(string[] args, string? stdin = null)
    {
        var psi = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = _server.KubeconfigPath;
        psi.Environment["HOME"] = _dir;
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(deadline.Token);
        Assert.True(p.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {await stdout}{await stderr}");
    }

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+) ->")]
    private static partial Regex ForwardingLine();

    public async Task DisposeAsync()
    {
        foreach (var kubectl in _kubectls)
        {
            if (!kubectl.HasExited) kubectl.Kill();
            await kubectl.WaitForExitAsync();
            kubectl.Dispose();
        }
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
