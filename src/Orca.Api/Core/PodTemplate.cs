using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 PodTemplateSpec: the pods a controller stamps out (metadata and spec, no status).</summary>
[Doc("The template of the pods a controller creates: their metadata and spec.")]
public sealed record PodTemplateSpec
{
    [Doc("Metadata of the created pods (labels must match the controller's selector).")]
    public ObjectMeta? Metadata { get; set; }
    [Doc("Spec of the created pods.")]
    public PodSpec? Spec { get; set; }
}
