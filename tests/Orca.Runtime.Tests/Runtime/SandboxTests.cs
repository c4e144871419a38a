using System.Net.Sockets;

namespace Orca.Runtime.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class SandboxTests(RuntimeFixture fixture) : RuntimeTestBase(fixture)
{
    [Fact]
    public async Task Sandbox_gets_an_ip_on_the_bridge_that_the_host_reaches()
    {
        var pod = Pod("web");
        var sandbox = await RunSandboxAsync(pod);
        await StartContainerAsync(sandbox, pod, Container("httpd", "httpd", "-f", "-p", "8080", "-h", "/www"));

        var status = await Runtime.PodSandboxStatusAsync(sandbox, Ct);
        Assert.Equal(SandboxState.Ready, status!.State);
        Assert.StartsWith("10.89.0.", status.Ip);
        var body = await HttpGetAsync(status.Ip!, 8080);
        Assert.Contains("hello from busybox", body);
    }

    [Fact]
    public async Task Containers_of_one_pod_share_localhost_and_the_pod_hostname()
    {
        var pod = Pod("pair", hostname: "pair-host");
        var sandbox = await RunSandboxAsync(pod);
        await StartContainerAsync(sandbox, pod, Container("server", "httpd", "-f", "-p", "8081", "-h", "/www"));
        var client = await StartContainerAsync(sandbox, pod, Container("client", "sleep", "60"));

        ExecResult? fetched = null;
        await WaitUntilAsync(async () => (fetched = await Runtime.ExecSyncAsync(client, ["wget", "-q", "-O", "-", "http://127.0.0.1:8081/index.html"], TimeSpan.FromSeconds(5), Ct)).ExitCode == 0);
        Assert.Equal("hello from busybox\n", System.Text.Encoding.UTF8.GetString(fetched!.Stdout));

        var hostname = await Runtime.ExecSyncAsync(client, ["hostname"], TimeSpan.FromSeconds(5), Ct);
        Assert.Equal("pair-host\n", System.Text.Encoding.UTF8.GetString(hostname.Stdout));
        var hostsFile = await Runtime.ExecSyncAsync(client, ["cat", "/etc/hosts"], TimeSpan.FromSeconds(5), Ct);
        Assert.Contains("pair-host", System.Text.Encoding.UTF8.GetString(hostsFile.Stdout));
    }

