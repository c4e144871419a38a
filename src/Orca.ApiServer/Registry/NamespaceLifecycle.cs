using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Kubernetes' NamespaceLifecycle admission: a namespaced object may only be created in a
/// namespace that exists (404 otherwise) and is not terminating (403 with a NamespaceTerminating cause).
/// </summary>
internal sealed class NamespaceLifecycle(Func<ResourceStore> namespaces) : IAdmission
{
    public async Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken)
    {
        if (!definition.Namespaced) return;
        var ns = obj.Metadata.Namespace ?? "";
        var cached = await namespaces().TryGetAsync("", ns, cancellationToken) ?? throw ApiErrors.NotFound("", "namespaces", ns);
        var phase = ((Namespace)cached.Object).Status.Phase;
        if (phase == "Terminating" || cached.Object.Metadata.DeletionTimestamp is not null)
        {
            var refused = ApiErrors.Forbidden(definition.Group, definition.Resource, obj.Metadata.Name ?? "",
                $"unable to create new content in namespace {ns} because it is being terminated");
            // Controllers (e.g. a ReplicaSet creating pods) recognise this cause and stop retrying.
            refused.Status.Details!.Causes = [new StatusCause { Type = "NamespaceTerminating", Message = $"namespace {ns} is being terminated", Field = "metadata.namespace" }];
            throw refused;
        }
    }
}
