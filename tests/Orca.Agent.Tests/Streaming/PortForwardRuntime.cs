using System.Net;
using System.Net.Sockets;
using System.Text;
using Orca.Runtime;

namespace Orca.Agent.Tests.Streaming;

/// <summary>
/// A runtime with one ready sandbox for pod default/web whose port 80 is a local HTTP server
/// (answers every request with its request line and a body of <see cref="BodySize"/> bytes, then
/// closes); every other port refuses connections. Only the members port-forward uses work.
/// </summary>
internal sealed class PortForwardRuntime : IRuntimeService, IAsyncDisposable
{
    public const int BodySize = 300_000;
    private readonly TcpListener _http = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly int _closedPort;

    public PortForwardRuntime()
    {
        _http.Start();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _serving = ServeAsync();
    }

    public int Connections;
    public string RuntimeName => "fake";
    public string RuntimeVersion => "0";

    public Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken)
    {
        var config = new PodSandboxConfig
        {
            Name = "web", Namespace = "default", Uid = "uid-1",
            Labels = new Dictionary<string, string> { ["io.kubernetes.pod.name"] = "web", ["io.kubernetes.pod.namespace"] = "default", ["io.kubernetes.pod.uid"] = "uid-1" },
        };
        return Task.FromResult<IReadOnlyList<PodSandboxStatus>>([new PodSandboxStatus("sandbox-1", config, SandboxState.Ready, DateTimeOffset.UtcNow, "10.0.0.5", [])]);
    }

    public async Task<Stream> PortForwardAsync(string sandboxId, int port, CancellationToken cancellationToken)
    {
        Assert.Equal("sandbox-1", sandboxId);
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port == 80 ? ((IPEndPoint)_http.LocalEndpoint).Port : _closedPort, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return client.GetStream();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var client = await _http.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref Connections);
                _ = AnswerAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var requestLine = await reader.ReadLineAsync() ?? "";
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
            var body = Encoding.ASCII.GetBytes($"pod saw: {requestLine}\n" + new string('x', BodySize));
            var head = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _http.Stop();
        await _serving;
    }

    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<PodSandboxStatus?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<string> CreateContainerAsync(string sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(string? sandboxId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ContainerStatus>>([]);
    public Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IStreamSession> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IStreamSession> AttachAsync(string containerId, bool stdin, bool tty, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<ContainerStats?> ContainerStatsAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
