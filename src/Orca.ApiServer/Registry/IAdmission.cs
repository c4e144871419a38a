using Orca.Api;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Admission checks that look beyond the object itself (e.g. the namespace must exist and not be
/// terminating). Throws a StatusException to refuse; must not change anything when it refuses.
/// Runs after the strategy's defaults and validation, before the object is stored; a plugin may
/// fill fields of the object it admits (priority from the PriorityClass).
/// </summary>
internal interface IAdmission
{
    Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken);

    /// <summary>An update of <paramref name="old"/> to <paramref name="obj"/> (main resource and subresources alike).</summary>
    Task AdmitUpdateAsync(ResourceDefinition definition, IKubeObject obj, IKubeObject old, CancellationToken cancellationToken) => Task.CompletedTask;
}
