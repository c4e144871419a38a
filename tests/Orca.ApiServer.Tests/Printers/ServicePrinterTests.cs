using Orca.Api.Core;
using Orca.Api.Meta;
using static Orca.ApiServer.Tests.Printers.PodPrinterTests;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class ServicePrinterTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Now;

    [Fact]
    public void Cluster_ip_service()
    {
        var service = NewService("ClusterIP");
        service.Spec.ClusterIPs = ["10.96.0.10", "fd00::10"];
        service.Spec.Ports = [new() { Port = 53, Protocol = "UDP" }, new() { Port = 53, Protocol = "TCP" }];
        service.Spec.Selector = new() { ["k8s-app"] = "dns", ["app"] = "web" };

        var cells = PrinterSet.Service.Cells(service, Now);

        Assert.Equal(["web", "ClusterIP", "10.96.0.10", "<none>", "53/UDP,53/TCP", "2m", "app=web,k8s-app=dns"], cells.Select(Str));
    }

    [Fact]
    public void Headless_service_without_ports_or_selector()
    {
        var service = NewService("ClusterIP");
        service.Spec.ClusterIP = "None";

        var cells = PrinterSet.Service.Cells(service, Now);

        Assert.Equal(["None", "<none>", "<none>"], new[] { cells[2], cells[3], cells[4] }.Select(Str));
        Assert.Equal("<none>", Str(cells[6]));
    }

    [Fact]
    public void Node_port_is_shown_beside_the_port()
    {
        var service = NewService("NodePort");
        service.Spec.Ports = [new() { Port = 80, NodePort = 30080, Protocol = "TCP" }, new() { Port = 443, Protocol = "TCP" }];

        Assert.Equal("80:30080/TCP,443/TCP", Str(PrinterSet.Service.Cells(service, Now)[4]));
    }

    [Theory]
    [InlineData("ClusterIP", "", "", "<none>")]
    [InlineData("ClusterIP", "1.2.3.4,5.6.7.8", "", "1.2.3.4,5.6.7.8")]
    [InlineData("NodePort", "1.2.3.4", "", "1.2.3.4")]
    [InlineData("LoadBalancer", "", "", "<pending>")]
    [InlineData("LoadBalancer", "", "9.9.9.9,lb.example.com,1.1.1.1,9.9.9.9", "1.1.1.1,9.9.9.9,lb.example.com")]
    [InlineData("LoadBalancer", "5.5.5.5", "2.2.2.2", "2.2.2.2,5.5.5.5")]
    [InlineData("LoadBalancer", "5.5.5.5", "", "5.5.5.5")]
    [InlineData("ExternalName", "", "", "db.example.com")]
    [InlineData(null, "", "", "<unknown>")]
    public void External_ip(string? type, string externalIPs, string ingress, string expected)
    {
        var service = NewService(type);
        service.Spec.ExternalName = "db.example.com";
        service.Spec.ExternalIPs = Split(externalIPs);
        service.Status.LoadBalancer = new LoadBalancerStatus
        {
            Ingress = Split(ingress).Select(a => char.IsDigit(a[0]) ? new LoadBalancerIngress { IP = a } : new LoadBalancerIngress { Hostname = a }).ToList(),
        };

        Assert.Equal(expected, Str(PrinterSet.Service.Cells(service, Now)[3]));
    }

    [Fact]
    public void Columns_match_kubernetes()
    {
        var columns = PrinterSet.Service.Columns;

        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], columns.Select(c => c.Priority));
    }

    private static List<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Service NewService(string? type) => new()
    {
        Metadata = new ObjectMeta { Name = "web", CreationTimestamp = Now.AddMinutes(-2) },
        Spec = new ServiceSpec { Type = type },
    };
}
