namespace Orca.Api;

/// <summary>
/// Every top-level API object: it has a type (apiVersion + kind) and object metadata.
/// Objects are mutable records; an object taken from a cache or informer is shared and must be
/// treated as read-only — clone it (<see cref="Json.ApiJson.Clone{T}"/>) before changing it.
/// </summary>
public interface IKubeObject
{
    string? ApiVersion { get; set; }
    string? Kind { get; set; }
    Meta.ObjectMeta Metadata { get; set; }
}

/// <summary>A list of objects of one kind (PodList, NodeList, …).</summary>
public interface IKubeList
{
    string? ApiVersion { get; set; }
    string? Kind { get; set; }
    Meta.ListMeta Metadata { get; set; }
}
