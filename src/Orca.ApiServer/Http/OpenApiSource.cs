using Orca.Api.Core;
using Orca.Api.OpenApi;
using Orca.Api.Policy;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Http;

/// <summary>Builds the OpenAPI documents of every registered resource (once, at start-up).</summary>
internal sealed class OpenApiSource(OpenApiDocuments documents) : IOpenApiSource
{
    public byte[] Index => documents.Index;
    public byte[] V2 => documents.V2;
    public string V2Hash => documents.V2Hash;

    public bool TryGet(string groupVersionPath, out byte[] json, out string hash) => documents.TryGet(groupVersionPath, out json, out hash);

    public static OpenApiSource Build(ApiCatalog catalog) =>
        new(OpenApiDocuments.Build(catalog.All.Select(s => s.Definition).Select(ToOpenApi)));

    private static OpenApiResource ToOpenApi(ResourceDefinition d) => new(d.Group, d.Version, d.Resource, d.Kind, d.Namespaced,
        d.ObjectType, d.ListType, ResourceDefinition.AllVerbs, d.Subresources.Select(Sub).OfType<OpenApiSubresource>().ToList());

    /// <summary>Only subresources with a JSON body the server really serves are described.</summary>
    private static OpenApiSubresource? Sub(SubresourceDefinition s) => s.Name switch
    {
        "status" => new OpenApiSubresource("status", null, s.Verbs),
        "finalize" => new OpenApiSubresource("finalize", null, s.Verbs),
        "binding" => new OpenApiSubresource("binding", typeof(Binding), s.Verbs, new OpenApiGroupVersionKind("", "v1", "Binding")),
        "eviction" => new OpenApiSubresource("eviction", typeof(Eviction), s.Verbs, new OpenApiGroupVersionKind("policy", "v1", "Eviction")),
        "scale" => new OpenApiSubresource("scale", typeof(Orca.Api.Autoscaling.Scale), s.Verbs, new OpenApiGroupVersionKind("autoscaling", "v1", "Scale")),
        _ => null,
    };
}
