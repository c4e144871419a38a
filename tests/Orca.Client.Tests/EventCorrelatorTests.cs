using Orca.Api.Core;

namespace Orca.Client.Tests;

/// <summary>The correlation client-go applies before writing events: spam filter, aggregation, counting.</summary>
public sealed class EventCorrelatorTests
{
    private static readonly EventRecorderOptions Options = new() { Component = "replicaset-controller" };

    [Fact]
    public void A_source_writes_at_most_the_burst_about_one_object_then_one_more_per_refill()
    {
        var clock = new FakeTimeProvider();
        var correlator = new EventCorrelator(Options, clock);
        var rs = Involved("web-1");

        var written = Enumerable.Range(0, 40).Count(i => correlator.Correlate(Event(rs, $"Reason{i}", "m")) is not null);
        Assert.Equal(25, written);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(correlator.Correlate(Event(rs, "Late", "m")));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(correlator.Correlate(Event(rs, "Later", "m")));
        Assert.Null(correlator.Correlate(Event(rs, "Latest", "m")));
    }

    [Fact]
    public void The_spam_filter_keys_on_source_and_object_not_on_reason()
    {
        var clock = new FakeTimeProvider();
        var correlator = new EventCorrelator(Options, clock);
        var other = new EventCorrelator(Options with { Component = "deployment-controller" }, clock);
        for (var i = 0; i < 25; i++) Assert.NotNull(correlator.Correlate(Event(Involved("a"), $"R{i}", "m")));
        Assert.Null(correlator.Correlate(Event(Involved("a"), "Other", "m")));

        Assert.NotNull(correlator.Correlate(Event(Involved("b"), "R0", "m")));
        Assert.NotNull(correlator.Correlate(Event(Involved("a", uid: "uid-of-a-new-incarnation"), "R0", "m")));
        Assert.NotNull(other.Correlate(Event(Involved("a"), "R0", "m", component: "deployment-controller")));
        Assert.NotNull(correlator.Correlate(Event(Involved("a"), "R0", "m", host: "node-2")));
    }

    [Fact]
    public void Similar_events_are_combined_after_ten_messages_and_the_combined_event_counts_up()
    {
        var correlator = new EventCorrelator(Options, new FakeTimeProvider());
        var rs = Involved("web-1");
        var results = Enumerable.Range(1, 12).Select(i => correlator.Correlate(Event(rs, "SuccessfulCreate", $"Created pod: web-1-{i}"))!).ToList();

        Assert.All(results.Take(9), e => Assert.Equal(1, e.Count));
        Assert.Equal(9, results.Take(9).Select(e => e.Metadata.Name).Distinct().Count());
        Assert.Equal("Created pod: web-1-9", results[8].Message);
        Assert.Equal("(combined from similar events): Created pod: web-1-10", results[9].Message);
        Assert.Equal(1, results[9].Count);
        Assert.Equal("(combined from similar events): Created pod: web-1-12", results[11].Message);
        Assert.Equal(3, results[11].Count);
        Assert.Equal(results[9].Metadata.Name, results[11].Metadata.Name);
        Assert.Equal("SuccessfulCreate", results[11].Reason);
    }

    [Fact]
    public void Similar_events_further_apart_than_the_window_start_a_new_group()
    {
        var clock = new FakeTimeProvider();
        var correlator = new EventCorrelator(Options, clock);
        var rs = Involved("web-1");
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(1, correlator.Correlate(Event(rs, "SuccessfulDelete", $"Deleted pod: p{i}"))!.Count);
            clock.Advance(TimeSpan.FromMinutes(11));
        }
        var tenth = correlator.Correlate(Event(rs, "SuccessfulDelete", "Deleted pod: p9"))!;
        Assert.Equal("Deleted pod: p9", tenth.Message);
    }

    [Fact]
    public void An_identical_event_updates_the_recorded_one_and_counts()
    {
        var clock = new FakeTimeProvider();
        var correlator = new EventCorrelator(Options, clock);
        var pod = Involved("p", kind: "Pod");
        var first = correlator.Correlate(Event(pod, "BackOff", "Back-off restarting failed container", at: clock.GetUtcNow()))!;
        clock.Advance(TimeSpan.FromSeconds(30));
        var second = correlator.Correlate(Event(pod, "BackOff", "Back-off restarting failed container", at: clock.GetUtcNow()))!;

        Assert.Equal(first.Metadata.Name, second.Metadata.Name);
        Assert.Equal(2, second.Count);
        Assert.Equal(first.FirstTimestamp, second.FirstTimestamp);
        Assert.NotEqual(second.FirstTimestamp, second.LastTimestamp);
        Assert.Equal(clock.GetUtcNow(), second.LastTimestamp);
    }

    [Fact]
    public async Task The_recorder_writes_a_controllers_pod_creations_as_kubernetes_does()
    {
        await using var cluster = await TestCluster.StartAsync();
        var owner = await cluster.Client.Resource<Pod>().CreateAsync(Builders.Pod("owner"));
        var recorder = new EventRecorder(cluster.Client, new EventRecorderOptions { Component = "replicaset-controller" });
        for (var i = 0; i < 100; i++) recorder.Event(owner, "Normal", "SuccessfulCreate", $"Created pod: owner-{i}");
        await recorder.DisposeAsync();

        var events = (await cluster.Client.Resource<Event>().ListAsync("default", new ListOptions { FieldSelector = "involvedObject.name=owner" })).Items;
        Assert.Equal(10, events.Count);
        Assert.Equal(9, events.Count(e => e.Count == 1 && e.Message!.StartsWith("Created pod: owner-", StringComparison.Ordinal)));
        var combined = Assert.Single(events, e => e.Message!.StartsWith(EventCorrelator.CombinedPrefix, StringComparison.Ordinal));
        Assert.Equal(16, combined.Count);
        Assert.Equal("(combined from similar events): Created pod: owner-24", combined.Message);
        Assert.Equal("SuccessfulCreate", combined.Reason);
    }

    private static ObjectReference Involved(string name, string kind = "ReplicaSet", string? uid = null) => new()
    {
        ApiVersion = kind == "Pod" ? "v1" : "apps/v1", Kind = kind, Namespace = "default", Name = name, Uid = uid ?? "uid-" + name,
    };

    private static Event Event(ObjectReference involved, string reason, string message, string component = "replicaset-controller", string? host = null, DateTimeOffset? at = null) => new()
    {
        Metadata = new() { Name = EventCorrelator.Name(involved.Name, DateTimeOffset.UnixEpoch), Namespace = involved.Namespace },
        InvolvedObject = involved,
        Type = "Normal",
        Reason = reason,
        Message = message,
        Source = new EventSource { Component = component, Host = host },
        ReportingComponent = component,
        Count = 1,
        FirstTimestamp = at,
        LastTimestamp = at,
    };
}
