using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 endpoints: NAME ENDPOINTS AGE.</summary>
internal sealed class EndpointsPrinter : TablePrinter<Endpoints>
{
    private const int Shown = 3;

    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Endpoints", "Ready addresses with their ports."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Endpoints endpoints, DateTimeOffset now) =>
        [Text(endpoints.Metadata.Name), Text(Format(endpoints)), AgeOf(endpoints, now)];

    /// <summary>
    /// "ip:port" for each ready address and port (bare IPs for a subset without ports), at most three,
    /// then " + N more..." counting every further pair; "&lt;none&gt;" without subsets.
    /// </summary>
    internal static string Format(Endpoints endpoints)
    {
        if (endpoints.Subsets is not { Count: > 0 } subsets) return "<none>";
        var shown = new List<string>(Shown);
        int total = 0;
        foreach (var subset in subsets)
        {
            var addresses = subset.Addresses ?? [];
            if (subset.Ports is not { Count: > 0 } ports)
            {
                total += addresses.Count;
                shown.AddRange(addresses.Take(Shown - shown.Count).Select(a => a.IP));
                continue;
            }
            foreach (var port in ports)
            {
                total += addresses.Count;
                shown.AddRange(addresses.Take(Shown - shown.Count).Select(a => HostPort(a.IP, port.Port)));
            }
        }
        string joined = string.Join(",", shown);
        return total > Shown ? $"{joined} + {total - Shown} more..." : joined;
    }

    private static string HostPort(string ip, int port) => ip.Contains(':') ? $"[{ip}]:{port}" : $"{ip}:{port}";
}
