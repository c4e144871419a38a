using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Client;

/// <summary>
/// Records core/v1 Events about objects. <see cref="Event"/> never blocks and never throws for I/O: it
/// correlates the event (<see cref="EventCorrelator"/>: similar events aggregated, repeats counted, a source's
/// spam about one object dropped beyond a burst) and puts what is left in a bounded queue (dropping it when
/// full) that one background loop writes: a new event is created, a repeat patches the existing event's count,
/// lastTimestamp and message (creating it again when it is gone). Thread-safe. Dispose to flush and stop.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly ResourceClient<Event> _events;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Event> _queue;
    private readonly EventCorrelator _correlator;
    private readonly Task _loop;
    private long _dropped;

    public EventRecorder(KubeClient client, EventRecorderOptions options, TimeProvider? time = null)
    {
        _events = client.Resource<Event>();
        _options = options;
        _time = time ?? TimeProvider.System;
        _correlator = new EventCorrelator(options, _time);
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
                Name = EventCorrelator.Name(involved.Name, now),
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
        if (_correlator.Correlate(e) is { } write && !_queue.Writer.TryWrite(write)) Interlocked.Increment(ref _dropped);
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

    /// <summary>Creates the event, or, for a repeat (count above 1), patches the recorded one; creates it when it is gone.</summary>
    private async Task WriteAsync(Event e)
    {
        if (e.Count > 1)
        {
            var at = e.LastTimestamp!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var patch = $$"""{"count":{{e.Count.Value.ToString(CultureInfo.InvariantCulture)}},"lastTimestamp":"{{at}}","message":"{{JsonEncodedText.Encode(e.Message ?? "")}}"}""";
            try
            {
                await _events.PatchAsync(e.Metadata.Namespace, e.Metadata.Name!, PatchType.Merge, patch);
                return;
            }
            catch (ApiException ex) when (ex.IsNotFound)
            {
            }
        }
        await _events.CreateAsync(e);
    }
}
