using System.Text.Json.Nodes;

namespace Orca.Api.Meta;

/// <summary>meta.k8s.io/v1 Table: server-side printing for `kubectl get`.</summary>
public sealed record Table : IKubeObjectLike
{
    public string? ApiVersion { get; set; } = "meta.k8s.io/v1";
    public string? Kind { get; set; } = "Table";
    public ListMeta Metadata { get; set; } = new();
    public List<TableColumnDefinition> ColumnDefinitions { get; set; } = new();
    public List<TableRow> Rows { get; set; } = new();
}

public sealed record TableColumnDefinition(string Name, string Type, string Format, string Description, int Priority);

public sealed record TableRow
{
    /// <summary>Cells: strings, integers, booleans or null, in column order.</summary>
    public List<JsonNode?> Cells { get; set; } = new();
    public List<TableRowCondition>? Conditions { get; set; }
    /// <summary>PartialObjectMetadata, the full object, or absent (includeObject=None).</summary>
    public JsonNode? Object { get; set; }
}

public sealed record TableRowCondition(string Type, string Status, string? Reason, string? Message);

/// <summary>meta.k8s.io/v1 PartialObjectMetadata.</summary>
public sealed record PartialObjectMetadata : IKubeObject
{
    public string? ApiVersion { get; set; } = "meta.k8s.io/v1";
    public string? Kind { get; set; } = "PartialObjectMetadata";
    public ObjectMeta Metadata { get; set; } = new();
}

/// <summary>meta/v1 DeleteOptions, the body of a DELETE.</summary>
public sealed record DeleteOptions : IKubeObjectLike
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public long? GracePeriodSeconds { get; set; }
    public Preconditions? Preconditions { get; set; }
    public bool? OrphanDependents { get; set; }
    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; set; }
    public List<string>? DryRun { get; set; }
    public bool? IgnoreStoreReadErrorWithClusterBreakingPotential { get; set; }
}

public sealed record Preconditions
{
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
}

/// <summary>The wire type of one watch event; Object is kept raw.</summary>
public sealed record WatchEvent
{
    /// <summary>ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.</summary>
    public string Type { get; set; } = "";
    public JsonNode? Object { get; set; }
}
