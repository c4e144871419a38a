using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orca.ApiServer.Discovery;
using Orca.ApiServer.Handlers;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources;
using Orca.ApiServer.Security;
using Orca.Storage;

namespace Orca.ApiServer;

/// <summary>
/// The API server: the resource registry over a key-value store, HTTPS with the cluster PKI, and
/// the Kubernetes REST API. <see cref="StartAsync"/> returns once the caches are loaded, the
/// built-in namespaces exist and the listener is up; the admin kubeconfig is written then.
/// Dispose stops the listener, then the caches. The store is owned by the caller.
/// </summary>
public sealed class OrcaApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApiCatalog _catalog;
    private readonly ClusterPki _pki;
    private readonly CancellationTokenSource _stop = new();
    private Task _background = Task.CompletedTask;
    private IDisposable? _agents;

    private OrcaApiServer(WebApplication app, ApiCatalog catalog, ClusterPki pki, Uri url, string kubeconfigPath)
    {
        _app = app;
        _catalog = catalog;
        _pki = pki;
        Url = url;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The Kubernetes version Orca speaks.</summary>
    public static string Version => Http.ServerInfo.GitVersion;

    public Uri Url { get; }
    public string KubeconfigPath { get; }
    public string AdminToken => _pki.AdminToken;
    public string CaPem => _pki.CaPem;

    public static async Task<OrcaApiServer> StartAsync(ApiServerOptions options, IKeyValueStore store, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        options.Validate();
        Directory.CreateDirectory(options.DataDir);
        var logger = loggers.CreateLogger("Orca.ApiServer");
        var pki = ClusterPki.LoadOrCreate(options.DataDir, [options.Bind.ToString()], time);

        var catalog = new ApiCatalog();
        ResourceStore? namespaces = null;
        ResourceStore? services = null;
        ResourceStore? priorityClasses = null;
        ResourceStore? storageClasses = null;
        var admission = new AdmissionChain(new NamespaceLifecycle(() => namespaces!), new ServiceAllocator(() => services!),
            new PriorityAdmission(() => priorityClasses!), new DefaultStorageClassAdmission(() => storageClasses!));
        foreach (var definition in CoreResources.Definitions().Concat(WorkloadResources.Definitions()))
            catalog.Add(new ResourceStore(definition, store, time, admission, logger));
        namespaces = catalog.Get("", "v1", "namespaces");
        services = catalog.Get("", "v1", "services");
        priorityClasses = catalog.Get("scheduling.k8s.io", "v1", "priorityclasses");
        storageClasses = catalog.Get("storage.k8s.io", "v1", "storageclasses");
        foreach (var s in catalog.All) s.Start();
        await Task.WhenAll(catalog.All.Select(s => s.Cache.Ready)).WaitAsync(cancellationToken);
        await Bootstrap.EnsureAsync(catalog, options.Port, pki.CaPem, cancellationToken);

        var subresources = new SubresourceHandlers();
        var agents = new Proxy.NodeConnection(pki.IssueClientCertificate("orca-apiserver-agent-client", ["system:masters"], TimeSpan.FromDays(365), time));
        CoreResources.AddSubresources(subresources, time, () => catalog.Get("", "v1", "nodes"), () => catalog.Get("policy", "v1", "poddisruptionbudgets"), agents);
        WorkloadResources.AddSubresources(subresources);
        var resources = new ResourceHandler(catalog, subresources, time, new ObjectDecoder(new SchemaUnknownFields()));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            k.ConfigureHttps(options.Bind, options.Port, pki);
        });
        var app = builder.Build();
        var ready = false;
        var openApi = new OpenApiEndpoint(OpenApiSource.Build(catalog));
        var serverAddress = $"{options.Bind}:{options.Port}";
        var pipeline = new RequestPipeline(Authenticator.ForCluster(pki, time), new DiscoveryDocuments(catalog, serverAddress), openApi,
            resources, () => ready, logger);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Run(pipeline.InvokeAsync);
        await app.StartAsync(cancellationToken);

        var port = PortOf(app) ?? options.Port;
        var host = options.Bind.Equals(IPAddress.Any) || options.Bind.Equals(IPAddress.IPv6Any) ? "127.0.0.1"
            : options.Bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.Bind}]" : options.Bind.ToString();
        var url = new Uri($"https://{host}:{port}");
        var kubeconfig = Path.Combine(options.DataDir, "kubeconfig");
        KubeconfigWriter.Write(kubeconfig, url.ToString().TrimEnd('/'), pki);
        ready = true;
        var server = new OrcaApiServer(app, catalog, pki, url, kubeconfig) { _agents = agents };
        server._background = Task.WhenAll(
            Task.Run(() => new DefaultServiceAccounts(catalog, pki.CaPem, logger).RunAsync(server._stop.Token), CancellationToken.None),
            Task.Run(() => new NamespaceFinalizer(catalog, time, logger).RunAsync(server._stop.Token), CancellationToken.None),
            Task.Run(() => new Compactor(store, options.CompactionInterval, time, logger).RunAsync(server._stop.Token), CancellationToken.None));
        return server;
    }

    private static int? PortOf(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        return first is null ? null : new Uri(first.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _background;
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var s in _catalog.All) await s.DisposeAsync();
        _agents?.Dispose();
        _pki.Dispose();
    }
}
