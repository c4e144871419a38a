using System.Text.Json.Nodes;
using Orca.Api.Meta;

namespace Orca.Api.Apps;

/// <summary>apps/v1 ControllerRevision: an immutable snapshot of a controller's state (StatefulSet, DaemonSet history).</summary>
[Doc("An immutable snapshot of a controller's template, kept for history and rollback.")]
public sealed record ControllerRevision : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The serialized state of the revision.")]
    public JsonNode? Data { get; set; }
    [Doc("The revision number.")]
    [ApiRequired] public long Revision { get; set; }
}

/// <summary>apps/v1 ControllerRevisionList.</summary>
public sealed record ControllerRevisionList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<ControllerRevision> Items { get; set; } = new();
}
