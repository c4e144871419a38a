using Microsoft.Extensions.Logging;
using Orca.Agent.Pods;
using Orca.Client;

namespace Orca.Agent.Static;

/// <summary>
/// Drives the static pod source: a scan hands every manifest's pod to the workers, stops pods whose
/// file is gone and keeps their mirror pods in the API. Scans run once at start, whenever the
/// manifest directory changes (inotify through <see cref="FileSystemWatcher"/>), whenever
/// <see cref="Kick"/> is called (a mirror pod was deleted or marked for deletion), and every check
/// period as a safety net. Kicks that arrive during a scan coalesce into one more scan.
/// </summary>
internal sealed class StaticPodLoop(StaticPods staticPods, PodWorkers workers, string dir, TimeSpan period, TimeProvider time, ILogger logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _kick = new(0, 1);
    private FileSystemWatcher? _watcher;

    /// <summary>Asks for a scan soon. Thread-safe; never blocks.</summary>
    public void Kick()
    {
        try
        {
            _kick.Release();
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
        }
    }

    /// <summary>One scan: workers learn the current pods and the removed ones; mirror pods are made to match.</summary>
    public async Task ScanAsync(CancellationToken ct)
    {
        var (pods, removed) = staticPods.Scan();
        foreach (var uid in removed) workers.Remove(uid);
        foreach (var pod in pods)
        {
            workers.Update(pod, isStatic: true);
            try
            {
                // A new mirror pod has an empty status: the worker syncs again to write it.
                if (await staticPods.EnsureMirrorAsync(pod, ct)) workers.Update(pod, isStatic: true);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException)
            {
                Log.MirrorFailed(logger, pod.Metadata.Name ?? "", e);
            }
        }
    }

    /// <summary>Watches the directory and scans on changes, kicks and the period until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        StartWatching();
        while (await WaitAsync(ct)) await ScanAsync(ct);
    }

    private void StartWatching()
    {
        try
        {
            Directory.CreateDirectory(dir);
            _watcher = new FileSystemWatcher(dir) { IncludeSubdirectories = false, EnableRaisingEvents = true };
            _watcher.Created += (_, _) => Kick();
            _watcher.Changed += (_, _) => Kick();
            _watcher.Deleted += (_, _) => Kick();
            _watcher.Renamed += (_, _) => Kick();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Without a watcher the periodic scan still finds every change.
            Log.ManifestWatchFailed(logger, dir, e);
        }
    }

    /// <summary>Waits for a kick or the period; false when cancelled.</summary>
    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var kicked = _kick.WaitAsync(wake.Token);
        var tick = Clock.DelayAsync(time, period, wake.Token);
        await Task.WhenAny(kicked, tick);
        await wake.CancelAsync();
        try
        {
            await kicked;
        }
        catch (OperationCanceledException)
        {
        }
        await tick;
        return !ct.IsCancellationRequested;
    }

    public ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        _kick.Dispose();
        return ValueTask.CompletedTask;
    }
}
