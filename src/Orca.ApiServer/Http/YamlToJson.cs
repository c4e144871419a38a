using System.Text.Json.Nodes;
using Orca.Api.Json;

namespace Orca.ApiServer.Http;

/// <summary>
/// A YAML request body as a JSON tree (Kubernetes' sigs.k8s.io/yaml typing; see <see cref="YamlJson"/>);
/// malformed, empty or null bodies are 400 Bad Request.
/// </summary>
internal static class YamlToJson
{
    public static JsonNode Convert(byte[] body)
    {
        JsonNode? node;
        bool empty;
        try
        {
            using var reader = new StreamReader(new MemoryStream(body));
            node = YamlJson.Parse(reader.ReadToEnd(), out empty);
        }
        catch (FormatException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
        if (empty) throw ApiErrors.BadRequest("the request body is empty");
        return node ?? throw ApiErrors.BadRequest("the request body is null");
    }
}
