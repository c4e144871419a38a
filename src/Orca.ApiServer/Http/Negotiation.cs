namespace Orca.ApiServer.Http;

/// <summary>What representation the client asked for in its Accept header.</summary>
internal enum ResponseShape { Object, Table, PartialObjectMetadata, AggregatedDiscovery }

internal enum ResponseFormat { Json, Yaml }

internal sealed record Negotiated(ResponseShape Shape, ResponseFormat Format, string? TableVersion = null, string? DiscoveryVersion = null);

/// <summary>
/// Accept-header negotiation as kubectl uses it: `application/json;as=Table;v=v1;g=meta.k8s.io`
/// for server-side printing, `…;as=APIGroupDiscoveryList;g=apidiscovery.k8s.io;v=v2` for aggregated
/// discovery, JSON for everything else (protobuf is never served; JSON is acceptable to kubectl).
/// </summary>
internal static class Negotiation
{
    public static Negotiated Parse(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return new(ResponseShape.Object, ResponseFormat.Json);
        var fallbackFormat = (ResponseFormat?)null;
        foreach (var raw in accept.Split(','))
        {
            var parts = raw.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var type = parts[0].ToLowerInvariant();
            string? asParam = null, g = null, v = null;
            foreach (var p in parts.Skip(1))
            {
                var eq = p.IndexOf('=');
                if (eq < 0) continue;
                var name = p[..eq].Trim();
                var value = p[(eq + 1)..].Trim();
                switch (name)
                {
                    case "as": asParam = value; break;
                    case "g": g = value; break;
                    case "v": v = value; break;
                }
            }
            var format = type switch
            {
                "application/json" or "application/*" or "*/*" => ResponseFormat.Json,
                "application/yaml" => ResponseFormat.Yaml,
                _ => (ResponseFormat?)null,
            };
            if (format is null) continue;
            if (asParam is null)
            {
                fallbackFormat ??= format;
                continue;
            }
            if (asParam == "Table" && g == "meta.k8s.io" && v is "v1" or "v1beta1")
                return new(ResponseShape.Table, format.Value, TableVersion: v);
            if (asParam == "PartialObjectMetadata" && g == "meta.k8s.io" && v is "v1" or "v1beta1")
                return new(ResponseShape.PartialObjectMetadata, format.Value);
            if (asParam == "PartialObjectMetadataList" && g == "meta.k8s.io" && v is "v1" or "v1beta1")
                return new(ResponseShape.PartialObjectMetadata, format.Value);
            if (asParam == "APIGroupDiscoveryList" && g == "apidiscovery.k8s.io" && v is "v2" or "v2beta1")
                return new(ResponseShape.AggregatedDiscovery, format.Value, DiscoveryVersion: v);
        }
        if (fallbackFormat is { } f) return new(ResponseShape.Object, f);
        // Only protobuf or unknown types were offered: answer JSON if anything was acceptable at all.
        if (accept.Contains("protobuf", StringComparison.OrdinalIgnoreCase)) return new(ResponseShape.Object, ResponseFormat.Json);
        throw ApiErrors.NotAcceptable(accept);
    }
}
