using System.Text.Json.Serialization;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Api.Coordination;

/// <summary>coordination.k8s.io/v1 Lease: a named lock with a holder and an expiry (node heartbeats, leader election).</summary>
[Doc("A lease: who holds a named lock and until when (leader election, node heartbeats).")]
public sealed record Lease : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    public LeaseSpec Spec { get; set; } = new();
}

/// <summary>coordination.k8s.io/v1 LeaseList.</summary>
public sealed record LeaseList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Lease> Items { get; set; } = new();
}

/// <summary>coordination.k8s.io/v1 LeaseSpec.</summary>
public sealed record LeaseSpec
{
    [Doc("Identity of the current holder.")]
    public string? HolderIdentity { get; set; }
    [Doc("How long, after renewTime, others must wait before taking the lease.")]
    public int? LeaseDurationSeconds { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }
    [Doc("When the holder last renewed the lease.")]
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
    public string? Strategy { get; set; }
    public string? PreferredHolder { get; set; }
}
