using Orca.Api.Meta;

namespace Orca.Api.Autoscaling;

/// <summary>autoscaling/v1 Scale: the body of every {resource}/scale subresource.</summary>
[Doc("The desired and observed replica count of a scalable resource.")]
public sealed record Scale : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The desired number of replicas.")]
    public ScaleSpec Spec { get; set; } = new();
    [Doc("The observed number of replicas and the pod selector.")]
    public ScaleStatus Status { get; set; } = new();
}

/// <summary>autoscaling/v1 ScaleSpec.</summary>
public sealed record ScaleSpec
{
    [Doc("Desired number of instances of the scaled object.")]
    public int? Replicas { get; set; }
}

/// <summary>autoscaling/v1 ScaleStatus.</summary>
public sealed record ScaleStatus
{
    [Doc("Actual number of observed instances of the scaled object.")]
    [ApiRequired] public int Replicas { get; set; }
    [Doc("Label selector of the pods, in its string form.")]
    public string? Selector { get; set; }
}
