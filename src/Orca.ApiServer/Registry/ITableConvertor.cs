using Orca.Api;
using Orca.Api.Meta;

namespace Orca.ApiServer.Registry;

/// <summary>Server-side printing of one resource: its columns and one row of cells per object.</summary>
internal interface ITableConvertor
{
    IReadOnlyList<TableColumnDefinition> Columns { get; }

    /// <summary>Cells in column order; <paramref name="now"/> is used for ages.</summary>
    IReadOnlyList<System.Text.Json.Nodes.JsonNode?> Cells(IKubeObject obj, DateTimeOffset now);
}
