using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Storage.Memory;

namespace Orca.ApiServer.Tests.Registry;

/// <summary>A real API server in the test process (memory store, temp dir, free port) and an HttpClient trusting its CA.</summary>
internal sealed class InProcessApi : IAsyncDisposable
{
    private readonly string _dir;

    private InProcessApi(string dir, OrcaApiServer server, HttpClient http)
    {
        _dir = dir;
        Server = server;
        Http = http;
    }

    public OrcaApiServer Server { get; }
    public HttpClient Http { get; }

    public static async Task<InProcessApi> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("orca-apiserver-test-").FullName;
        var server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, new MemoryStore(),
            TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        var ca = X509Certificate2.CreateFromPem(server.CaPem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return cert is not null && chain.Build(new X509Certificate2(cert));
        };
        var http = new HttpClient(handler) { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.AdminToken);
        return new InProcessApi(dir, server, http);
    }

    public async Task<(HttpStatusCode Code, JsonElement Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
