using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Endpoints.</summary>
[Doc("The addresses and ports that back a service.")]
public sealed record Endpoints : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [ListType("atomic")]
    public List<EndpointSubset>? Subsets { get; set; }
}

/// <summary>core/v1 EndpointsList.</summary>
public sealed record EndpointsList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Endpoints> Items { get; set; } = new();
}

/// <summary>core/v1 EndpointSubset: every address paired with every port.</summary>
public sealed record EndpointSubset
{
    [ListType("atomic")] public List<EndpointAddress>? Addresses { get; set; }
    [ListType("atomic")] public List<EndpointAddress>? NotReadyAddresses { get; set; }
    [ListType("atomic")] public List<EndpointPort>? Ports { get; set; }
}

/// <summary>core/v1 EndpointAddress.</summary>
public sealed record EndpointAddress
{
    [ApiRequired] public string IP { get; set; } = "";
    public string? Hostname { get; set; }
    public string? NodeName { get; set; }
    public ObjectReference? TargetRef { get; set; }
}

/// <summary>core/v1 EndpointPort.</summary>
public sealed record EndpointPort
{
    public string? Name { get; set; }
    [ApiRequired] public int Port { get; set; }
    public string? Protocol { get; set; }
    public string? AppProtocol { get; set; }
}
