using System.Diagnostics;

namespace Orca.E2E.Tests;

/// <summary>`--runtime runc|crun`: a runtime the host cannot run is refused at start, before anything listens.</summary>
public sealed class RuntimeFlagTests
{
    [Fact]
    public async Task Crun_on_a_cgroup_v1_host_and_an_unknown_runtime_stop_the_server_with_a_clear_error()
    {
        // On a cgroup v2 host crun is a valid choice; this machine kind is cgroup v1.
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers")) return;
        var crun = await RunServerAsync("crun");
        Assert.Equal(2, crun.ExitCode);
        Assert.Contains("--runtime crun: the OCI runtime crun needs cgroup v2", crun.Stderr);
        Assert.DoesNotContain("API server listening", crun.Stdout);

        var unknown = await RunServerAsync("youki");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--runtime youki: unknown OCI runtime (use runc or crun)", unknown.Stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunServerAsync(string runtime)
    {
        var dir = Directory.CreateTempSubdirectory("orca-e2e-runtime-").FullName;
        try
        {
            var psi = new ProcessStartInfo(OrcaServer.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "server", "--data-dir", dir, "--port", OrcaServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--runtime", runtime })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await p.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
            return (p.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
