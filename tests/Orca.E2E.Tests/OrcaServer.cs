using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Orca.E2E.Tests;

/// <summary>
/// A real `orca server` process on a temp data dir and a free port, as a user runs it. Stopped
/// (SIGTERM, then SIGKILL) and its data dir removed on dispose, also when a test fails.
/// </summary>
public sealed partial class OrcaServer : IAsyncDisposable
{
    private Process? _process;
    private readonly bool _ownsDataDir;
    private string[] _agentArgs = [];

    /// <summary>The agent flags the next <see cref="StartProcessAsync"/> passes (["--disable-agent"] for none).</summary>
    public IReadOnlyList<string> AgentArgs
    {
        get => _agentArgs;
        set => _agentArgs = [.. value];
    }

    private OrcaServer(string dataDir, int port, bool ownsDataDir)
    {
        DataDir = dataDir;
        Port = port;
        _ownsDataDir = ownsDataDir;
    }

    public string DataDir { get; }
    public int Port { get; }
    public string Kubeconfig => Path.Combine(DataDir, "kubeconfig");
    public int ProcessId => _process?.Id ?? 0;
    public bool IsRunning => _process is { HasExited: false };
    public string Output => _output.ToString();
    private readonly System.Text.StringBuilder _output = new();

    public static string Binary
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("ORCA_BIN");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "orca"))) dir = dir.Parent;
            return dir is null ? throw new InvalidOperationException("ORCA_BIN is not set and the repo root was not found")
                : Path.Combine(dir.FullName, ".build", "orca", "orca");
        }
    }

    /// <summary>
    /// Starts a server. Without <paramref name="agentArgs"/> the node agent and the scheduler are disabled
    /// (most tests need no node, and a scheduler without nodes would only add status writes and events to
    /// their pods); tests that run real pods pass their own agent flags (bridge, pod CIDR, port).
    /// </summary>
    public static async Task<OrcaServer> StartAsync(string? dataDir = null, int? port = null, string[]? agentArgs = null)
    {
        var owns = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("orca-e2e-").FullName;
        var server = new OrcaServer(dataDir, port ?? FreePort(), owns) { _agentArgs = agentArgs ?? ["--disable-agent", "--disable-scheduler"] };
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Starts (or restarts) the process and waits until /readyz answers and the kubeconfig exists.</summary>
    public async Task StartProcessAsync()
    {
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "server", "--data-dir", DataDir, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(_agentArgs))
            psi.ArgumentList.Add(a);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (e.Data.StartsWith("export KUBECONFIG=", StringComparison.Ordinal)) ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (done != ready.Task) throw new InvalidOperationException($"orca server did not start:\n{Output}");
    }

    /// <summary>Stops the process: SIGTERM and wait, or SIGKILL at once when <paramref name="kill"/>.</summary>
    public async Task StopProcessAsync(bool kill = false)
    {
        if (_process is null || _process.HasExited) return;
        if (kill)
        {
            _process.Kill();
        }
        else
        {
            Signal(_process.Id, 15);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        if (_ownsDataDir)
        {
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768+): a port the kernel hands out for
    /// port 0 is also what it hands to outgoing connections, so a server restarted on it after
    /// kill -9 could find it taken by a client socket. Random in 20000–32767, checked by binding.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 32768);
            try
            {
                using var l = new TcpListener(IPAddress.Loopback, port);
                l.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
            }
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Signal(int pid, int sig);

    /// <summary>An HttpClient for raw API calls: trusts only the cluster CA, sends the admin token.</summary>
    public HttpClient CreateHttpClient(bool authenticated = true)
    {
        var text = File.ReadAllText(Kubeconfig);
        var ca = Convert.FromBase64String(CaData().Match(text).Groups[1].Value);
        var caCert = X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(ca));
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    if (cert is null) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(caCert);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{Port}") };
        if (authenticated) client.DefaultRequestHeaders.Authorization = new("Bearer", Token().Match(text).Groups[1].Value);
        return client;
    }

    [GeneratedRegex("certificate-authority-data: \"?([A-Za-z0-9+/=]+)\"?")]
    private static partial Regex CaData();

    [GeneratedRegex("token: \"?([A-Za-z0-9_\\-]+)\"?")]
    private static partial Regex Token();
}
