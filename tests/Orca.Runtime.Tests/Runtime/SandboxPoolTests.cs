namespace Orca.Runtime.Tests.Runtime;

/// <summary>The pre-started sandbox pool: a pod takes a ready sandbox and it behaves as one made for it.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class SandboxPoolTests(RuntimeFixture fixture) : RuntimeTestBase(fixture)
{
    [Fact]
    public async Task A_pod_takes_a_pooled_sandbox_with_its_own_hostname_cgroup_and_files_and_the_pool_refills()
    {
        await Runtime.StartSandboxPoolAsync(Ct);
        try
        {
            await WaitUntilAsync(() => Task.FromResult(Runtime.PooledSandboxes == Fixture.Options.SandboxPoolSize), TimeSpan.FromSeconds(30));
            Assert.Empty(await Runtime.ListPodSandboxesAsync(Ct));

            var pod = Pod("pooled-web", hostname: "web-0");
            var sandbox = await RunSandboxAsync(pod);
            Assert.Equal(Fixture.Options.SandboxPoolSize - 1, Runtime.PooledSandboxes);
            var client = await StartContainerAsync(sandbox, pod, Container("client", "sleep", "60"));

            var status = (await Runtime.PodSandboxStatusAsync(sandbox, Ct))!;
            Assert.Equal((SandboxState.Ready, "pooled-web"), (status.State, status.Config.Name));
            Assert.Equal([sandbox], (await Runtime.ListPodSandboxesAsync(Ct)).Select(s => s.Id));
            Assert.Equal("web-0\n", await ExecAsync(client, "hostname"));
            Assert.Contains($"{status.Ip}\tweb-0", await ExecAsync(client, "cat", "/etc/hosts"));
            // The infra process was moved into the pod's cgroup (memory hierarchy on v1, the unified one on v2).
            Assert.DoesNotContain("/pool/", File.ReadAllText($"/proc/{InfraPid(sandbox)}/cgroup").Split('\n').Single(l => File.Exists("/sys/fs/cgroup/cgroup.controllers") ? l.StartsWith("0::") : l.Contains(":memory:")));
            await WaitUntilAsync(() => Task.FromResult(Runtime.PooledSandboxes == Fixture.Options.SandboxPoolSize), TimeSpan.FromSeconds(30));

            await Runtime.StopPodSandboxAsync(sandbox, Ct);
            await Runtime.RemovePodSandboxAsync(sandbox, Ct);
            Assert.Empty(RuntimeFixture.CgroupsAt($"/{Fixture.CgroupRoot}/pool/{sandbox}"));
            Assert.Empty(RuntimeFixture.CgroupsAt(status.Config.CgroupParent));
        }
        finally
        {
            await Runtime.StopSandboxPoolAsync();
        }
        Assert.Equal(0, Runtime.PooledSandboxes);
        Assert.Empty(Directory.GetFiles(Path.Combine(Fixture.Options.Root, "netns")));
    }

    [Fact]
    public void Pods_that_need_more_than_a_generic_sandbox_do_not_take_one()
    {
        var plain = Pod("plain");
        Assert.True(RuncRuntime.CanUsePool(plain));
        Assert.False(RuncRuntime.CanUsePool(plain with { Network = NamespaceMode.Node }));
        Assert.False(RuncRuntime.CanUsePool(plain with { Ipc = NamespaceMode.Node }));
        Assert.False(RuncRuntime.CanUsePool(plain with { Pid = NamespaceMode.Node }));
        Assert.False(RuncRuntime.CanUsePool(plain with { PortMappings = [new PortMapping("TCP", 80, 8080)] }));
        Assert.False(RuncRuntime.CanUsePool(plain with { Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "0" } }));
        Assert.False(RuncRuntime.CanUsePool(plain with { Privileged = true }));
    }

    private int InfraPid(string sandbox) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture.Options.Root, "sandboxes", sandbox, "sandbox.json"))).RootElement.GetProperty("infraPid").GetInt32();

    private async Task<string> ExecAsync(string container, params string[] command) =>
        System.Text.Encoding.UTF8.GetString((await Runtime.ExecSyncAsync(container, command, TimeSpan.FromSeconds(5), Ct)).Stdout);
}
