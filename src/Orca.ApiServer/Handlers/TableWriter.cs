using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Watch;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// Server-side printing: meta.k8s.io/v1 Table answers for `kubectl get`, with the resource's
/// columns (or Name / Created At when it has no printer) and each row's object as
/// PartialObjectMetadata (default), the full object (includeObject=Object) or nothing (None).
/// </summary>
internal static class TableWriter
{
    private static readonly IReadOnlyList<TableColumnDefinition> DefaultColumns =
    [
        new("Name", "string", "name", "Name must be unique within a namespace.", 0),
        new("Created At", "date", "", "The time the object was created.", 0),
    ];

    public static IReadOnlyList<TableColumnDefinition> Columns(ResourceDefinition def) => def.Table?.Columns ?? DefaultColumns;

    /// <summary>Streams a Table answer (large lists are never held in memory as one buffer).</summary>
    public static async Task WriteAsync(HttpContext context, ResourceDefinition def, IReadOnlyList<CachedObject> items, string resourceVersion,
        string? continueToken, DateTimeOffset now, string? includeObject = null, long? remaining = null)
    {
        CheckIncludeObject(includeObject);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json;as=Table;v=v1;g=meta.k8s.io";
        await using var w = new Utf8JsonWriter(context.Response.BodyWriter);
        await WriteTableAsync(w, def, items, resourceVersion, continueToken, now, includeObject, remaining, includeColumns: true, context.RequestAborted);
    }

    /// <summary>A Table as one buffer (the one-row Tables of watch events).</summary>
    public static byte[] Build(ResourceDefinition def, IReadOnlyList<CachedObject> items, string? resourceVersion, string? continueToken,
        DateTimeOffset now, string? includeObject, long? remaining, bool includeColumns)
    {
        CheckIncludeObject(includeObject);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteTableAsync(w, def, items, resourceVersion, continueToken, now, includeObject, remaining, includeColumns, CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        return buffer.ToArray();
    }

    private static void CheckIncludeObject(string? includeObject)
    {
        if (includeObject is { Length: > 0 } && includeObject is not ("None" or "Metadata" or "Object"))
            throw ApiErrors.BadRequest($"includeObject: Unsupported value: \"{includeObject}\": supported values: \"Metadata\", \"None\", \"Object\"");
    }

    /// <summary>Writes the Table, flushing every few hundred rows when the writer is over a stream or pipe.</summary>
    private static async Task WriteTableAsync(Utf8JsonWriter w, ResourceDefinition def, IReadOnlyList<CachedObject> items, string? resourceVersion,
        string? continueToken, DateTimeOffset now, string? includeObject, long? remaining, bool includeColumns, CancellationToken ct)
    {
        {
            w.WriteStartObject();
            w.WriteString("kind", "Table");
            w.WriteString("apiVersion", "meta.k8s.io/v1");
            w.WriteStartObject("metadata");
            if (resourceVersion is not null) w.WriteString("resourceVersion", resourceVersion);
            if (continueToken is not null) w.WriteString("continue", continueToken);
            if (remaining is { } r) w.WriteNumber("remainingItemCount", r);
            w.WriteEndObject();
            w.WriteStartArray("columnDefinitions");
            if (includeColumns)
            {
                foreach (var c in Columns(def))
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WriteString("type", c.Type);
                    w.WriteString("format", c.Format);
                    w.WriteString("description", c.Description);
                    w.WriteNumber("priority", c.Priority);
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();
            w.WriteStartArray("rows");
            for (var i = 0; i < items.Count; i++)
            {
                WriteRow(w, def, items[i], now, includeObject);
                if (w.BytesPending > FlushThreshold) await w.FlushAsync(ct);
            }
            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }
    }

    internal const int FlushThreshold = 64 * 1024;

    private static void WriteRow(Utf8JsonWriter w, ResourceDefinition def, CachedObject item, DateTimeOffset now, string? includeObject)
    {
        w.WriteStartObject();
        w.WriteStartArray("cells");
        if (def.Table is { } table)
        {
            foreach (var cell in table.Cells(item.Object, now))
            {
                if (cell is null) w.WriteNullValue();
                else cell.WriteTo(w);
            }
        }
        else
        {
            w.WriteStringValue(item.Object.Metadata.Name);
            if (item.Object.Metadata.CreationTimestamp is { } created) w.WriteStringValue(TimeConverter.Format(created));
            else w.WriteNullValue();
        }
        w.WriteEndArray();
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                w.WritePropertyName("object");
                w.WriteRawValue(item.Json, skipInputValidation: true);
                break;
            default:
                w.WritePropertyName("object");
                PartialMetadata(item).WriteTo(w);
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>The object reduced to its metadata, as meta.k8s.io/v1 PartialObjectMetadata.</summary>
    public static JsonObject PartialMetadata(CachedObject item)
    {
        var meta = JsonSerializer.SerializeToNode(item.Object.Metadata, ApiJson.Info<ObjectMeta>());
        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = meta,
        };
    }
}
