using Microsoft.AspNetCore.Http;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

/// <summary>One request to a subresource, with everything a handler needs.</summary>
internal sealed record SubresourceRequest(HttpContext Context, RequestInfo Info, ResourceStore Store, string Namespace, ResourceHandler Resources)
{
    /// <summary>Reads the POST body of a create-only subresource (binding, eviction) as <typeparamref name="T"/>; 405 for other methods.</summary>
    public async Task<T> ReadPostedAsync<T>(string kind) where T : class
    {
        if (Context.Request.Method != "POST") throw ApiErrors.MethodNotAllowed(Context.Request.Method, Context.Request.Path);
        var body = await RequestBody.ReadBytesAsync(Context, Context.RequestAborted);
        var node = RequestBody.ParseDocument(body, RequestBody.MediaType(Context), out var isJson);
        try
        {
            // Bytes that parsed as JSON give the same object as their tree, without writing the tree out again.
            var posted = isJson
                ? System.Text.Json.JsonSerializer.Deserialize(body, Orca.Api.Json.ApiJson.Info<T>())
                : System.Text.Json.JsonSerializer.Deserialize(node, Orca.Api.Json.ApiJson.Info<T>());
            return posted ?? throw ApiErrors.BadRequest($"empty {kind}");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiErrors.BadRequest($"{kind} in version \"v1\" cannot be handled as a {kind}: {RequestBody.Describe(e)}");
        }
    }
}

/// <summary>A subresource endpoint (pods/status, pods/binding, pods/log, …).</summary>
internal interface ISubresourceHandler
{
    Task HandleAsync(SubresourceRequest request);
}

/// <summary>The subresource endpoints, by resource and subresource name; filled at start-up.</summary>
internal sealed class SubresourceHandlers
{
    private readonly Dictionary<(string Group, string Resource, string Subresource), ISubresourceHandler> _handlers = new();

    public void Add(string group, string resource, string subresource, ISubresourceHandler handler) =>
        _handlers[(group, resource, subresource)] = handler;

    public ISubresourceHandler? Find(ResourceDefinition definition, string subresource) =>
        _handlers.GetValueOrDefault((definition.Group, definition.Resource, subresource));
}
