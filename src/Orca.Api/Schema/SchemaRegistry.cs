using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orca.Api.Schema;

/// <summary>
/// Builds <see cref="TypeSchema"/>s of API types by reflection over their public properties and
/// caches them for the life of the process. Meant to run at start-up (OpenAPI, patch metadata);
/// thread-safe: concurrent callers get the same instance. Recursive types resolve to the same
/// instance. Honors [JsonPropertyName], [JsonIgnore], camelCase naming and the attributes of
/// Attributes.cs.
/// </summary>
public static class SchemaRegistry
{
    private static readonly ConcurrentDictionary<Type, TypeSchema> Cache = new();
    private static readonly Lock BuildLock = new();

    public static TypeSchema For<T>() => For(typeof(T));

    public static TypeSchema For(Type type)
    {
        if (Cache.TryGetValue(type, out var cached))
            return cached;
        lock (BuildLock)
        {
            // Build into a private table so a half-built recursive type is never published.
            var building = new Dictionary<Type, TypeSchema>();
            var schema = Build(type, building);
            foreach (var (t, s) in building)
                Cache.TryAdd(t, s);
            return Cache.GetOrAdd(type, schema);
        }
    }

    private static TypeSchema Build(Type type, Dictionary<Type, TypeSchema> building)
    {
        if (Cache.TryGetValue(type, out var cached) || building.TryGetValue(type, out cached))
            return cached;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalar(type) is { } scalar)
            return scalar;
        if (MapValueType(type) is { } valueType)
            return Remember(type, building, new TypeSchema(SchemaKind.Map, type) { Values = Build(valueType, building) });
        if (ItemType(type) is { } itemType)
            return Remember(type, building, new TypeSchema(SchemaKind.Array, type) { Items = Build(itemType, building) });
        var obj = Remember(type, building, new TypeSchema(SchemaKind.Object, type)
        {
            Description = type.GetCustomAttribute<DocAttribute>()?.Text,
        });
        FillObject(obj, building);
        return obj;
    }

    private static TypeSchema Remember(Type type, Dictionary<Type, TypeSchema> building, TypeSchema schema)
    {
        building[type] = schema;
        return schema;
    }

    private static void FillObject(TypeSchema obj, Dictionary<Type, TypeSchema> building)
    {
        var properties = new OrderedDictionary<string, FieldSchema>();
        var required = new List<string>();
        foreach (var p in obj.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetMethod is null || IsIgnored(p))
                continue;
            var field = BuildField(p, building);
            properties[field.JsonName] = field;
            if (field.Required)
                required.Add(field.JsonName);
        }
        obj.Properties = properties;
        obj.Required = required;
    }

    private static bool IsIgnored(PropertyInfo p) =>
        p.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always };

    private static FieldSchema BuildField(PropertyInfo p, Dictionary<Type, TypeSchema> building)
    {
        var listType = p.GetCustomAttribute<ListTypeAttribute>();
        return new FieldSchema
        {
            JsonName = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            PropertyName = p.Name,
            Schema = Build(p.PropertyType, building),
            PatchStrategy = p.GetCustomAttribute<PatchStrategyAttribute>()?.Strategy,
            PatchMergeKey = p.GetCustomAttribute<PatchMergeKeyAttribute>()?.Key,
            ListType = listType?.Type,
            ListMapKeys = listType?.MapKeys ?? [],
            Required = p.GetCustomAttribute<ApiRequiredAttribute>() is not null,
            Description = p.GetCustomAttribute<DocAttribute>()?.Text,
            IsMicroTime = p.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(Json.MicroTimeConverter),
        };
    }

    private static TypeSchema? Scalar(Type t)
    {
        if (t == typeof(string) || t == typeof(char) || t == typeof(Guid))
            return new TypeSchema(SchemaKind.String, t);
        if (t.IsEnum)
            return new TypeSchema(SchemaKind.String, t) { EnumValues = Enum.GetNames(t) };
        if (t == typeof(bool))
            return new TypeSchema(SchemaKind.Boolean, t);
        if (t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(ushort))
            return new TypeSchema(SchemaKind.Integer, t, "int32");
        if (t == typeof(long) || t == typeof(uint) || t == typeof(ulong))
            return new TypeSchema(SchemaKind.Integer, t, "int64");
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            return new TypeSchema(SchemaKind.Number, t, "double");
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
            return new TypeSchema(SchemaKind.DateTime, t, "date-time");
        if (t == typeof(Quantity))
            return new TypeSchema(SchemaKind.Quantity, t);
        if (t == typeof(IntOrString))
            return new TypeSchema(SchemaKind.IntOrString, t);
        if (t == typeof(byte[]))
            return new TypeSchema(SchemaKind.Bytes, t, "byte");
        if (t == typeof(object) || typeof(JsonNode).IsAssignableFrom(t) || t == typeof(JsonElement) || t == typeof(JsonDocument))
            return new TypeSchema(SchemaKind.Any, t);
        return null;
    }

    private static Type? MapValueType(Type t)
    {
        foreach (var i in t.IsInterface ? [t, .. t.GetInterfaces()] : t.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() is var d
                && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
                && i.GetGenericArguments()[0] == typeof(string))
                return i.GetGenericArguments()[1];
        }
        return null;
    }

    private static Type? ItemType(Type t)
    {
        if (t.IsArray)
            return t.GetElementType();
        foreach (var i in t.IsInterface ? [t, .. t.GetInterfaces()] : t.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                return i.GetGenericArguments()[0];
        }
        return null;
    }
}
