using Orca.Api;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Admission checks that look beyond the object itself (e.g. the namespace must exist and not be
/// terminating). Throws a StatusException to refuse; must not change anything when it refuses.
/// </summary>
internal interface IAdmission
{
    Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken);
}
