using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orca.Runtime.Tests.Images;

/// <summary>
/// Debian's docker-registry on 127.0.0.1:&lt;free port&gt; with its own config and storage in a temp
/// directory; optionally htpasswd-protected (user "orca", password "s3cret"). Dispose kills it by PID
/// and deletes the directory.
/// </summary>
internal sealed class RegistryProcess : IDisposable
{
    public const string User = "orca";
    public const string Password = "s3cret";
    // bcrypt (cost 4) of "s3cret": a constant, so no htpasswd tool is needed.
    private const string PasswordHash = "$2b$04$abcdefghijklmnopqrstuuLZYjhNQAOdpbzt4WxWlUHjv1wsyH5DG";
    private const string Binary = "/usr/bin/docker-registry";

    private readonly Process _process;

    private RegistryProcess(string directory, int port, Process process) =>
        (Directory, Port, _process) = (directory, port, process);

    public string Directory { get; }
    public int Port { get; }
    public string Host => $"127.0.0.1:{Port}";

    public static bool Available => File.Exists(Binary) && File.Exists("/usr/bin/skopeo");

    public static async Task<RegistryProcess> StartAsync(bool withPassword)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("orca-registry-").FullName;
        try
        {
            var port = FreePort();
            var auth = withPassword
                ? $"auth:\n  htpasswd:\n    realm: orca\n    path: {directory}/htpasswd\n"
                : "";
            File.WriteAllText(Path.Combine(directory, "htpasswd"), $"{User}:{PasswordHash}\n");
            File.WriteAllText(Path.Combine(directory, "config.yml"),
                $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {directory}/data\nhttp:\n  addr: 127.0.0.1:{port}\n{auth}");
            var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(Path.Combine(directory, "config.yml"));
            var process = Process.Start(info)!;
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var registry = new RegistryProcess(directory, port, process);
            try
            {
                await registry.WaitReadyAsync();
                return registry;
            }
            catch
            {
                registry.Dispose();
                throw;
            }
        }
        catch when (!System.IO.Directory.Exists(directory))
        {
            throw;
        }
    }

    /// <summary>Pushes an OCI archive with skopeo to &lt;host&gt;/&lt;name&gt;.</summary>
    public async Task PushAsync(string ociArchive, string name, bool all = false)
    {
        var info = new ProcessStartInfo("/usr/bin/skopeo") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--insecure-policy", "copy", "--dest-tls-verify=false" }) info.ArgumentList.Add(arg);
        if (all) info.ArgumentList.Add("--all");
        info.ArgumentList.Add($"--dest-creds={User}:{Password}");
        info.ArgumentList.Add("oci-archive:" + ociArchive);
        info.ArgumentList.Add($"docker://{Host}/{name}");
        info.Environment["TMPDIR"] = Directory;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"skopeo failed: {await stderr}");
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync($"http://{Host}/v2/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
