using Microsoft.Extensions.Logging;
using Orca.Agent.Node;
using Orca.Runtime;

namespace Orca.Agent.Images;

/// <summary>
/// Image garbage collection as the kubelet's image manager does it: every period the image
/// filesystem's usage is measured; at or over the high threshold, images no container uses (running
/// or exited) and older than the minimum age are removed, least recently used first (then first
/// detected), until usage would be under the low threshold. Use is remembered per image id in memory:
/// when first detected and when last seen in use. Falling short emits the node event
/// FreeDiskSpaceFailed; an error emits ImageGCFailed. Passes are serialized (the loop and the
/// eviction manager's reclaim).
/// </summary>
internal sealed class ImageGarbageCollector(
    IImageService images, IRuntimeService runtime, Func<CancellationToken, Task<ImageFsInfo>> imageFs,
    AgentOptions options, NodeEventSink events, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, (DateTimeOffset FirstDetected, DateTimeOffset LastUsed)> _records = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RunAsync(CancellationToken ct)
    {
        while (await Clock.DelayAsync(time, options.ImageGCPeriod, ct))
        {
            try
            {
                await CollectAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Log.ImageGcFailed(logger, e);
                events("Warning", "ImageGCFailed", e.Message);
            }
        }
    }

    /// <summary>
    /// Removes every unused image old enough, whatever the thresholds (the eviction manager's node-level
    /// reclaim under disk pressure). Returns the bytes freed.
    /// </summary>
    public async Task<long> DeleteUnusedAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            return await FreeAsync(await DetectAsync(now, ct), long.MaxValue, now, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One pass: notes which images are in use, then frees space if usage is at or over the high threshold. Returns the bytes freed.</summary>
    public async Task<long> CollectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await CollectCoreAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<long> CollectCoreAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var candidates = await DetectAsync(now, ct);
        var fs = await imageFs(ct);
        if (fs.CapacityBytes <= 0 || options.ImageGCHighThresholdPercent >= 100) return 0;
        var usedPercent = (fs.CapacityBytes - fs.AvailableBytes) * 100 / fs.CapacityBytes;
        if (usedPercent < options.ImageGCHighThresholdPercent) return 0;
        var target = fs.CapacityBytes * (100 - options.ImageGCLowThresholdPercent) / 100 - fs.AvailableBytes;
        if (target <= 0) return 0;
        Log.ImageGcStarting(logger, usedPercent, options.ImageGCHighThresholdPercent, target);
        var freed = await FreeAsync(candidates, target, now, ct);
        if (freed < target)
        {
            events("Warning", "FreeDiskSpaceFailed",
                $"Failed to garbage collect required amount of images. Attempted to free {target} bytes, but only found {freed} bytes eligible to free.");
        }
        return freed;
    }

    /// <summary>Updates the use records from the image list and every container's image; returns the images not in use.</summary>
    private async Task<List<ImageInfo>> DetectAsync(DateTimeOffset now, CancellationToken ct)
    {
        var all = await images.ListImagesAsync(ct);
        var inUse = (await runtime.ListContainersAsync(null, ct)).Select(c => c.ImageRef).ToHashSet(StringComparer.Ordinal);
        foreach (var image in all)
        {
            var record = _records.TryGetValue(image.Id, out var r) ? r : (FirstDetected: now, LastUsed: DateTimeOffset.MinValue);
            if (inUse.Contains(image.Id)) record.LastUsed = now;
            _records[image.Id] = record;
        }
        foreach (var gone in _records.Keys.Except(all.Select(i => i.Id)).ToList()) _records.Remove(gone);
        return all.Where(i => !inUse.Contains(i.Id)).ToList();
    }

    private async Task<long> FreeAsync(List<ImageInfo> candidates, long target, DateTimeOffset now, CancellationToken ct)
    {
        long freed = 0;
        var order = candidates
            .Where(i => now - _records[i.Id].FirstDetected >= options.ImageMinimumGCAge)
            .OrderBy(i => _records[i.Id].LastUsed).ThenBy(i => _records[i.Id].FirstDetected).ThenBy(i => i.Id, StringComparer.Ordinal);
        foreach (var image in order)
        {
            if (freed >= target) break;
            Log.ImageRemoved(logger, image.Id, image.Size);
            await images.RemoveImageAsync(image.Id, ct);
            _records.Remove(image.Id);
            freed += image.Size;
        }
        return freed;
    }
}
