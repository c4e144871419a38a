using Orca.Api.Core;

namespace Orca.Client.Tests;

public sealed class EventRecorderTests
{
    [Fact]
    public async Task Events_are_written_and_repeats_aggregate_into_a_count()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await cluster.Client.Resource<Pod>().CreateAsync(Builders.Pod("subject"));
        var recorder = new EventRecorder(cluster.Client, new EventRecorderOptions { Component = "test-controller", Host = "node-1" });
        recorder.Event(pod, "Normal", "Scheduled", "assigned to node-1");
        recorder.Event(pod, "Normal", "Scheduled", "assigned to node-1");
        recorder.Event(pod, "Warning", "Failed", "boom");
        await recorder.DisposeAsync();
        Assert.Equal(0, recorder.Dropped);

        var events = await cluster.Client.Resource<Event>().ListAsync("default", new ListOptions { FieldSelector = "involvedObject.name=subject" });
        Assert.Equal(2, events.Items.Count);
        var scheduled = Assert.Single(events.Items, e => e.Reason == "Scheduled");
        Assert.Equal(2, scheduled.Count);
        Assert.Equal("Pod", scheduled.InvolvedObject.Kind);
        Assert.Equal(pod.Metadata.Uid, scheduled.InvolvedObject.Uid);
        Assert.Equal("test-controller", scheduled.Source?.Component);
        Assert.Equal("test-controller", scheduled.ReportingComponent);
        Assert.StartsWith("subject.", scheduled.Metadata.Name, StringComparison.Ordinal);
        Assert.NotNull(scheduled.FirstTimestamp);
        Assert.Equal("Warning", Assert.Single(events.Items, e => e.Reason == "Failed").Type);

        var other = await cluster.Client.Resource<Event>().ListAsync("default", new ListOptions { FieldSelector = "involvedObject.name=nobody" });
        Assert.Empty(other.Items);
    }
}
