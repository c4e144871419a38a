using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 secrets: NAME TYPE DATA AGE.</summary>
internal sealed class SecretPrinter : TablePrinter<Secret>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Type", "Type of the secret's contents."),
        Column.Text("Data", "Number of data keys."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Secret secret, DateTimeOffset now) =>
        [Text(secret.Metadata.Name), Text(secret.Type), Number(KeyCount(secret)), AgeOf(secret, now)];

    /// <summary>stringData keys merge into data, as they do when Kubernetes reads a secret in.</summary>
    private static int KeyCount(Secret secret)
    {
        if (secret.StringData is not { Count: > 0 } strings) return secret.Data?.Count ?? 0;
        var keys = new HashSet<string>(secret.Data?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        keys.UnionWith(strings.Keys);
        return keys.Count;
    }
}
