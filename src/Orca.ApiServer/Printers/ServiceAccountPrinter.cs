using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 serviceaccounts: NAME SECRETS AGE.</summary>
internal sealed class ServiceAccountPrinter : TablePrinter<ServiceAccount>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Secrets", "Number of secrets listed by the service account."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(ServiceAccount account, DateTimeOffset now) =>
        [Text(account.Metadata.Name), Number(account.Secrets?.Count ?? 0), AgeOf(account, now)];
}
