namespace Orca.Client;

public sealed partial class SharedInformer<T>
{
    /// <summary>
    /// The list/watch loop. State is just the resource version to resume from: null means "list first".
    /// A watch that ends cleanly is resumed from the last version seen; 410 Gone (as an answer or as an
    /// ERROR event) forgets the version so the next round re-lists; any other failure waits an exponential
    /// backoff and retries the same step. A watch that ends at once without events also backs off, so a
    /// misbehaving server cannot make the loop spin.
    /// </summary>
    private async Task ReflectAsync(CancellationToken ct)
    {
        string? rv = null;
        var backoff = Options.InitialBackoff;
        while (!ct.IsCancellationRequested)
        {
            var progressed = false;
            var started = _time.GetUtcNow();
            try
            {
                if (rv is null)
                {
                    rv = await ListAsync(ct);
                    progressed = true;
                }
                var timeout = Options.WatchTimeout * (1 + Random.Shared.NextDouble());
                var watch = new WatchOptions
                {
                    ResourceVersion = rv, Timeout = timeout, AllowBookmarks = true,
                    LabelSelector = Options.LabelSelector, FieldSelector = Options.FieldSelector,
                };
                await foreach (var e in _client.WatchAsync(Options.Namespace, watch, ct))
                {
                    rv = e.Object.Metadata.ResourceVersion ?? rv;
                    LastSyncResourceVersion = rv;
                    progressed = true;
                    if (e.Type == WatchEventType.Deleted) _deltas.Writer.TryWrite(new Delta.Deleted(e.Object));
                    else if (e.Type != WatchEventType.Bookmark) _deltas.Writer.TryWrite(new Delta.Upsert(e.Object));
                }
                if (progressed || _time.GetUtcNow() - started >= TimeSpan.FromSeconds(1))
                {
                    backoff = Options.InitialBackoff;
                    continue;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e) when (e.IsGone)
            {
                rv = null;
                continue;
            }
            catch (Exception e)
            {
                Options.OnError?.Invoke(e);
            }
            if (!await DelayAsync(backoff, ct)) return;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Options.MaxBackoff.Ticks));
        }
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var list = await _client.ListAsync(Options.Namespace, new ListOptions
        {
            ResourceVersion = "0", AllPages = true,
            LabelSelector = Options.LabelSelector, FieldSelector = Options.FieldSelector,
        }, ct);
        LastSyncResourceVersion = list.ResourceVersion;
        _deltas.Writer.TryWrite(new Delta.Replace(list.Items));
        return list.ResourceVersion;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
