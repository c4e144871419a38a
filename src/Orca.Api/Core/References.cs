namespace Orca.Api.Core;

/// <summary>core/v1 ObjectReference: a pointer to any object, optionally to a field inside it.</summary>
[Doc("A reference to another object, optionally to a field path inside it.")]
public sealed record ObjectReference
{
    public string? Kind { get; set; }
    public string? Namespace { get; set; }
    public string? Name { get; set; }
    public string? Uid { get; set; }
    public string? ApiVersion { get; set; }
    public string? ResourceVersion { get; set; }
    public string? FieldPath { get; set; }
}

/// <summary>core/v1 LocalObjectReference: the name of an object in the same namespace.</summary>
[Doc("The name of an object in the same namespace.")]
public sealed record LocalObjectReference
{
    public string? Name { get; set; }
}

/// <summary>core/v1 TypedLocalObjectReference: a typed object in the same namespace.</summary>
public sealed record TypedLocalObjectReference
{
    public string? ApiGroup { get; set; }
    [ApiRequired] public string Kind { get; set; } = "";
    [ApiRequired] public string Name { get; set; } = "";
}

/// <summary>core/v1 TypedObjectReference: a typed object, possibly in another namespace.</summary>
public sealed record TypedObjectReference
{
    public string? ApiGroup { get; set; }
    [ApiRequired] public string Kind { get; set; } = "";
    [ApiRequired] public string Name { get; set; } = "";
    public string? Namespace { get; set; }
}
