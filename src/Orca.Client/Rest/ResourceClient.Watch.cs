using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Client;

public sealed partial class ResourceClient<T>
{
    /// <summary>
    /// Streams watch events until the server ends the stream (timeout), <paramref name="ct"/> is cancelled
    /// (the enumeration then just stops), or an error: a non-2xx answer or an ERROR event throws
    /// <see cref="ApiException"/> (410 <see cref="ApiException.IsGone"/> means: list again).
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns, WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new WatchOptions();
        var query = new Query().Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("labelSelector", options.LabelSelector).Add("fieldSelector", options.FieldSelector)
            .Add("timeoutSeconds", options.Timeout is { } t ? Math.Max(1, (long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null);
        HttpResponseMessage response;
        try
        {
            response = await _client.StreamAsync(Info.Path(ns) + query, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            yield break;
        }
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(ct);
                }
                catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or IOException)
                {
                    yield break;
                }
                if (line is null) yield break;
                if (line.Length == 0) continue;
                yield return ParseEvent(line);
            }
        }
    }

    /// <summary>Decodes one line of a watch stream; ERROR events throw.</summary>
    internal static WatchEvent<T> ParseEvent(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (!root.TryGetProperty("object", out var obj)) throw new InvalidDataException($"watch event without object: {type}");
        switch (type)
        {
            case "ERROR":
                var status = obj.Deserialize(ApiJson.Info<Status>()) ?? new Status();
                status.Code ??= 500;
                throw new ApiException(status);
            case "ADDED": return new WatchEvent<T>(WatchEventType.Added, Object(obj));
            case "MODIFIED": return new WatchEvent<T>(WatchEventType.Modified, Object(obj));
            case "DELETED": return new WatchEvent<T>(WatchEventType.Deleted, Object(obj));
            case "BOOKMARK": return new WatchEvent<T>(WatchEventType.Bookmark, Object(obj));
            default: throw new InvalidDataException($"unknown watch event type \"{type}\"");
        }
    }

    private static T Object(JsonElement element) =>
        element.Deserialize(ApiJson.Info<T>()) ?? throw new InvalidDataException("null watch object");
}
