using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

/// <summary>{resource}/status: GET the object, PUT or PATCH only its status.</summary>
internal sealed class StatusSubresource(IResourceStrategy statusStrategy) : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest r)
    {
        var ct = r.Context.RequestAborted;
        switch (r.Context.Request.Method)
        {
            case "GET":
                var obj = await r.Store.GetAsync(r.Namespace, r.Info.Name, ct);
                await Responses.WriteJsonBytesAsync(r.Context, 200, obj.Json);
                break;
            case "PUT":
                await r.Resources.UpdateAsync(r.Context, r.Store, r.Namespace, r.Info.Name, statusStrategy, ct);
                break;
            case "PATCH":
                await r.Resources.PatchAsync(r.Context, r.Store, r.Namespace, r.Info.Name, statusStrategy, ct);
                break;
            default:
                throw ApiErrors.MethodNotAllowed(r.Context.Request.Method, r.Context.Request.Path);
        }
    }
}
