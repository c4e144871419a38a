using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>
/// How the translators read ConfigMaps and Secrets (through the client). Null means not found; other
/// failures throw and fail the sync, which is retried.
/// </summary>
internal sealed record ConfigSources(
    Func<string, string, CancellationToken, Task<ConfigMap?>> ConfigMap,
    Func<string, string, CancellationToken, Task<Secret?>> Secret);

/// <summary>A container config could not be built (missing config map key…): the CreateContainerConfigError message.</summary>
internal sealed record ConfigError(string Message);
