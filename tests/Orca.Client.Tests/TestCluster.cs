using Microsoft.Extensions.Logging.Abstractions;
using Orca.ApiServer;
using Orca.Storage.Memory;

namespace Orca.Client.Tests;

/// <summary>A real in-process API server (memory store, temp dir, free port) and an admin client; dispose removes both.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly string _dir;

    private TestCluster(string dir, OrcaApiServer server, KubeClient client)
    {
        _dir = dir;
        Server = server;
        Client = client;
    }

    public OrcaApiServer Server { get; }
    public KubeClient Client { get; }

    public static async Task<TestCluster> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("orca-client-test-").FullName;
        try
        {
            var server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, new MemoryStore(),
                TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
            var client = new KubeClient(new KubeClientOptions { Server = server.Url, CaPem = server.CaPem, BearerToken = server.AdminToken });
            return new TestCluster(dir, server, client);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Polls <paramref name="condition"/> until true or the deadline (then fails the test).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
