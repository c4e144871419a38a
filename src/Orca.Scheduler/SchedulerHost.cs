using Microsoft.Extensions.Logging;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Policy;
using Orca.Api.Storage;
using Orca.Client;
using Orca.Scheduler.Config;
using Orca.Scheduler.Host;

namespace Orca.Scheduler;

/// <summary>
/// The scheduler as a component: informers for pods (not finished), nodes, namespaces, the objects that group
/// pods (services, replication controllers, replica sets, stateful sets) and disruption budgets; then,
/// under the kube-system/kube-scheduler lease when leader election is on, a fresh <see cref="Scheduler"/>
/// per leadership term fed by those informers. Losing the lease stops scheduling until it is won again.
/// <see cref="StartAsync"/> returns once the informers have synced; dispose stops everything.
/// </summary>
public sealed class SchedulerHost : IAsyncDisposable
{
    private const string PodFieldSelector = "status.phase!=Succeeded,status.phase!=Failed";

    private readonly KubeClient _client;
    private readonly KubeSchedulerConfiguration _config;
    private readonly SchedulerHostOptions _options;
    private readonly ILogger _logger;
    private readonly SharedInformerFactory _informers;
    private readonly Dictionary<string, EventRecorder> _recorders = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private volatile Scheduler? _current;

    private SchedulerHost(KubeClient client, KubeSchedulerConfiguration config, SchedulerHostOptions options, ILoggerFactory loggers)
    {
        _client = client;
        _config = config;
        _options = options;
        _logger = loggers.CreateLogger("Orca.Scheduler");
        _informers = new SharedInformerFactory(client, options.Time, new InformerOptions { OnError = e => SchedulerLog.InformerError(_logger, e) });
        Identity = options.Identity ?? $"{Environment.MachineName}_{Guid.NewGuid():N}";
    }

    /// <summary>This instance's identity in the leader lease.</summary>
    public string Identity { get; }

    /// <summary>True while this instance schedules (it holds the lease, or election is off).</summary>
    public bool IsActive => _current is not null;

    /// <summary>Counters of the current leadership term's scheduler (zeros when not active).</summary>
    public SchedulerStats Stats => _current?.Stats ?? new SchedulerStats();

    /// <summary>Loads the configuration, starts and syncs the informers, and starts competing for the lease (or scheduling at once).</summary>
    public static async Task<SchedulerHost> StartAsync(SchedulerHostOptions options, KubeClient client, ILoggerFactory loggers, CancellationToken ct)
    {
        var config = options.LoadConfiguration();
        var host = new SchedulerHost(client, config, options, loggers);
        try
        {
            host._informers.For<Pod>(fieldSelector: PodFieldSelector);
            host._informers.For<Node>();
            host._informers.For<Namespace>();
            host._informers.For<Service>();
            host._informers.For<ReplicationController>();
            host._informers.For<ReplicaSet>();
            host._informers.For<StatefulSet>();
            host._informers.For<PodDisruptionBudget>();
            host._informers.For<PersistentVolumeClaim>();
            host._informers.For<PersistentVolume>();
            host._informers.For<StorageClass>();
            host._informers.Start();
            await host._informers.WaitForCacheSyncAsync(ct);
            host._running = Task.Run(() => host.RunAsync(host._stop.Token), CancellationToken.None);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        if (_config.LeaderElection!.LeaderElect != true)
        {
            await LeadAsync(ct);
            return;
        }
        var (lease, renew, retry) = ConfigLoader.LeaderElectionTimings(_config);
        var elector = new LeaderElector(_client, new LeaderElectionOptions
        {
            Namespace = _config.LeaderElection.ResourceNamespace!,
            LeaseName = _config.LeaderElection.ResourceName!,
            Identity = Identity,
            LeaseDuration = lease,
            RenewDeadline = renew,
            RetryPeriod = retry,
        }, _options.Time);
        while (!ct.IsCancellationRequested)
        {
            await elector.RunAsync(LeadAsync, () => SchedulerLog.LostLease(_logger, Identity), ct);
        }
    }

    /// <summary>One term: a new scheduler fed by the informers (which replay their caches to it) until cancelled.</summary>
    private async Task LeadAsync(CancellationToken ct)
    {
        SchedulerLog.Leading(_logger, Identity);
        var pods = _informers.For<Pod>(fieldSelector: PodFieldSelector);
        var scheduler = new Scheduler(new SchedulerDependencies
        {
            Client = new KubeSchedulerClient(_client),
            Namespaces = new NamespaceLister(_informers.For<Namespace>().Lister),
            DisruptionBudgets = new InformerDisruptionBudgets(_informers.For<PodDisruptionBudget>().Lister),
            GroupSelectors = new WorkloadGroupSelectors(_informers.For<Service>().Lister, _informers.For<ReplicationController>().Lister,
                _informers.For<ReplicaSet>().Lister, _informers.For<StatefulSet>().Lister),
            EventsFor = name => new RecorderEventSink(Recorder(name)),
            GetPod = (ns, name) => pods.Lister.Get(ns, name),
            Volumes = new InformerVolumes(_informers.For<PersistentVolumeClaim>().Lister, _informers.For<PersistentVolume>().Lister,
                _informers.For<StorageClass>().Lister, _client.Resource<PersistentVolumeClaim>()),
            Time = _options.Time,
            Logger = _logger,
        }, _config);
        var h = scheduler.EventHandlers;
        var registrations = new List<IDisposable>
        {
            _informers.For<Node>().AddEventHandler(h.OnNodeAdd, h.OnNodeUpdate, h.OnNodeDelete),
            pods.AddEventHandler(h.OnPodAdd, h.OnPodUpdate, h.OnPodDelete),
            _informers.For<Namespace>().AddEventHandler(h.OnNamespaceChange, (_, n) => h.OnNamespaceChange(n)),
            _informers.For<PersistentVolumeClaim>().AddEventHandler(h.OnStorageChange, (_, c) => h.OnStorageChange(c)),
            _informers.For<PersistentVolume>().AddEventHandler(h.OnStorageChange, (_, v) => h.OnStorageChange(v)),
            _informers.For<StorageClass>().AddEventHandler(h.OnStorageChange, (_, c) => h.OnStorageChange(c)),
        };
        _current = scheduler;
        try
        {
            await scheduler.RunAsync(ct);
        }
        finally
        {
            _current = null;
            foreach (var r in registrations) r.Dispose();
            scheduler.Dispose();
        }
    }

    private EventRecorder Recorder(string schedulerName)
    {
        lock (_recorders)
        {
            if (!_recorders.TryGetValue(schedulerName, out var recorder))
                _recorders[schedulerName] = recorder = new EventRecorder(_client, new EventRecorderOptions { Component = schedulerName, Instance = Identity }, _options.Time);
            return recorder;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        await _informers.DisposeAsync();
        foreach (var r in _recorders.Values) await r.DisposeAsync();
        _stop.Dispose();
    }
}
