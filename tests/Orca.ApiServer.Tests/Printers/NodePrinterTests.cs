using Orca.Api.Core;
using Orca.Api.Meta;
using static Orca.ApiServer.Tests.Printers.PodPrinterTests;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class NodePrinterTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Now;

    [Theory]
    [InlineData("True", false, "Ready")]
    [InlineData("False", false, "NotReady")]
    [InlineData("Unknown", false, "NotReady")]
    [InlineData(null, false, "Unknown")]
    [InlineData("True", true, "Ready,SchedulingDisabled")]
    [InlineData(null, true, "Unknown,SchedulingDisabled")]
    public void Status(string? ready, bool unschedulable, string expected)
    {
        var node = NewNode();
        node.Spec.Unschedulable = unschedulable;
        node.Status.Conditions = [new() { Type = "MemoryPressure", Status = "False" }];
        if (ready is not null) node.Status.Conditions.Add(new() { Type = "Ready", Status = ready });

        Assert.Equal(expected, Str(PrinterSet.Node.Cells(node, Now)[1]));
    }

    [Theory]
    [InlineData("", "<none>")]
    [InlineData("node-role.kubernetes.io/control-plane=", "control-plane")]
    [InlineData("node-role.kubernetes.io/worker=,node-role.kubernetes.io/control-plane=", "control-plane,worker")]
    [InlineData("kubernetes.io/role=master,node-role.kubernetes.io/master=", "master")]
    [InlineData("kubernetes.io/role=,node-role.kubernetes.io/=x,app=web", "<none>")]
    [InlineData("kubernetes.io/role=infra,node-role.kubernetes.io/edge=true", "edge,infra")]
    public void Roles(string labels, string expected)
    {
        var node = NewNode();
        node.Metadata.Labels = labels.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

        Assert.Equal(expected, Str(PrinterSet.Node.Cells(node, Now)[2]));
    }

    [Fact]
    public void All_cells()
    {
        var node = NewNode();
        node.Status.Conditions = [new() { Type = "Ready", Status = "True" }];
        node.Status.Addresses = [new() { Type = "Hostname", Address = "n1" }, new() { Type = "InternalIP", Address = "192.168.1.10" }];
        node.Status.NodeInfo = new NodeSystemInfo { KubeletVersion = "v1.32.0", OSImage = "Debian GNU/Linux 13", KernelVersion = "6.12.0", ContainerRuntimeVersion = "orca://0.1" };

        var cells = PrinterSet.Node.Cells(node, Now);

        Assert.Equal(["n1", "Ready", "<none>", "3d", "v1.32.0", "192.168.1.10", "<none>", "Debian GNU/Linux 13", "6.12.0", "orca://0.1"], cells.Select(Str));
    }

    [Fact]
    public void Missing_node_info_prints_unknown()
    {
        var cells = PrinterSet.Node.Cells(NewNode(), Now);

        Assert.Equal(["", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"], cells.Skip(4).Select(Str));
    }

    [Fact]
    public void Columns_match_kubernetes()
    {
        var columns = PrinterSet.Node.Columns;

        Assert.Equal(["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"], columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], columns.Select(c => c.Priority));
    }

    private static Node NewNode() => new() { Metadata = new ObjectMeta { Name = "n1", CreationTimestamp = Now.AddDays(-3) } };
}
