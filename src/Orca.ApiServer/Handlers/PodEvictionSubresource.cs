using System.Text.Json;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// pods/eviction (POST policy/v1 Eviction): a delete that disruption budgets may refuse.
/// PodDisruptionBudgets arrive with the controllers; until then every eviction is allowed and
/// deletes the pod gracefully with the eviction's delete options.
/// </summary>
internal sealed class PodEvictionSubresource : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest r)
    {
        var ct = r.Context.RequestAborted;
        var eviction = await r.ReadPostedAsync<Eviction>("Eviction");
        if (!string.IsNullOrEmpty(eviction.Metadata.Name) && eviction.Metadata.Name != r.Info.Name)
            throw ApiErrors.BadRequest($"name in URL does not match name in Eviction object");
        await r.Store.DeleteAsync(r.Namespace, r.Info.Name, eviction.DeleteOptions ?? new DeleteOptions(), ResourceHandler.WriteOptionsOf(r.Context), ct);
        await Responses.WriteAsync(r.Context, 201, new Status { Outcome = "Success", Code = 201 });
    }
}
