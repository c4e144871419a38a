using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Client;

namespace Orca.Sim;

/// <summary>
/// The sim's one pod watch: every bound pod (field selector spec.nodeName!=), listed in pages and then
/// watched from the list's version, each object handed to the <see cref="PodTable"/> and dropped, so no
/// Pod objects are cached. A watch that ends is resumed from the last version seen; 410 Gone re-lists,
/// and the re-list forgets pods that disappeared meanwhile. Other failures back off (0.8 s doubling to
/// 30 s). One loop; <see cref="Synced"/> completes after the first full list.
/// </summary>
internal sealed class PodWatch(KubeClient client, PodTable table, Action<PodWork> enqueue, HollowOptions options, TimeProvider time, ILogger logger)
{
    public const string BoundPods = "spec.nodeName!=";

    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Synced => _synced.Task;

    /// <summary>Watch events handled so far (for stats).</summary>
    public long Events => Interlocked.Read(ref _events);

    private long _events;

    public async Task RunAsync(CancellationToken ct)
    {
        string? version = null;
        var backoff = InitialBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                version ??= await RelistAsync(ct);
                var watch = new WatchOptions
                {
                    ResourceVersion = version, FieldSelector = BoundPods, AllowBookmarks = true,
                    Timeout = TimeSpan.FromMinutes(5) * (1 + Random.Shared.NextDouble()),
                };
                await foreach (var e in _pods.WatchAsync(null, watch, ct))
                {
                    version = e.Object.Metadata.ResourceVersion ?? version;
                    Handle(e);
                }
                backoff = InitialBackoff;
                continue;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e) when (e.IsGone)
            {
                version = null;
                continue;
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException or InvalidDataException or System.Text.Json.JsonException)
            {
                Log.WatchFailed(logger, e);
            }
            if (!await DelayAsync(backoff, ct)) return;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private void Handle(WatchEvent<Pod> e)
    {
        Interlocked.Increment(ref _events);
        switch (e.Type)
        {
            case WatchEventType.Deleted:
                table.Forget(e.Object.Metadata.Uid);
                break;
            case WatchEventType.Added or WatchEventType.Modified:
                if (table.Observe(e.Object) is { } work) enqueue(work);
                break;
        }
    }

    /// <summary>Lists every bound pod page by page; returns the list's version to watch from.</summary>
    private async Task<string> RelistAsync(CancellationToken ct)
    {
        table.BeginRelist();
        string? next = null;
        string? version = null;
        do
        {
            var page = await _pods.ListAsync(null, new ListOptions { FieldSelector = BoundPods, Limit = options.ListPageSize, Continue = next }, ct);
            version ??= page.ResourceVersion;
            foreach (var pod in page.Items)
            {
                if (table.Observe(pod) is { } work) enqueue(work);
            }
            next = page.Continue;
        }
        while (next is not null);
        var gone = table.EndRelist();
        if (gone > 0) Log.PodsGoneAtRelist(logger, gone);
        _synced.TrySetResult();
        return version;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
