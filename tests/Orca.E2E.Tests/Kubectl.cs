using System.Diagnostics;

namespace Orca.E2E.Tests;

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public string Out => Stdout.TrimEnd();

    public KubectlResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}):\n{Stdout}\n{Stderr}");
        return this;
    }
}

/// <summary>
/// The real /usr/bin/kubectl against a server, with its own HOME (so its discovery and openapi
/// caches belong to the test) and the server's kubeconfig.
/// </summary>
public sealed class Kubectl(OrcaServer server) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("orca-kubectl-").FullName;

    public string Home => _home;

    public async Task<KubectlResult> RunAsync(string[] args, string? stdin = null, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = server.Kubeconfig;
        psi.Environment["HOME"] = _home;
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        return new KubectlResult(p.ExitCode, await stdout, await stderr);
    }

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, null);

    public Task<KubectlResult> ApplyAsync(string yaml, params string[] extra) => RunAsync(["apply", "-f", "-", .. extra], yaml);

    public void Dispose()
    {
        try { Directory.Delete(_home, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One server (no agent, no scheduler; controllers on) for a class of tests (each test uses its own namespace).</summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly string[] _args;

    public ServerFixture() : this(["--disable-agent", "--disable-scheduler"]) { }

    protected ServerFixture(string[] args) => _args = args;

    public OrcaServer Server { get; private set; } = null!;
    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OrcaServer.StartAsync(agentArgs: _args);
        Kubectl = new Kubectl(Server);
    }

    public async Task DisposeAsync()
    {
        Kubectl.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await Kubectl.RunAsync(["create", "-f", "-"], $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")).ShouldSucceed();
        return name;
    }
}

/// <summary>A server with the API only (no agent, scheduler or controllers): objects stay exactly as they are stored.</summary>
public sealed class ApiOnlyServerFixture() : ServerFixture(["--disable-agent", "--disable-scheduler", "--disable-controllers"]);
