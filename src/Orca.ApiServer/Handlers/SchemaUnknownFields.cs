using System.Text.Json.Nodes;
using Orca.Api.Schema;

namespace Orca.ApiServer.Handlers;

/// <summary>Unknown-field detection from the types' schema (built once per type, cached).</summary>
internal sealed class SchemaUnknownFields : IUnknownFieldFinder
{
    public IReadOnlyList<string> FindAndPrune(Type type, JsonNode node) => UnknownFieldDetector.Prune(node, SchemaRegistry.For(type));
}
