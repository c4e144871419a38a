using Orca.Api.Core;
using Orca.Api.Meta;
using static Orca.ApiServer.Tests.Printers.PodPrinterTests;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class EndpointsPrinterTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Now;

    public static TheoryData<string, List<EndpointSubset>?, string> Cases() => new()
    {
        { "no subsets", null, "<none>" },
        { "empty subsets", [], "<none>" },
        { "subset without addresses", [Subset([], 80)], "" },
        { "one address", [Subset(["10.0.0.1"], 80)], "10.0.0.1:80" },
        { "three addresses", [Subset(["10.0.0.1", "10.0.0.2", "10.0.0.3"], 80)], "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80" },
        { "five addresses", [Subset(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"], 80)], "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more..." },
        { "two ports", [Subset(["10.0.0.1", "10.0.0.2"], 80, 443)], "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more..." },
        { "headless without ports", [Subset(["10.0.0.1", "10.0.0.2"])], "10.0.0.1,10.0.0.2" },
        { "ipv6", [Subset(["fd00::1"], 8080)], "[fd00::1]:8080" },
        { "across subsets", [Subset(["10.0.0.1", "10.0.0.2"], 80), Subset(["10.0.1.1", "10.0.1.2"], 81)], "10.0.0.1:80,10.0.0.2:80,10.0.1.1:81 + 1 more..." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Endpoints_column(string description, List<EndpointSubset>? subsets, string expected)
    {
        var endpoints = new Endpoints { Metadata = new ObjectMeta { Name = "web", CreationTimestamp = Now.AddSeconds(-30) }, Subsets = subsets };

        var cells = PrinterSet.Endpoints.Cells(endpoints, Now);

        Assert.True(expected == Str(cells[1]), $"{description}: {Str(cells[1])}");
        Assert.Equal(["web", "30s"], new[] { cells[0], cells[2] }.Select(Str));
    }

    private static EndpointSubset Subset(string[] ips, params int[] ports) => new()
    {
        Addresses = ips.Select(ip => new EndpointAddress { IP = ip }).ToList(),
        NotReadyAddresses = [new EndpointAddress { IP = "10.9.9.9" }],
        Ports = ports.Length == 0 ? null : ports.Select(p => new EndpointPort { Port = p }).ToList(),
    };
}
