using Microsoft.AspNetCore.Http;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

/// <summary>One request to a subresource, with everything a handler needs.</summary>
internal sealed record SubresourceRequest(HttpContext Context, RequestInfo Info, ResourceStore Store, string Namespace, ResourceHandler Resources);

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
