using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>
/// How the translators read ConfigMaps and Secrets, and PersistentVolumeClaims and PersistentVolumes (through
/// the client). Null means not found; other failures throw and fail the sync, which is retried.
/// </summary>
internal sealed record ConfigSources(
    Func<string, string, CancellationToken, Task<ConfigMap?>> ConfigMap,
    Func<string, string, CancellationToken, Task<Secret?>> Secret)
{
    /// <summary>A claim by namespace and name; none by default.</summary>
    public Func<string, string, CancellationToken, Task<PersistentVolumeClaim?>> Claim { get; init; } = (_, _, _) => Task.FromResult<PersistentVolumeClaim?>(null);

    /// <summary>A volume by name; none by default.</summary>
    public Func<string, CancellationToken, Task<PersistentVolume?>> Volume { get; init; } = (_, _) => Task.FromResult<PersistentVolume?>(null);
}

/// <summary>
/// A container config could not be built (missing config map key…): the CreateContainerConfigError message;
/// or, with <see cref="Volume"/>, that volume could not be set up (the pod waits in ContainerCreating, FailedMount).
/// </summary>
internal sealed record ConfigError(string Message, string? Volume = null);
