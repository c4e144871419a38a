using System.Net;
using System.Text;
using System.Text.Json;
using Orca.ApiServer.Tests.Registry;

namespace Orca.ApiServer.Tests.Http;

/// <summary>Request bodies with and without a Content-Length: read whole, and refused with 413 beyond 3 MiB.</summary>
public sealed class RequestBodyTests : IAsyncLifetime
{
    private const string Maps = "/api/v1/namespaces/default/configmaps";
    private InProcessApi _api = null!;

    public async Task InitializeAsync() => _api = await InProcessApi.StartAsync();
    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>A body sent with chunked transfer encoding (no Content-Length), in small pieces.</summary>
    private sealed class ChunkedContent(string text) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < bytes.Length; i += 7000)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(7000, bytes.Length - i)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static string Map(string name, int valueLength) =>
        $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"},"data":{"v":"{{{new string('x', valueLength)}}}"}}""";

    private async Task<(HttpStatusCode Code, JsonElement Body)> PostAsync(HttpContent content)
    {
        content.Headers.ContentType = new("application/json");
        using var response = await _api.Http.PostAsync(Maps, content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public async Task A_chunked_body_is_read_whole(int valueLength)
    {
        var (code, body) = await PostAsync(new ChunkedContent(Map("chunked", valueLength)));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(valueLength, body.GetProperty("data").GetProperty("v").GetString()!.Length);
    }

    [Fact]
    public async Task A_body_over_3_MiB_is_refused_with_or_without_a_length()
    {
        var huge = Map("huge", 3 * 1024 * 1024);
        foreach (var content in new HttpContent[] { new ChunkedContent(huge), new StringContent(huge) })
        {
            var (code, body) = await PostAsync(content);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, code);
            Assert.Equal("RequestEntityTooLarge", body.GetProperty("reason").GetString());
        }
        var (missing, _) = await _api.SendAsync(HttpMethod.Get, $"{Maps}/huge");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Json_and_yaml_bodies_decode_alike_and_bad_ones_say_where()
    {
        var (plain, _) = await _api.SendAsync(HttpMethod.Post, Maps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"plain"},"data":{"v":"1"}}""");
        var (yaml, fromYaml) = await _api.SendAsync(HttpMethod.Post, Maps, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yaml\ndata:\n  v: \"2\"\n", "application/yaml");
        using var bom = new ByteArrayContent([.. "\uFEFF"u8, .. """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bom"},"data":{"v":"3"}}"""u8]);
        var (withBom, fromBom) = await PostAsync(bom);
        var (typeError, error) = await _api.SendAsync(HttpMethod.Post, Maps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad"},"data":{"v":1}}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.BadRequest), (plain, yaml, withBom));
        Assert.Equal("2", fromYaml.GetProperty("data").GetProperty("v").GetString());
        Assert.StartsWith("error decoding request body: ", fromBom.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, typeError);
        Assert.StartsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: ", error.GetProperty("message").GetString());
        Assert.EndsWith("(at data.v)", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_fields_are_dropped_with_a_warning_or_refused_when_strict()
    {
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"extra"},"data":{"v":"1"},"bogus":{"x":1}}""";
        using var warned = await _api.Http.PostAsync(Maps, new StringContent(body, Encoding.UTF8, "application/json"));
        var (strict, refusal) = await _api.SendAsync(HttpMethod.Post, $"{Maps}?fieldValidation=Strict", body.Replace("\"extra\"", "\"strict\""));

        Assert.Equal(HttpStatusCode.Created, warned.StatusCode);
        Assert.Contains("299 - \"unknown field \\\"bogus\\\"\"", warned.Headers.GetValues("Warning"));
        var stored = JsonDocument.Parse(await warned.Content.ReadAsStringAsync()).RootElement;
        Assert.False(stored.TryGetProperty("bogus", out _));
        Assert.Equal("1", stored.GetProperty("data").GetProperty("v").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, strict);
        Assert.Equal("strict decoding error: unknown field \"bogus\"", refusal.GetProperty("message").GetString());
    }
}
