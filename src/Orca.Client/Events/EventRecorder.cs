using System.Globalization;
using System.Threading.Channels;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Client;

/// <summary>
/// Records core/v1 Events about objects. <see cref="Event"/> never blocks and never throws for I/O: it
/// puts the event in a bounded queue (dropping it when full) that one background loop writes. A repeat of
/// the same (object, type, reason, message) within the aggregation window increments the existing event's
/// count and lastTimestamp instead of creating a new one. Thread-safe. Dispose to flush and stop.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly ResourceClient<Event> _events;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Event> _queue;
    private readonly Dictionary<string, Recorded> _recent = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private long _dropped;

    public EventRecorder(KubeClient client, EventRecorderOptions options, TimeProvider? time = null)
    {
        _events = client.Resource<Event>();
        _options = options;
        _time = time ?? TimeProvider.System;
        _queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Events dropped because the queue was full or the recorder stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <param name="type">"Normal" or "Warning".</param>
    /// <param name="reason">Short UpperCamelCase cause, e.g. "Scheduled".</param>
    public void Event(IKubeObject regarding, string type, string reason, string message)
    {
        var now = _time.GetUtcNow();
        var involved = Reference(regarding);
        var e = new Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new()
            {
                Name = $"{involved.Name}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)):x}",
                Namespace = string.IsNullOrEmpty(involved.Namespace) ? "default" : involved.Namespace,
            },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = _options.Component, Host = _options.Host },
            ReportingComponent = _options.Component,
            ReportingInstance = _options.Instance ?? _options.Host ?? "",
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        if (!_queue.Writer.TryWrite(e)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>An ObjectReference with apiVersion and kind taken from the object or, when unset there, from its registered resource.</summary>
    public static ObjectReference Reference(IKubeObject obj)
    {
        var info = KnownResources.Find(obj.GetType());
        return new ObjectReference
        {
            ApiVersion = obj.ApiVersion ?? info?.ApiVersion,
            Kind = obj.Kind ?? info?.Kind ?? obj.GetType().Name,
            Namespace = obj.Metadata.Namespace,
            Name = obj.Metadata.Name,
            Uid = obj.Metadata.Uid,
            ResourceVersion = obj.Metadata.ResourceVersion,
        };
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await WriteAsync(e);
            }
            catch (Exception ex) when (ex is ApiException or HttpRequestException or IOException or TimeoutException)
            {
                _options.OnError?.Invoke(ex);
            }
        }
    }

    /// <summary>Creates the event, or bumps the count of the same event recorded within the window.</summary>
    private async Task WriteAsync(Event e)
    {
        var key = AggregationKey(e);
        var now = e.LastTimestamp!.Value;
        if (_recent.TryGetValue(key, out var last) && now - last.LastSeen <= _options.AggregationWindow)
        {
            var count = last.Count + 1;
            var patch = $$"""{"count":{{count.ToString(CultureInfo.InvariantCulture)}},"lastTimestamp":"{{now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}"}""";
            try
            {
                await _events.PatchAsync(last.Namespace, last.Name, PatchType.Merge, patch);
                _recent[key] = last with { Count = count, LastSeen = now };
                return;
            }
            catch (ApiException ex) when (ex.IsNotFound)
            {
                _recent.Remove(key);
            }
        }
        var created = await _events.CreateAsync(e);
        if (_recent.Count >= _options.CacheSize) ForgetOldest();
        _recent[key] = new Recorded(created.Metadata.Namespace ?? "", created.Metadata.Name ?? "", created.Count ?? 1, now);
    }

    private void ForgetOldest()
    {
        foreach (var k in _recent.OrderBy(p => p.Value.LastSeen).Take(_recent.Count / 4 + 1).Select(p => p.Key).ToList()) _recent.Remove(k);
    }

    private static string AggregationKey(Event e)
    {
        var o = e.InvolvedObject;
        return string.Join('\u0000', o.Kind, o.Namespace, o.Name, o.Uid, e.Type, e.Reason, e.Message, e.Source?.Component, e.Source?.Host);
    }

    private sealed record Recorded(string Namespace, string Name, int Count, DateTimeOffset LastSeen);
}
