using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orca.Agent.Probes;
using Orca.Api.Core;

namespace Orca.Agent.Tests;

/// <summary>
/// grpc probes against an in-process Kestrel speaking HTTP/2 without TLS (prior knowledge, like a gRPC
/// server): its Health/Check answers per service as a gRPC health service would.
/// </summary>
public sealed class GrpcProbeTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private int _port;
    private readonly List<string> _seen = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost(GrpcHealth.CheckPath, CheckAsync);
        _app.MapPost("/other/Check", (HttpContext c) => Trailers(c, 0, null));
        await _app.StartAsync();
        _port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>"" and "api" serve, "db" does not, "slow" answers after 3 s, "bare" has no health service, others are unknown.</summary>
    private async Task CheckAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var service = GrpcHealth.DecodeRequest(GrpcHealth.Unframe(body.ToArray()) ?? []);
        lock (_seen) _seen.Add($"{context.Request.Protocol} {context.Request.ContentType} {service}");
        switch (service)
        {
            case "" or "api":
                await Reply(context, 1);
                break;
            case "db":
                await Reply(context, 2);
                break;
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
                await Reply(context, 1);
                break;
            case "bare":
                await Trailers(context, 12, "unknown service grpc.health.v1.Health");
                break;
            default:
                await Trailers(context, 5, "unknown service");
                break;
        }
    }

    private static async Task Reply(HttpContext context, int status)
    {
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(GrpcHealth.Frame(GrpcHealth.EncodeResponse(status)));
        context.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>A trailers-only answer: the status travels in the headers.</summary>
    private static Task Trailers(HttpContext context, int code, string? message)
    {
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (message is not null) context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }

    // Generous by default: the first call JITs the HTTP/2 client and server on a possibly busy machine; only the timeout test uses 1 s.
    private Task<ActionResult> Probe(string? service, int timeoutSeconds = 15, int? port = null)
    {
        var pod = new Pod { Status = new PodStatus { PodIP = "127.0.0.1" } };
        var probe = new Probe { Grpc = new GRPCAction { Port = port ?? _port, Service = service }, TimeoutSeconds = timeoutSeconds };
        return new ProbeRunner(new ProbeActions(null!, null!)).RunAsync(pod, new Container { Name = "app" }, "c1", probe, CancellationToken.None);
    }

    [Fact]
    public async Task A_serving_service_passes_over_h2c_with_the_service_name_in_the_request()
    {
        Assert.Equal(new ActionResult(true, "service is serving"), await Probe(null));
        Assert.Equal(new ActionResult(true, "service is serving"), await Probe("api"));
        lock (_seen) Assert.Equal(["HTTP/2 application/grpc ", "HTTP/2 application/grpc api"], _seen);
    }

    [Fact]
    public async Task A_not_serving_service_fails_with_its_status_name() =>
        Assert.Equal(new ActionResult(false, "service unhealthy (responded with \"NOT_SERVING\")"), await Probe("db"));

    [Fact]
    public async Task An_unknown_service_fails_with_the_rpc_error()
    {
        Assert.Equal(new ActionResult(false, "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service"), await Probe("nosuch"));
        Assert.Equal(new ActionResult(false, "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health"),
            await Probe("bare"));
    }

    [Fact]
    public async Task A_slow_answer_times_out_after_timeout_seconds()
    {
        var started = DateTime.UtcNow;
        var r = await Probe("slow", timeoutSeconds: 1);
        Assert.Equal(new ActionResult(false, "timeout: health rpc did not complete within 1s"), r);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.9));
    }

    [Fact]
    public async Task A_closed_port_fails_to_connect()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var r = await Probe(null, port: closed);
        Assert.False(r.Success);
        Assert.StartsWith($"error: failed to connect service at \"127.0.0.1:{closed}\": Connection refused", r.Message);
    }

    [Fact]
    public void Health_messages_round_trip_and_bad_input_is_not_a_status()
    {
        Assert.Equal([0, 0, 0, 0, 0], GrpcHealth.EncodeRequest(""));
        var request = GrpcHealth.Unframe(GrpcHealth.EncodeRequest("my.Service"))!;
        Assert.Equal("my.Service", GrpcHealth.DecodeRequest(request));
        Assert.Equal(2, GrpcHealth.DecodeStatus(GrpcHealth.EncodeResponse(2)));
        Assert.Equal(0, GrpcHealth.DecodeStatus([]));
        Assert.Equal(1, GrpcHealth.DecodeStatus([0x12, 0x01, 0x41, 0x08, 0x01])); // an unknown field before status
        Assert.Null(GrpcHealth.DecodeStatus([0x08]));
        Assert.Null(GrpcHealth.Unframe([0, 0, 0, 0, 9, 1]));
    }
}
