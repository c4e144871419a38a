using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Meta;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Printers;

/// <summary>
/// A table convertor for one object type. Rows always carry every column (the API server prints
/// "wide"; kubectl hides priority &gt; 0 columns itself). Instances are stateless and thread-safe.
/// </summary>
internal abstract class TablePrinter<T> : ITableConvertor where T : class, IKubeObject
{
    public abstract IReadOnlyList<TableColumnDefinition> Columns { get; }

    /// <exception cref="ArgumentException">The object is not a <typeparamref name="T"/> (a wiring bug).</exception>
    public IReadOnlyList<JsonNode?> Cells(IKubeObject obj, DateTimeOffset now) =>
        obj is T typed
            ? Row(typed, now)
            : throw new ArgumentException($"{GetType().Name} cannot print {obj.GetType().Name}", nameof(obj));

    protected abstract IReadOnlyList<JsonNode?> Row(T obj, DateTimeOffset now);

    /// <summary>A string cell; null prints as the empty string, as Go's zero value does.</summary>
    protected static JsonNode Text(string? value) => JsonValue.Create(value ?? "")!;

    protected static JsonNode Number(long value) => JsonValue.Create(value);

    protected static JsonNode Bool(bool value) => JsonValue.Create(value);

    protected static JsonNode AgeOf(IKubeObject obj, DateTimeOffset now) =>
        Text(Age.Since(obj.Metadata.CreationTimestamp, now));
}
