namespace Orca.Api.Core;

/// <summary>core/v1 EnvVar.</summary>
[Doc("An environment variable: a literal value or a reference.")]
public sealed record EnvVar
{
    [ApiRequired] public string Name { get; set; } = "";
    public string? Value { get; set; }
    public EnvVarSource? ValueFrom { get; set; }
}

/// <summary>core/v1 EnvVarSource: exactly one member is set.</summary>
public sealed record EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; set; }
    public ResourceFieldSelector? ResourceFieldRef { get; set; }
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
    public SecretKeySelector? SecretKeyRef { get; set; }
}

/// <summary>core/v1 ObjectFieldSelector: a field of the pod (downward API).</summary>
public sealed record ObjectFieldSelector
{
    public string? ApiVersion { get; set; }
    [ApiRequired] public string FieldPath { get; set; } = "";
}

/// <summary>core/v1 ResourceFieldSelector: a container resource value, scaled by a divisor.</summary>
public sealed record ResourceFieldSelector
{
    public string? ContainerName { get; set; }
    [ApiRequired] public string Resource { get; set; } = "";
    public Quantity? Divisor { get; set; }
}

/// <summary>core/v1 ConfigMapKeySelector.</summary>
public sealed record ConfigMapKeySelector
{
    public string? Name { get; set; }
    [ApiRequired] public string Key { get; set; } = "";
    public bool? Optional { get; set; }
}

/// <summary>core/v1 SecretKeySelector.</summary>
public sealed record SecretKeySelector
{
    public string? Name { get; set; }
    [ApiRequired] public string Key { get; set; } = "";
    public bool? Optional { get; set; }
}

/// <summary>core/v1 EnvFromSource: all keys of a ConfigMap or Secret as variables.</summary>
public sealed record EnvFromSource
{
    public string? Prefix { get; set; }
    public ConfigMapEnvSource? ConfigMapRef { get; set; }
    public SecretEnvSource? SecretRef { get; set; }
}

/// <summary>core/v1 ConfigMapEnvSource.</summary>
public sealed record ConfigMapEnvSource
{
    public string? Name { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 SecretEnvSource.</summary>
public sealed record SecretEnvSource
{
    public string? Name { get; set; }
    public bool? Optional { get; set; }
}
