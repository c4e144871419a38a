using Microsoft.Extensions.Logging.Abstractions;
using Orca.Agent.Images;
using Orca.Agent.Tests.Fakes;
using Orca.Runtime;

namespace Orca.Agent.Tests;

public sealed class ImageGarbageCollectionTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeImages _images = new();
    private readonly FakeRuntime _runtime;
    private readonly List<(string Type, string Reason, string Message)> _events = [];
    private long _available = 500;

    public ImageGarbageCollectionTests() => _runtime = new FakeRuntime(_clock);

    private ImageGarbageCollector Collector(AgentOptions? options = null) => new(_images, _runtime,
        _ => Task.FromResult(new ImageFsInfo("/images", 1000 - _available, 1000, _available)),
        options ?? new AgentOptions(), (type, reason, message) => _events.Add((type, reason, message)), _clock, NullLogger.Instance);

    private async Task<string> RunContainerAsync(string image)
    {
        var sandbox = await _runtime.RunPodSandboxAsync(new PodSandboxConfig { Name = "p", Namespace = "default", Uid = "u" }, CancellationToken.None);
        var id = await _runtime.CreateContainerAsync(sandbox, new ContainerConfig { Name = image, Image = image }, new PodSandboxConfig { Name = "p", Namespace = "default", Uid = "u" }, CancellationToken.None);
        await _runtime.StartContainerAsync(id, CancellationToken.None);
        return id;
    }

    private List<string> Left() => _images.Locked(i => i.ListImagesAsync(CancellationToken.None).Result.Select(x => x.RepoTags[0]).Order().ToList());

    [Fact]
    public async Task Under_the_high_threshold_nothing_is_removed()
    {
        var gc = Collector();
        _images.Add("a:1", 100);
        _available = 160; // 84% used
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await gc.CollectAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await gc.CollectAsync(CancellationToken.None));
        Assert.Equal(["a:1"], Left());
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Over_the_high_threshold_unused_images_go_least_recently_used_first_until_under_the_low_threshold()
    {
        var gc = Collector();
        _images.Add("a:1", 100);
        _images.Add("b:1", 200);
        _images.Add("used:1", 400);
        var old = await RunContainerAsync("b:1");
        await RunContainerAsync("used:1");
        await gc.CollectAsync(CancellationToken.None);              // t0: a, b, used detected; b and used in use
        await _runtime.RemoveContainerAsync(old, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        _images.Add("c:1", 300);
        await gc.CollectAsync(CancellationToken.None);              // t0+1m: c detected
        _clock.Advance(TimeSpan.FromMinutes(3));

        _available = 100;                                           // 90% used: free 1000·20% − 100 = 100 bytes
        Assert.Equal(100, await gc.CollectAsync(CancellationToken.None));
        Assert.Equal(["b:1", "c:1", "used:1"], Left());             // a: never used, detected first

        _available = 50;                                            // free 150: c (never used) before b (used at t0)
        Assert.Equal(300, await gc.CollectAsync(CancellationToken.None));
        Assert.Equal(["b:1", "used:1"], Left());
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Images_younger_than_the_minimum_age_stay_and_a_shortfall_is_a_node_event()
    {
        var gc = Collector();
        _images.Add("new:1", 100);
        _images.Add("used:1", 400);
        await RunContainerAsync("used:1");
        _available = 50;                                            // 95% used: free 150 bytes

        Assert.Equal(0, await gc.CollectAsync(CancellationToken.None));
        Assert.Equal(["new:1", "used:1"], Left());
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(100, await gc.CollectAsync(CancellationToken.None));
        Assert.Equal(["used:1"], Left());
        Assert.Equal(
        [
            ("Warning", "FreeDiskSpaceFailed", "Failed to garbage collect required amount of images. Attempted to free 150 bytes, but only found 0 bytes eligible to free."),
            ("Warning", "FreeDiskSpaceFailed", "Failed to garbage collect required amount of images. Attempted to free 150 bytes, but only found 100 bytes eligible to free."),
        ], _events);
    }

    [Fact]
    public async Task The_loop_runs_every_gc_period_on_the_injected_clock()
    {
        var gc = Collector(new AgentOptions { ImageGCPeriod = TimeSpan.FromMinutes(5), ImageMinimumGCAge = TimeSpan.Zero });
        _images.Add("a:1", 100);
        _available = 100;
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => gc.RunAsync(stop.Token));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Left().Count > 0 && DateTime.UtcNow < deadline)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        Assert.Empty(Left());
        Assert.True(_clock.GetUtcNow() - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) >= TimeSpan.FromMinutes(5));
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task On_a_real_image_store_an_unused_image_is_removed_with_its_blobs_and_the_used_one_stays()
    {
        var dir = Directory.CreateTempSubdirectory("orca-imagegc-").FullName;
        try
        {
            using var store = new Runtime.Images.ImageStore(new Runtime.Images.ImageStoreOptions { Root = dir }, _clock);
            static byte[] Layer(string name) => Runtime.Tests.TestImages.LayerTar(w => Runtime.Tests.TestImages.File(w, name, System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000)));
            var unused = (await store.ImportAsync(Runtime.Tests.TestImages.BuildOci("gc/unused:1", [Layer("unused")]).OpenTar(), CancellationToken.None)).Single();
            var used = (await store.ImportAsync(Runtime.Tests.TestImages.BuildOci("gc/used:1", [Layer("used-image")]).OpenTar(), CancellationToken.None)).Single();
            var runtime = new UsingRuntime(_runtime, used.Id);
            var before = (await store.ImageFsInfoAsync(CancellationToken.None)).UsedBytes;
            var gc = new ImageGarbageCollector(store, runtime, _ => Task.FromResult(new ImageFsInfo(dir, 900, 1000, 100)),
                new AgentOptions { ImageMinimumGCAge = TimeSpan.Zero }, (type, reason, message) => _events.Add((type, reason, message)), _clock, NullLogger.Instance);

            var freed = await gc.CollectAsync(CancellationToken.None);

            Assert.Equal(unused.Size, freed);
            Assert.Equal([used.Id], (await store.ListImagesAsync(CancellationToken.None)).Select(i => i.Id));
            var after = (await store.ImageFsInfoAsync(CancellationToken.None)).UsedBytes;
            Assert.True(before - after >= 200_000, $"the store shrank by {before - after} bytes");
            Assert.NotEmpty((await store.UnpackAsync("gc/used:1", CancellationToken.None)).LayerDirectories);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The fake runtime with one container whose image is a real store's image id.</summary>
    private sealed class UsingRuntime(FakeRuntime inner, string imageId) : IRuntimeService
    {
        public string RuntimeName => inner.RuntimeName;
        public string RuntimeVersion => inner.RuntimeVersion;
        public Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(string? sandboxId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ContainerStatus>>([new ContainerStatus { Id = "c", SandboxId = "s", Config = new ContainerConfig { Name = "app", Image = "gc/used:1" }, ImageRef = imageId, State = ContainerState.Exited }]);
        public Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<PodSandboxStatus?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> CreateContainerAsync(string sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IStreamSession> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IStreamSession> AttachAsync(string containerId, bool stdin, bool tty, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<Stream> PortForwardAsync(string sandboxId, int port, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ContainerStats?> ContainerStatsAsync(string containerId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(85, 80, null)]
    [InlineData(100, 80, null)]
    [InlineData(80, 80, "imageGCLowThresholdPercent (--image-gc-low-threshold) must be less than imageGCHighThresholdPercent (--image-gc-high-threshold)")]
    [InlineData(101, 80, "imageGCHighThresholdPercent (--image-gc-high-threshold) must be between 0 and 100, got 101")]
    [InlineData(85, -1, "imageGCLowThresholdPercent (--image-gc-low-threshold) must be between 0 and 100, got -1")]
    public void Thresholds_are_validated(int high, int low, string? error)
    {
        var options = new AgentOptions { ImageGCHighThresholdPercent = high, ImageGCLowThresholdPercent = low };
        if (error is null) options.Validate();
        else Assert.Equal(error, Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
