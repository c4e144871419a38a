using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.Api.Meta;
using static Orca.ApiServer.Tests.Printers.PodPrinterTests;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class EventPrinterTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Now;

    [Fact]
    public void Columns_match_kubernetes()
    {
        foreach (var printer in new[] { PrinterSet.Event, PrinterSet.EventV1 })
        {
            var columns = printer.Columns;
            Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"], columns.Select(c => c.Name));
            Assert.Equal([0, 0, 0, 0, 1, 1, 0, 1, 1, 1], columns.Select(c => c.Priority));
            Assert.Equal("name", columns[9].Format);
        }
    }

    [Fact]
    public void Kubelet_event()
    {
        var e = NewEvent();
        e.FirstTimestamp = Now.AddMinutes(-10);
        e.LastTimestamp = Now.AddMinutes(-3);
        e.Count = 4;

        var cells = PrinterSet.Event.Cells(e, Now);

        Assert.Equal(["3m", "Normal", "Pulled", "pod/web", "spec.containers{app}", "kubelet, node-1", "Image pulled", "10m"], cells.Take(8).Select(Str));
        Assert.Equal(4, cells[8]!.GetValue<long>());
        Assert.Equal("web.1", Str(cells[9]));
    }

    [Fact]
    public void Last_seen_falls_back_to_first_seen_then_event_time()
    {
        var e = NewEvent();
        e.FirstTimestamp = Now.AddMinutes(-7);
        Assert.Equal(["7m", "7m"], Seen(PrinterSet.Event.Cells(e, Now)));

        e.FirstTimestamp = null;
        e.EventTime = Now.AddSeconds(-20);
        Assert.Equal(["20s", "20s"], Seen(PrinterSet.Event.Cells(e, Now)));

        e.EventTime = null;
        Assert.Equal(["<unknown>", "<unknown>"], Seen(PrinterSet.Event.Cells(e, Now)));
    }

    [Fact]
    public void Series_sets_last_seen_and_count()
    {
        var e = NewEvent();
        e.EventTime = Now.AddHours(-1);
        e.Count = 2;
        e.Series = new EventSeries { Count = 17, LastObservedTime = Now.AddSeconds(-45) };

        var cells = PrinterSet.Event.Cells(e, Now);

        Assert.Equal(["45s", "60m"], Seen(cells));
        Assert.Equal(17, cells[8]!.GetValue<long>());
    }

    [Fact]
    public void Singleton_event_counts_once()
    {
        Assert.Equal(1, PrinterSet.Event.Cells(NewEvent(), Now)[8]!.GetValue<long>());
    }

    [Theory]
    [InlineData("Pod", "web", "pod/web")]
    [InlineData("Node", "", "node")]
    [InlineData("ReplicaSet", "web-5d8f", "replicaset/web-5d8f")]
    public void Object_column(string kind, string name, string expected)
    {
        var e = NewEvent();
        e.InvolvedObject = new ObjectReference { Kind = kind, Name = name };

        Assert.Equal(expected, Str(PrinterSet.Event.Cells(e, Now)[3]));
    }

    [Theory]
    [InlineData("kubelet", "node-1", "", "", "kubelet, node-1")]
    [InlineData("kubelet", "", "", "", "kubelet")]
    [InlineData("", "", "default-scheduler", "", "default-scheduler")]
    [InlineData("", "", "default-scheduler", "scheduler-0", "default-scheduler, scheduler-0")]
    [InlineData("", "", "", "", "")]
    public void Source_column(string component, string host, string controller, string instance, string expected)
    {
        var e = NewEvent();
        e.Source = new EventSource { Component = component, Host = host };
        e.ReportingComponent = controller;
        e.ReportingInstance = instance;

        Assert.Equal(expected, Str(PrinterSet.Event.Cells(e, Now)[5]));
    }

    [Fact]
    public void Events_v1_print_like_core_events()
    {
        var e = new EventV1
        {
            Metadata = new ObjectMeta { Name = "web.2", CreationTimestamp = Now.AddHours(-2) },
            EventTime = Now.AddMinutes(-30),
            Series = new EventV1Series { Count = 5, LastObservedTime = Now.AddMinutes(-1) },
            ReportingController = "default-scheduler",
            ReportingInstance = "scheduler-0",
            Reason = "FailedScheduling",
            Regarding = new ObjectReference { Kind = "Pod", Name = "web" },
            Note = "  0/1 nodes are available.\n",
            Type = "Warning",
        };

        var cells = PrinterSet.EventV1.Cells(e, Now);

        Assert.Equal(["60s", "Warning", "FailedScheduling", "pod/web", "", "default-scheduler, scheduler-0", "0/1 nodes are available.", "30m"], cells.Take(8).Select(Str));
        Assert.Equal(5, cells[8]!.GetValue<long>());
        Assert.Equal("web.2", Str(cells[9]));
    }

    private static string[] Seen(IReadOnlyList<JsonNode?> cells) => [Str(cells[0]) ?? "", Str(cells[7]) ?? ""];

    private static Event NewEvent() => new()
    {
        Metadata = new ObjectMeta { Name = "web.1", CreationTimestamp = Now.AddHours(-2) },
        InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", FieldPath = "spec.containers{app}" },
        Reason = "Pulled",
        Message = "Image pulled",
        Type = "Normal",
        Source = new EventSource { Component = "kubelet", Host = "node-1" },
    };
}
