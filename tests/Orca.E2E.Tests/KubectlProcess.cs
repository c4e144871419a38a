using System.Diagnostics;
using System.Text;

namespace Orca.E2E.Tests;

/// <summary>
/// A long-running kubectl (logs -f, attach, get -w), optionally inside `script` so that kubectl has a
/// terminal. Its output is collected as it arrives; tests wait for text with a deadline and write to
/// its stdin. Dispose kills the process tree this test started, if it still runs.
/// </summary>
public sealed class KubectlProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _readers;

    private KubectlProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    /// <summary>Everything kubectl wrote so far (stdout and stderr interleaved as they came).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static KubectlProcess Start(Kubectl kubectl, OrcaServer server, params string[] args) => Start(kubectl, server, terminal: false, args);

    /// <summary>Starts kubectl with <paramref name="args"/>; with <paramref name="terminal"/> under `script` (a pty).</summary>
    public static KubectlProcess Start(Kubectl kubectl, OrcaServer server, bool terminal, params string[] args)
    {
        var psi = new ProcessStartInfo(terminal ? "script" : "/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (terminal)
        {
            foreach (var a in new[] { "-qec", "/usr/bin/kubectl " + string.Join(' ', args.Select(Quote)), "/dev/null" }) psi.ArgumentList.Add(a);
        }
        else
        {
            foreach (var a in args) psi.ArgumentList.Add(a);
        }
        psi.Environment["KUBECONFIG"] = server.Kubeconfig;
        psi.Environment["HOME"] = kubectl.Home;
        return new KubectlProcess(Process.Start(psi)!);
    }

    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public Task WaitForAsync(string text, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), timeout ?? TimeSpan.FromSeconds(30),
            $"kubectl output containing \"{text}\"; so far:\n{Output}");

    /// <summary>Waits for kubectl to exit by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"kubectl did not exit within {timeout}; output:\n{Output}");
        }
        await _readers;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await _readers;
        _process.Dispose();
    }

    private async Task Pump(StreamReader reader)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_output) _output.Append(buffer, 0, n);
        }
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
