using Microsoft.Extensions.Logging;
using Orca.Agent.Eviction;
using Orca.Agent.Images;
using Orca.Agent.Node;
using Orca.Agent.Pods;
using Orca.Agent.Probes;
using Orca.Agent.Static;
using Orca.Agent.Storage;
using Orca.Agent.Status;
using Orca.Agent.Translate;
using Orca.Api;
using Orca.Api.Core;
using Orca.Client;
using Orca.Runtime;

namespace Orca.Agent;

public sealed partial class OrcaAgent
{
    /// <summary>Builds the parts (each gets only what it needs) and starts them in order: node, informer, static pods, workers.</summary>
    private async Task StartCoreAsync(AgentOptions options, KubeClient client, IRuntimeService runtime, IImageService images,
        TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Orca.Agent");
        var facts = HostFacts.Read(options.DataDir);
        EvictionManager? eviction = null;
        Directory.CreateDirectory(options.DataDir);
        var nodeStatus = new NodeStatusManager(client, NodeName,
        [
            NodeStatusSetters.MachineInfo(() => facts, options.PodsPerNode),
            NodeStatusSetters.Addresses(() => facts.InternalIp, () => NodeName),
            NodeStatusSetters.NodeInfo(() => facts, () => (runtime.RuntimeName, runtime.RuntimeVersion)),
            NodeStatusSetters.DaemonEndpoints(options.Port),
            NodeStatusSetters.Conditions(time.GetUtcNow, () => null, () => eviction?.MemoryPressure == true, () => eviction?.DiskPressure == true),
        ], options, time, logger);
        await nodeStatus.RegisterUntilDoneAsync(ct);
        Func<string?> nodeUid = () => nodeStatus.Node?.Metadata.Uid;
        var lease = new NodeLeaseController(client, NodeName, nodeUid, options, time, logger);
        await lease.RenewAsync(ct);

        var recorder = new EventRecorder(client, new EventRecorderOptions { Component = "kubelet", Host = NodeName }, time);
        _owned.Add(recorder);
        PodEventSink events = (pod, type, reason, message) => recorder.Event(pod, type, reason, message);
        PodWorkers? workers = null;
        var http = new HttpClient();
        _owned.Add(new Disposer(http.Dispose));
        var actions = new ProbeActions(runtime, http);
        var probes = new ProbeManager(new ProbeRunner(actions), time, uid => workers?.Enqueue(uid),
            (pod, c, kind, message) => events(pod, "Warning", "Unhealthy", $"{kind} probe failed: {message}"));
        _owned.Add(probes);
        var sources = ConfigSources(client);
        var hooks = new HookRunner(actions, time);
        var volumes = new PodVolumes(options.DataDir, sources,
            () => nodeStatus.Node?.Status.Allocatable?.TryGetValue("memory", out var m) == true ? m.Value() : facts.MemoryBytes);
        var crash = new Backoff(options.BackoffInitial, options.BackoffMax, options.BackoffReset, time);
        var pulls = new Backoff(options.BackoffInitial, options.BackoffMax, options.BackoffReset, time);
        var env = new EnvResolver(sources, resource => nodeStatus.Node?.Status.Allocatable?.GetValueOrDefault(resource) ?? Quantity.Zero);
        var starter = new ContainerStarter(runtime, new ImagePuller(images, pulls, events, time, new PullSecrets(sources, events)), env, volumes, hooks, events, () => facts.InternalIp, options);
        var killer = new PodKiller(runtime, hooks, events, time);
        var syncer = new PodSyncer(runtime, starter, killer, probes, crash, events, options, time);
        var staticPods = options.ResolvedStaticPodDir.Length == 0 ? null
            : new StaticPods(options.ResolvedStaticPodDir, NodeName, nodeUid, client, logger, (file, error) =>
            {
                if (nodeStatus.Node is { } node)
                    recorder.Event(node, "Warning", "InvalidStaticPodManifest", $"Skipped static pod manifest {Path.GetFileName(file)}: {error}");
            });
        var terminator = new PodTerminator(runtime, killer, crash, client,
            (rec, c) => staticPods?.DeleteMirrorAsync(rec.Pod, c) ?? Task.CompletedTask, volumes.RemovePodDir);
        var containerStatuses = new ContainerStatusBuilder(c => TerminationMessages.Read(c, options.PodLogDir), probes.Ready, probes.Started);
        var statuses = new PodStatusBuilder(containerStatuses, () => facts.InternalIp, time);
        _queue = new WorkQueue<string>(time);
        var admitter = new PodAdmitter(() => nodeStatus.Node, () => PressureConditions(eviction), events);
        workers = new PodWorkers(syncer, terminator, statuses, new StatusWriter(client), _queue, new ActiveDeadline(events, time), options, logger, admitter);
        var staticLoop = staticPods is null ? null
            : new StaticPodLoop(staticPods, workers, options.ResolvedStaticPodDir, options.StaticPodCheckPeriod, time, logger);
        if (staticLoop is not null) _owned.Add(staticLoop);

        var informer = new SharedInformer<Pod>(client, new InformerOptions { FieldSelector = $"spec.nodeName={NodeName}" }, time);
        _owned.Add(informer);
        informer.AddEventHandler(
            pod => OnApiPod(workers, staticLoop, pod),
            (_, pod) => OnApiPod(workers, staticLoop, pod),
            pod =>
            {
                if (!IsMirror(pod)) workers.Remove(pod.Metadata.Uid ?? "");
                else staticLoop?.Kick();
            });
        informer.Start();
        await informer.WaitForSyncAsync(ct);
        await StartLocalPathCleanerAsync(client, options, time, logger, ct);
        if (staticLoop is not null) await staticLoop.ScanAsync(ct);

        NodeEventSink nodeEvents = (type, reason, message) =>
        {
            if (nodeStatus.Node is { } node) recorder.Event(node, type, reason, message);
        };
        var imageGc = new ImageGarbageCollector(images, runtime, images.ImageFsInfoAsync, options, nodeEvents, time, logger);
        eviction = CreateEviction(options, images, runtime, workers, imageGc, volumes, events, nodeEvents, time, logger);
        var watcher = new RuntimeWatcher(runtime, workers, probes, () => informer.HasSynced, options, time, logger);
        Run(lease.RunAsync);
        Run(nodeStatus.RunAsync);
        Run(workers.RunAsync);
        Run(watcher.RunAsync);
        Run(imageGc.RunAsync);
        Run(eviction.RunAsync);
        if (staticLoop is not null) Run(staticLoop.RunAsync);
    }

