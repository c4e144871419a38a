using System.Globalization;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Client;

/// <summary>
/// Decides what an event becomes before it is written, the way client-go's EventCorrelator does, in three steps:
/// <list type="number">
/// <item>aggregation: events with the same source, object, type, reason and reporting component/instance but
/// different messages are "similar"; once <see cref="EventRecorderOptions.AggregateMaxEvents"/> distinct messages
/// were seen with no gap longer than <see cref="EventRecorderOptions.AggregationWindow"/>, each further one becomes
/// the single event "(combined from similar events): &lt;message&gt;" for that group;</item>
/// <item>counting: an event equal to one already recorded (same source, object, type, reason and message; or the
/// same group's combined event) becomes an update of that event: its name, first timestamp and count + 1;</item>
/// <item>spam filtering: <see cref="EventSpamFilter"/> drops what a source writes about an object beyond its burst.
/// A dropped occurrence still counts, so the next update that passes carries the full count.</item>
/// </list>
/// Caches are bounded (<see cref="EventRecorderOptions.CacheSize"/> entries each, least recently used forgotten).
/// Thread-safe.
/// </summary>
internal sealed class EventCorrelator(EventRecorderOptions options, TimeProvider time)
{
    /// <summary>The prefix Kubernetes puts on an aggregated event's message.</summary>
    public const string CombinedPrefix = "(combined from similar events): ";

    private readonly Lock _lock = new();
    private readonly LruCache<string, Group> _groups = new(options.CacheSize);
    private readonly LruCache<string, Seen> _seen = new(options.CacheSize);
    private readonly EventSpamFilter _spam = new(options.SpamBurst, options.SpamRefillInterval, options.CacheSize);

    /// <summary>The event to write for <paramref name="e"/> (a create when its count is 1, else an update of the named event), or null to drop it.</summary>
    public Event? Correlate(Event e)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var (aggregated, key) = Aggregate(e, now);
            var observed = Observe(aggregated, key);
            return _spam.Allow(observed, now) ? observed : null;
        }
    }

    /// <summary>A unique event name: the object's name, a dot and the time in nanoseconds (hex), as Kubernetes names them.</summary>
    public static string Name(string? involvedName, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"{involvedName}.{now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000):x}");

    private (Event Event, string Key) Aggregate(Event e, DateTimeOffset now)
    {
        var groupKey = GroupKey(e);
        if (!_groups.TryGet(groupKey, out var group) || now - group.Last > options.AggregationWindow)
        {
            group = new Group();
            _groups.Set(groupKey, group);
        }
        group.Messages.Add(e.Message ?? "");
        group.Last = now;
        if (group.Messages.Count < options.AggregateMaxEvents) return (e, EventKey(e));
        // Keep the set below the threshold: every further distinct message is aggregated too.
        group.Messages.Remove(group.Messages.First());
        var combined = e with
        {
            Metadata = new ObjectMeta { Name = Name(e.InvolvedObject.Name, now), Namespace = e.Metadata.Namespace },
            Message = CombinedPrefix + e.Message,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
        };
        return (combined, "combined\u0000" + groupKey);
    }

    private Event Observe(Event e, string key)
    {
        var observed = e;
        if (_seen.TryGet(key, out var last))
        {
            observed = e with
            {
                Metadata = new ObjectMeta { Name = last.Name, Namespace = e.Metadata.Namespace },
                FirstTimestamp = last.First,
                Count = last.Count + 1,
            };
        }
        _seen.Set(key, new Seen(observed.Metadata.Name ?? "", observed.FirstTimestamp, observed.Count ?? 1));
        return observed;
    }

    private static string EventKey(Event e)
    {
        var o = e.InvolvedObject;
        return string.Join('\u0000', e.Source?.Component, e.Source?.Host, o.Kind, o.Namespace, o.Name, o.FieldPath, o.Uid, o.ApiVersion, e.Type, e.Reason, e.Message);
    }

    private static string GroupKey(Event e)
    {
        var o = e.InvolvedObject;
        return string.Join('\u0000', e.Source?.Component, e.Source?.Host, o.Kind, o.Namespace, o.Name, o.Uid, o.ApiVersion, e.Type, e.Reason, e.ReportingComponent, e.ReportingInstance);
    }

    private sealed class Group
    {
        public HashSet<string> Messages { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset Last { get; set; }
    }

    private sealed record Seen(string Name, DateTimeOffset? First, int Count);
}
