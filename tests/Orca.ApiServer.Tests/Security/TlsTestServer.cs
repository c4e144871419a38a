using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orca.ApiServer.Security;

namespace Orca.ApiServer.Tests.Security;

/// <summary>
/// A minimal Kestrel app on 127.0.0.1:0 wired with <see cref="KestrelTlsExtensions.ConfigureHttps"/>:
/// /version answers only authenticated callers; every other path echoes the user name
/// (or "anonymous" for anonymous paths) and answers 401 otherwise.
/// </summary>
internal sealed class TlsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Every authentication outcome seen, in arrival order.</summary>
    public ConcurrentQueue<AuthenticationResult> Seen { get; } = new();

    public static async Task<TlsTestServer> StartAsync(ClusterPki pki)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttps(IPAddress.Loopback, 0, pki));
        var app = builder.Build();
        var authenticator = Authenticator.ForCluster(pki, TimeProvider.System);
        TlsTestServer? server = null;
        app.Run(async context =>
        {
            var result = authenticator.Authenticate(context.Request.Headers.Authorization, context.Connection.ClientCertificate);
            server!.Seen.Enqueue(result);
            var path = context.Request.Path.Value ?? "/";
            if (result.IsAuthenticated && path == "/version")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"major":"1","minor":"32","gitVersion":"v1.32.0"}""");
            }
            else if (result.IsAuthenticated || (result.Outcome == AuthenticationOutcome.NoCredentials && Authenticator.IsAnonymousPath(path) && path != "/version"))
            {
                await context.Response.WriteAsync(result.User?.Name ?? "anonymous");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new TlsTestServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