    /// <summary>Watches PersistentVolumes so that this node's local-path directories go with their volumes; sweeps leftovers first.</summary>
    private async Task StartLocalPathCleanerAsync(KubeClient client, AgentOptions options, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var cleaner = new LocalPathCleaner(NodeStatusManager.LocalPathRoot(options), logger);
        var volumes = new SharedInformer<PersistentVolume>(client, new InformerOptions(), time);
        _owned.Add(volumes);
        volumes.AddEventHandler(onDelete: cleaner.OnDeleted);
        volumes.Start();
        await volumes.WaitForSyncAsync(ct);
        cleaner.Sweep(volumes.Lister.List());
    }

    private EvictionManager CreateEviction(AgentOptions options, IImageService images, IRuntimeService runtime, PodWorkers workers,
        ImageGarbageCollector imageGc, PodVolumes volumes, PodEventSink events, NodeEventSink nodeEvents, TimeProvider time, ILogger logger)
    {
        string? imageFsPath = null;
        var usage = new PodUsageReader(runtime, options.PodLogDir, volumes.PodDir);
        return new EvictionManager(EvictionSignals.Parse(options.EvictionHard),
            async ct => HostObserver.Observe(options.DataDir, imageFsPath ??= await ImageFsPathAsync(images, options.DataDir, ct)),
            workers.EvictionCandidates, usage.ReadAsync, async ct => await imageGc.DeleteUnusedAsync(ct),
            (pod, verdict) => workers.Fail(pod.Metadata.Uid ?? "", verdict), events, nodeEvents, NodeName, options, time, logger);
    }

    /// <summary>The image store's directory (the image filesystem), or the data dir when the store names none that exists.</summary>
    private static async Task<string> ImageFsPathAsync(IImageService images, string dataDir, CancellationToken ct)
    {
        var path = (await images.ImageFsInfoAsync(ct)).Path;
        return Directory.Exists(path) ? path : dataDir;
    }

    private sealed class Disposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The node's pressure conditions as the kubelet lists them for admission.</summary>
    private static IReadOnlyList<string> PressureConditions(EvictionManager? eviction)
    {
        if (eviction is null) return [];
        var conditions = new List<string>(2);
        if (eviction.MemoryPressure) conditions.Add("MemoryPressure");
        if (eviction.DiskPressure) conditions.Add("DiskPressure");
        return conditions;
    }

    private static bool IsMirror(Pod pod) => pod.Metadata.Annotations?.ContainsKey(StaticPods.MirrorAnnotation) == true;

    /// <summary>API pods go to the workers; a mirror pod marked for deletion makes the static source look again (it comes back).</summary>
    private static void OnApiPod(PodWorkers workers, StaticPodLoop? staticLoop, Pod pod)
    {
        if (!IsMirror(pod)) workers.Update(pod, isStatic: false);
        else if (pod.Metadata.DeletionTimestamp is not null) staticLoop?.Kick();
    }

    private static ConfigSources ConfigSources(KubeClient client)
    {
        var configMaps = client.Resource<ConfigMap>();
        var secrets = client.Resource<Secret>();
        var claims = client.Resource<PersistentVolumeClaim>();
        var volumes = client.Resource<PersistentVolume>();
        return new ConfigSources(
            async (ns, name, ct) => await GetOrNullAsync(() => configMaps.GetAsync(ns, name, ct)),
            async (ns, name, ct) => await GetOrNullAsync(() => secrets.GetAsync(ns, name, ct)))
        {
            Claim = async (ns, name, ct) => await GetOrNullAsync(() => claims.GetAsync(ns, name, ct)),
            Volume = async (name, ct) => await GetOrNullAsync(() => volumes.GetAsync(null, name, ct)),
        };
    }

    private static async Task<T?> GetOrNullAsync<T>(Func<Task<T>> get) where T : class
    {
        try
        {
            return await get();
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}