    [Fact]
    public async Task Host_network_sandbox_uses_the_node_network_and_hostname()
    {
        var pod = Pod("hostnet") with { Network = NamespaceMode.Node };
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sleep", "60"));

        var status = await Runtime.PodSandboxStatusAsync(sandbox, Ct);
        Assert.Equal((SandboxState.Ready, null), (status!.State, status.Ip));
        var hostname = await Runtime.ExecSyncAsync(id, ["hostname"], TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(System.Net.Dns.GetHostName() + "\n", System.Text.Encoding.UTF8.GetString(hostname.Stdout));
        var links = await Runtime.ExecSyncAsync(id, ["cat", "/proc/net/dev"], TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(File.ReadAllLines("/proc/net/dev").Length, System.Text.Encoding.UTF8.GetString(links.Stdout).TrimEnd('\n').Split('\n').Length);
    }

    [Theory]
    [InlineData(NamespaceMode.Pod, true)]
    [InlineData(NamespaceMode.Container, false)]
    public async Task Pid_namespace_is_shared_only_when_the_pod_asks(NamespaceMode pid, bool shared)
    {
        var pod = Pod("pids") with { Pid = pid };
        var sandbox = await RunSandboxAsync(pod);
        await StartContainerAsync(sandbox, pod, Container("first", "sleep", "61"));
        var second = await StartContainerAsync(sandbox, pod, Container("second", "sleep", "62"));

        var ps = await Runtime.ExecSyncAsync(second, ["ps", "-o", "args"], TimeSpan.FromSeconds(5), Ct);
        var processes = System.Text.Encoding.UTF8.GetString(ps.Stdout);
        Assert.Equal(shared, processes.Contains("sleep 61"));
        Assert.Equal(shared, processes.Contains("/catatonit -P"));
        Assert.Contains("sleep 62", processes);
    }

    [Fact]
    public async Task Host_port_mapping_reaches_the_pod_on_localhost()
    {
        var hostPort = FreePort();
        var pod = Pod("ports", ports: new PortMapping("TCP", 8082, hostPort));
        var sandbox = await RunSandboxAsync(pod);
        await StartContainerAsync(sandbox, pod, Container("httpd", "httpd", "-f", "-p", "8082", "-h", "/www"));

        var status = await Runtime.PodSandboxStatusAsync(sandbox, Ct);
        await HttpGetAsync(status!.Ip!, 8082);
        var body = await HttpGetAsync("127.0.0.1", hostPort);
        Assert.Contains("hello from busybox", body);
    }

    [Fact]
    public async Task Port_forward_reaches_a_server_listening_on_the_pod_loopback()
    {
        var pod = Pod("forward");
        var sandbox = await RunSandboxAsync(pod);
        await StartContainerAsync(sandbox, pod, Container("httpd", "httpd", "-f", "-p", "127.0.0.1:8083", "-h", "/www"));

        string? response = null;
        await WaitUntilAsync(async () =>
        {
            try
            {
                await using var stream = await Runtime.PortForwardAsync(sandbox, 8083, Ct);
                await stream.WriteAsync("GET /index.html HTTP/1.0\r\n\r\n"u8.ToArray());
                response = await new StreamReader(stream).ReadToEndAsync();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        });
        Assert.Contains("hello from busybox", response);
    }

    [Fact]
    public async Task A_new_runtime_over_the_same_root_recovers_sandboxes_and_containers()
    {
        var pod = Pod("recover");
        var sandbox = await RunSandboxAsync(pod);
        var container = await StartContainerAsync(sandbox, pod, Container("sleeper", "sleep", "60"));

        var restarted = Fixture.NewRuntimeOverSameRoot();
        var sandboxes = await restarted.ListPodSandboxesAsync(Ct);
        Assert.Contains(sandboxes, s => s.Id == sandbox && s.State == SandboxState.Ready && s.Config.Name == "recover");
        var containers = await restarted.ListContainersAsync(sandbox, Ct);
        var status = Assert.Single(containers);
        Assert.Equal((container, ContainerState.Running), (status.Id, status.State));
        var exec = await restarted.ExecSyncAsync(container, ["echo", "still here"], TimeSpan.FromSeconds(5), Ct);
        Assert.Equal("still here\n", System.Text.Encoding.UTF8.GetString(exec.Stdout));
    }

    [Fact]
    public async Task Stop_and_remove_leave_no_netns_mount_or_cgroup()
    {
        var pod = Pod("cleanup");
        var sandbox = await Runtime.RunPodSandboxAsync(pod, Ct);
        await StartContainerAsync(sandbox, pod, Container("sleeper", "sleep", "60"));

        await Runtime.StopPodSandboxAsync(sandbox, Ct);
        Assert.Equal(SandboxState.NotReady, (await Runtime.PodSandboxStatusAsync(sandbox, Ct))!.State);
        Assert.All(await Runtime.ListContainersAsync(sandbox, Ct), c => Assert.Equal(ContainerState.Exited, c.State));
        await Runtime.RemovePodSandboxAsync(sandbox, Ct);
        await Runtime.RemovePodSandboxAsync(sandbox, Ct);

        Assert.Null(await Runtime.PodSandboxStatusAsync(sandbox, Ct));
        Assert.Empty(await Runtime.ListContainersAsync(sandbox, Ct));
        Assert.Empty(RuntimeFixture.MountsBelow(Path.Combine(Fixture.Options.Root, "containers")));
        Assert.DoesNotContain(RuntimeFixture.MountsBelow(Fixture.Options.Root), m => m.Contains(sandbox));
        Assert.Empty(RuntimeFixture.CgroupsAt(pod.CgroupParent));
        Assert.False(File.Exists(Path.Combine(Fixture.Options.Root, "netns", "orca-" + sandbox)));
    }

    private static async Task<string> HttpGetAsync(string host, int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        string? body = null;
        await WaitUntilAsync(async () =>
        {
            try
            {
                body = await http.GetStringAsync($"http://{host}:{port}/index.html");
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        });
        return body!;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
