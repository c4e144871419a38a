using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Registry;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class SimplePrinterTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Now;

    [Fact]
    public void Namespace()
    {
        var ns = new Namespace { Metadata = Meta("default"), Status = new NamespaceStatus { Phase = "Active" } };

        AssertRow(PrinterSet.Namespace, ns, ["Name", "Status", "Age"], "default", "Active", "5d");
    }

    [Fact]
    public void ConfigMap_counts_data_and_binary_data()
    {
        var map = new ConfigMap
        {
            Metadata = Meta("settings"),
            Data = new() { ["a"] = "1", ["b"] = "2" },
            BinaryData = new() { ["c"] = [1, 2] },
        };

        AssertRow(PrinterSet.ConfigMap, map, ["Name", "Data", "Age"], "settings", 3L, "5d");
    }

    [Fact]
    public void Secret()
    {
        var secret = new Secret { Metadata = Meta("tls"), Type = "kubernetes.io/tls", Data = new() { ["tls.crt"] = [1], ["tls.key"] = [2] } };

        AssertRow(PrinterSet.Secret, secret, ["Name", "Type", "Data", "Age"], "tls", "kubernetes.io/tls", 2L, "5d");
    }

    [Fact]
    public void Empty_secret()
    {
        AssertRow(PrinterSet.Secret, new Secret { Metadata = Meta("empty"), Type = "Opaque" }, ["Name", "Type", "Data", "Age"], "empty", "Opaque", 0L, "5d");
    }

    [Fact]
    public void ServiceAccount()
    {
        var account = new ServiceAccount { Metadata = Meta("default"), Secrets = [new ObjectReference { Name = "token" }] };

        AssertRow(PrinterSet.ServiceAccount, account, ["Name", "Secrets", "Age"], "default", 1L, "5d");
    }

    [Fact]
    public void Lease()
    {
        var lease = new Lease { Metadata = Meta("node-1"), Spec = new LeaseSpec { HolderIdentity = "node-1" } };

        AssertRow(PrinterSet.Lease, lease, ["Name", "Holder", "Age"], "node-1", "node-1", "5d");
        AssertRow(PrinterSet.Lease, new Lease { Metadata = Meta("free") }, ["Name", "Holder", "Age"], "free", "", "5d");
    }

    [Fact]
    public void Registry_returns_singletons_whose_first_column_is_the_name()
    {
        Assert.Same(PrinterSet.Pod, PrinterSet.Pod);
        ITableConvertor[] named =
        [
            PrinterSet.Pod, PrinterSet.Node, PrinterSet.Namespace, PrinterSet.ConfigMap, PrinterSet.Secret,
            PrinterSet.ServiceAccount, PrinterSet.Service, PrinterSet.Endpoints, PrinterSet.Lease,
        ];
        Assert.All(named, p => Assert.Equal(("Name", "name", 0), (p.Columns[0].Name, p.Columns[0].Format, p.Columns[0].Priority)));
        Assert.All(named, p => Assert.All(p.Columns.Skip(1), c => Assert.Equal("", c.Format)));
    }

    private static void AssertRow(ITableConvertor printer, IKubeObject obj, string[] columns, params object[] expected)
    {
        Assert.Equal(columns, printer.Columns.Select(c => c.Name));
        Assert.All(printer.Columns, c => Assert.Equal("string", c.Type));
        var cells = printer.Cells(obj, Now);
        Assert.Equal(expected.Length, cells.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            object? actual = expected[i] is long ? cells[i]!.GetValue<long>() : cells[i]!.GetValue<string>();
            Assert.Equal(expected[i], actual);
        }
    }

    private static ObjectMeta Meta(string name) => new() { Name = name, CreationTimestamp = Now.AddDays(-5) };
}
