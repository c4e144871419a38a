namespace Orca.Runtime.Tests.Runtime;

/// <summary>Helpers for tests that run real sandboxes; every sandbox a test creates is removed when the test ends.</summary>
public abstract class RuntimeTestBase(RuntimeFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _sandboxes = [];
    protected RuntimeFixture Fixture { get; } = fixture;
    protected RuncRuntime Runtime => Fixture.Runtime;
    protected static CancellationToken Ct => CancellationToken.None;

    protected PodSandboxConfig Pod(string name, string hostname = "", params PortMapping[] ports) => new()
    {
        Name = name,
        Namespace = "test",
        Uid = Guid.NewGuid().ToString("N"),
        Hostname = hostname,
        LogDirectory = Path.Combine(Fixture.Directory, "logs", name + "-" + Guid.NewGuid().ToString("N")[..6]),
        PortMappings = ports,
        CgroupParent = $"/{Fixture.CgroupRoot}/besteffort/pod{Guid.NewGuid():N}",
    };

    protected async Task<string> RunSandboxAsync(PodSandboxConfig config)
    {
        var id = await Runtime.RunPodSandboxAsync(config, Ct);
        _sandboxes.Add(id);
        return id;
    }

    protected static ContainerConfig Container(string name, params string[] command) => new()
    {
        Name = name,
        Image = "busybox",
        Command = command,
        LogPath = name + "/0.log",
    };

    protected async Task<string> StartContainerAsync(string sandboxId, PodSandboxConfig sandbox, ContainerConfig container)
    {
        var id = await Runtime.CreateContainerAsync(sandboxId, container, sandbox, Ct);
        await Runtime.StartContainerAsync(id, Ct);
        return id;
    }

    protected async Task<ContainerStatus> WaitForExitAsync(string containerId, TimeSpan? timeout = null)
    {
        ContainerStatus? status = null;
        await WaitUntilAsync(async () => (status = await Runtime.ContainerStatusAsync(containerId, Ct))?.State == ContainerState.Exited, timeout);
        return status!;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms; fails the test at the deadline (default 10 s).</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("condition not met before the deadline");
            await Task.Delay(20);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var id in _sandboxes)
            await Runtime.RemovePodSandboxAsync(id, Ct);
    }
}
