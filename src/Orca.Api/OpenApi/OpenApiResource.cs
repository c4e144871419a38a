namespace Orca.Api.OpenApi;

/// <summary>A group, version and kind as OpenAPI tags it (group "" is the core group).</summary>
public sealed record OpenApiGroupVersionKind(string Group, string Version, string Kind);

/// <summary>
/// One resource served by the API server, as the OpenAPI documents describe it.
/// </summary>
/// <param name="Group">API group, "" for core.</param>
/// <param name="Resource">Plural lower-case name used in paths ("pods").</param>
/// <param name="ObjectType">The CLR type of one object; its schema is tagged with this kind.</param>
/// <param name="ListType">The CLR type of a list of objects; tagged with Kind + "List".</param>
/// <param name="Verbs">
/// What the server really supports: get, list, watch, create, update, patch, delete,
/// deletecollection. Only these operations are advertised.
/// </param>
public sealed record OpenApiResource(
    string Group,
    string Version,
    string Resource,
    string Kind,
    bool Namespaced,
    Type ObjectType,
    Type ListType,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<OpenApiSubresource> Subresources)
{
    public OpenApiGroupVersionKind GroupVersionKind => new(Group, Version, Kind);

    /// <summary>The document this resource belongs to: "api/v1" or "apis/&lt;group&gt;/&lt;version&gt;".</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
}

/// <summary>
/// A subresource such as "status", "eviction", "binding" or "scale".
/// </summary>
/// <param name="ObjectType">The body type, or null when it is the parent's type (status).</param>
/// <param name="Verbs">get, update, patch, create (POST) — what the server supports.</param>
/// <param name="ObjectKind">
/// The group/version/kind of <paramref name="ObjectType"/>; when null it is taken from the
/// schema name table (<see cref="OpenApiSchemaNames"/>) and the CLR type name, or from the
/// parent for a null <paramref name="ObjectType"/>.
/// </param>
public sealed record OpenApiSubresource(
    string Name,
    Type? ObjectType,
    IReadOnlyList<string> Verbs,
    OpenApiGroupVersionKind? ObjectKind = null);
