using Microsoft.AspNetCore.Http;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task GetAsync(HttpContext context, ResourceStore store, string ns, string name, CancellationToken ct)
    {
        var negotiated = Negotiation.Parse(context.Request.Headers.Accept);
        var obj = await store.GetAsync(ns, name, ct);
        switch (negotiated.Shape)
        {
            case ResponseShape.Table:
                await TableWriter.WriteAsync(context, store.Definition, [obj], obj.ModRevision.ToString(), null, time.GetUtcNow());
                break;
            case ResponseShape.PartialObjectMetadata:
                await Responses.WriteNodeAsync(context, 200, TableWriter.PartialMetadata(obj));
                break;
            default:
                await Responses.WriteJsonBytesAsync(context, 200, obj.Json, negotiated.Format);
                break;
        }
    }
}
