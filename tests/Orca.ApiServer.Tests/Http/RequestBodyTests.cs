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
}
