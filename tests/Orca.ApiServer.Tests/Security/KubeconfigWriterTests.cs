using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Orca.ApiServer.Security;

namespace Orca.ApiServer.Tests.Security;

public sealed class KubeconfigWriterTests : IDisposable
{
    private const string Kubectl = "/usr/bin/kubectl";

    private readonly TempDir _dir = new();
    private readonly ClusterPki _pki;

    public KubeconfigWriterTests() => _pki = ClusterPki.LoadOrCreate(_dir.Path, [], TimeProvider.System);

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Writes_an_owner_only_kubeconfig_with_ca_token_and_client_certificate()
    {
        var path = Path.Combine(_dir.Path, "kube", "config");

        KubeconfigWriter.Write(path, "https://127.0.0.1:6443", _pki);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var text = File.ReadAllText(path);
        Assert.Contains("server: \"https://127.0.0.1:6443\"", text);
        Assert.Contains($"certificate-authority-data: {Base64(_pki.CaPem)}", text);
        Assert.Contains($"token: \"{_pki.AdminToken}\"", text);
        Assert.Contains($"client-certificate-data: {Base64(_pki.AdminClientCertPem)}", text);
        Assert.Contains($"client-key-data: {Base64(_pki.AdminClientKeyPem)}", text);
        Assert.Contains("current-context: \"orca\"", text);
    }

    /// <summary>
    /// The real kubectl must trust the CA and authenticate with whichever credential the kubeconfig holds.
    /// The /usr/bin/kubectl dispatcher itself calls GET /version first, so that endpoint answers only
    /// authenticated callers here and a 401 would fail the command.
    /// </summary>
    [Theory]
    [InlineData("both")]
    [InlineData("token")]
    [InlineData("cert")]
    public async Task Kubectl_trusts_the_ca_and_authenticates(string credentials)
    {
        if (!File.Exists(Kubectl))
        {
            return; // kubectl is not installed on this machine
        }

        await using var server = await TlsTestServer.StartAsync(_pki);
        var kubeconfig = Path.Combine(_dir.Path, $"kubeconfig-{credentials}");
        KubeconfigWriter.Write(kubeconfig, server.BaseAddress.ToString().TrimEnd('/'), _pki);
        var lines = File.ReadAllLines(kubeconfig).Where(line => credentials switch
        {
            "token" => !line.Contains("client-certificate-data") && !line.Contains("client-key-data"),
            "cert" => !line.Contains("token:"),
            _ => true,
        });
        File.WriteAllLines(kubeconfig, lines);

        var (exitCode, stdout, stderr) = await RunKubectlAsync("--kubeconfig", kubeconfig, "version", "-o", "json");

        Assert.True(exitCode == 0, $"kubectl exited {exitCode}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("v1.32.0", json.RootElement.GetProperty("serverVersion").GetProperty("gitVersion").GetString());
        Assert.NotEmpty(server.Seen);
        Assert.All(server.Seen, r => Assert.Equal("kubernetes-admin", r.User?.Name));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunKubectlAsync(params string[] args)
    {
        var home = Path.Combine(_dir.Path, "home");
        Directory.CreateDirectory(home);
        var start = new ProcessStartInfo(Kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}
