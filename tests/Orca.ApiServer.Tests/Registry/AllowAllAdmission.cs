using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Tests.Registry;

/// <summary>Admission that lets every create through, for registries built directly in tests.</summary>
internal sealed class AllowAllAdmission : IAdmission
{
    public Task AdmitCreateAsync(ResourceDefinition definition, Orca.Api.IKubeObject obj, CancellationToken cancellationToken) => Task.CompletedTask;
}
