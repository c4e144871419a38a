namespace Orca.Api.Core;

/// <summary>core/v1 Container.</summary>
[Doc("A single application container of a pod.")]
public sealed record Container
{
    [Doc("Name of the container, unique within the pod (a DNS label).")]
    [ApiRequired] public string Name { get; set; } = "";
    [Doc("Container image reference.")]
    public string? Image { get; set; }
    [Doc("Entrypoint; replaces the image's ENTRYPOINT.")]
    [ListType("atomic")] public List<string>? Command { get; set; }
    [Doc("Arguments; replace the image's CMD.")]
    [ListType("atomic")] public List<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    [PatchMergeKey("containerPort"), PatchStrategy("merge"), ListType("map", "containerPort", "protocol")]
    public List<ContainerPortSpec>? Ports { get; set; }
    [ListType("atomic")] public List<EnvFromSource>? EnvFrom { get; set; }
    [Doc("Environment variables to set in the container.")]
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<EnvVar>? Env { get; set; }
    [Doc("Compute resource requests and limits.")]
    public ResourceRequirements? Resources { get; set; }
    [ListType("atomic")] public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    [Doc("Always makes an init container a sidecar that keeps running.")]
    public string? RestartPolicy { get; set; }
    [PatchMergeKey("mountPath"), PatchStrategy("merge"), ListType("map", "mountPath")]
    public List<VolumeMount>? VolumeMounts { get; set; }
    [PatchMergeKey("devicePath"), PatchStrategy("merge"), ListType("map", "devicePath")]
    public List<VolumeDevice>? VolumeDevices { get; set; }
    public Probe? LivenessProbe { get; set; }
    public Probe? ReadinessProbe { get; set; }
    public Probe? StartupProbe { get; set; }
    public Lifecycle? Lifecycle { get; set; }
    public string? TerminationMessagePath { get; set; }
    public string? TerminationMessagePolicy { get; set; }
    public string? ImagePullPolicy { get; set; }
    public SecurityContext? SecurityContext { get; set; }
    public bool? Stdin { get; set; }
    public bool? StdinOnce { get; set; }
    public bool? TTY { get; set; }
}

/// <summary>core/v1 EphemeralContainer: a debugging container; the Container fields plus a target.</summary>
[Doc("A temporary container added to a running pod for debugging.")]
public sealed record EphemeralContainer
{
    [ApiRequired] public string Name { get; set; } = "";
    public string? Image { get; set; }
    [ListType("atomic")] public List<string>? Command { get; set; }
    [ListType("atomic")] public List<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    [PatchMergeKey("containerPort"), PatchStrategy("merge"), ListType("map", "containerPort", "protocol")]
    public List<ContainerPortSpec>? Ports { get; set; }
    [ListType("atomic")] public List<EnvFromSource>? EnvFrom { get; set; }
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<EnvVar>? Env { get; set; }
    public ResourceRequirements? Resources { get; set; }
    [ListType("atomic")] public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    public string? RestartPolicy { get; set; }
    [PatchMergeKey("mountPath"), PatchStrategy("merge"), ListType("map", "mountPath")]
    public List<VolumeMount>? VolumeMounts { get; set; }
    [PatchMergeKey("devicePath"), PatchStrategy("merge"), ListType("map", "devicePath")]
    public List<VolumeDevice>? VolumeDevices { get; set; }
    public Probe? LivenessProbe { get; set; }
    public Probe? ReadinessProbe { get; set; }
    public Probe? StartupProbe { get; set; }
    public Lifecycle? Lifecycle { get; set; }
    public string? TerminationMessagePath { get; set; }
    public string? TerminationMessagePolicy { get; set; }
    public string? ImagePullPolicy { get; set; }
    public SecurityContext? SecurityContext { get; set; }
    public bool? Stdin { get; set; }
    public bool? StdinOnce { get; set; }
    public bool? TTY { get; set; }
    [Doc("The container whose namespaces the ephemeral container joins.")]
    public string? TargetContainerName { get; set; }
}

/// <summary>core/v1 ContainerPort (renamed: C# forbids a member named like its type).</summary>
public sealed record ContainerPortSpec
{
    public string? Name { get; set; }
    public int? HostPort { get; set; }
    [ApiRequired] public int ContainerPort { get; set; }
    public string? Protocol { get; set; }
    public string? HostIP { get; set; }
}

/// <summary>core/v1 ResourceRequirements.</summary>
[Doc("Requests (what scheduling reserves) and limits (the enforced maximum) per resource.")]
public sealed record ResourceRequirements
{
    public Dictionary<string, Quantity>? Limits { get; set; }
    public Dictionary<string, Quantity>? Requests { get; set; }
    [ListType("map", "name")]
    public List<ResourceClaim>? Claims { get; set; }
}

/// <summary>core/v1 ResourceClaim: a reference from a container to a pod resource claim.</summary>
public sealed record ResourceClaim
{
    [ApiRequired] public string Name { get; set; } = "";
    public string? Request { get; set; }
}

/// <summary>core/v1 ContainerResizePolicy.</summary>
public sealed record ContainerResizePolicy
{
    [ApiRequired] public string ResourceName { get; set; } = "";
    [ApiRequired] public string RestartPolicy { get; set; } = "";
}

/// <summary>core/v1 VolumeMount.</summary>
[Doc("Where a pod volume is mounted inside a container.")]
public sealed record VolumeMount
{
    [ApiRequired] public string Name { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? RecursiveReadOnly { get; set; }
    [ApiRequired] public string MountPath { get; set; } = "";
    public string? SubPath { get; set; }
    public string? MountPropagation { get; set; }
    public string? SubPathExpr { get; set; }
}

/// <summary>core/v1 VolumeDevice: a raw block volume exposed as a device.</summary>
public sealed record VolumeDevice
{
    [ApiRequired] public string Name { get; set; } = "";
    [ApiRequired] public string DevicePath { get; set; } = "";
}
