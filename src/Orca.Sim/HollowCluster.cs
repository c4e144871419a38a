using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Client;

namespace Orca.Sim;

/// <summary>
/// N hollow nodes in one process: they register like node agents (a Ready Node with capacity, addresses
/// and node info, and a Lease in kube-node-lease renewed every heartbeat interval) and "run" the pods bound
/// to them (Running and Ready with a fake IP; deletions confirmed after the grace period; optionally
/// Succeeded after a run time). Built for thousands of nodes: one pod watch, compact per-node and per-pod
/// state, one timer (the work queues' delay heap) for every heartbeat and grace period, and a bounded set of
/// workers for all writes. Heartbeats of single nodes can be stopped and started (node-failure tests).
/// Thread-safe. Start once with <see cref="Start"/>; dispose to stop (nodes and pods are left in the API).
/// All timing (heartbeats, grace periods, pod run time) follows the injected <see cref="TimeProvider"/>: with a
/// fake clock in tests, leases are renewed and deletions confirmed only as the test moves the clock.
/// </summary>
public sealed class HollowCluster : IAsyncDisposable
{
    private readonly HollowOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HollowNode[] _nodes;
    private readonly Dictionary<string, HollowNode> _byName;
    private readonly PodTable _table;
    private readonly NodeSync _nodeSync;
    private readonly PodSync _podSync;
    private readonly PodWatch _watch;
    private readonly WorkQueue<HollowNode> _nodeQueue;
    private readonly WorkQueue<HollowPod> _podQueue;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private Task _running = Task.CompletedTask;
    private int _registeredCount;
    private long _nodeSyncs, _podSyncs, _failures;
    private long _registrationTicks = -1;

    private HollowCluster(KubeClient client, HollowOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("Orca.Sim");
        _nodes = CreateNodes(options);
        _byName = _nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _table = new PodTable(_byName, options, time);
        _nodeSync = new NodeSync(client, new NodeObjects(options), options, time);
        _nodeSync.Registered += OnRegistered;
        _podSync = new PodSync(client, _table, options, time);
        _nodeQueue = new WorkQueue<HollowNode>(time, new ItemExponentialRateLimiter<HollowNode>(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(7)));
        _podQueue = new WorkQueue<HollowPod>(time, new ItemExponentialRateLimiter<HollowPod>(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)));
        _watch = new PodWatch(client, _table, w => _podQueue.AddAfter(w.Pod, w.Delay), options, time, _logger);
    }

    public HollowOptions Options => _options;

    /// <summary>Every node's name, by index.</summary>
    public IReadOnlyList<string> NodeNames => _nodes.Select(n => n.Name).ToArray();

    /// <summary>Validates the options and starts registering nodes and watching pods in the background.</summary>
    public static HollowCluster Start(KubeClient client, HollowOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        options.Validate();
        var cluster = new HollowCluster(client, options, time ?? TimeProvider.System, loggers ?? NullLoggerFactory.Instance);
        cluster.Run();
        return cluster;
    }

    /// <summary>Completes when every node has registered (Node and Lease created) and the pod watch has listed once.</summary>
    public Task WaitForRegistrationAsync(CancellationToken ct = default) => Task.WhenAll(_registered.Task, _watch.Synced).WaitAsync(ct);

    /// <summary>Stops the node's heartbeats: no more lease renewals or status writes until <see cref="StartHeartbeat"/>. Unknown names throw.</summary>
    public void StopHeartbeat(string node)
    {
        Node(node).Heartbeating = false;
        Log.Heartbeat(_logger, node, "stopped");
    }

    /// <summary>Resumes heartbeats: the lease is renewed and the status (Ready since now) written at once.</summary>
    public void StartHeartbeat(string node)
    {
        var n = Node(node);
        if (n.Heartbeating) return;
        n.ReadySince = _time.GetUtcNow().UtcTicks;
        n.NextLease = n.ReadySince;
        n.StatusDirty = true;
        n.Heartbeating = true;
        _nodeQueue.Add(n);
        Log.Heartbeat(_logger, node, "started");
    }

    public bool IsHeartbeating(string node) => Node(node).Heartbeating;

    public bool HasNode(string name) => _byName.ContainsKey(name);

    /// <summary>A consistent-enough snapshot of the counters (each read atomically; not all at one instant).</summary>
    public HollowStats Stats()
    {
        var byState = _table.CountByState();
        int Count(HollowPodState s) => byState.GetValueOrDefault(s);
        return new HollowStats
        {
            Nodes = _nodes.Length,
            Registered = Volatile.Read(ref _registeredCount),
            Heartbeating = _nodes.Count(n => n.Heartbeating),
            RegistrationTime = Interlocked.Read(ref _registrationTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null,
            Pods = byState.Values.Sum(),
            Starting = Count(HollowPodState.Starting),
            Running = Count(HollowPodState.Running),
            Rejected = Count(HollowPodState.Rejected),
            Completed = Count(HollowPodState.Completed),
            Terminating = Count(HollowPodState.Terminating) + Count(HollowPodState.Confirmed),
            PodShapes = _table.Shapes,
            WatchEvents = _watch.Events,
            NodeSyncs = Interlocked.Read(ref _nodeSyncs),
            PodSyncs = Interlocked.Read(ref _podSyncs),
            Failures = Interlocked.Read(ref _failures),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _nodeQueue.ShutDown();
        _podQueue.ShutDown();
        await _running;
        _nodeQueue.Dispose();
        _podQueue.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var ct = _stop.Token;
        ScheduleHeartbeats();
        if (_nodes.Length == 0) _registered.TrySetResult();
        foreach (var node in _nodes) _nodeQueue.Add(node);
        var tasks = new List<Task> { Task.Run(() => _watch.RunAsync(ct), CancellationToken.None) };
        for (var i = 0; i < _options.NodeWorkers; i++) tasks.Add(Task.Run(() => WorkAsync(_nodeQueue, SyncNodeAsync, ct), CancellationToken.None));
        for (var i = 0; i < _options.PodWorkers; i++) tasks.Add(Task.Run(() => WorkAsync(_podQueue, SyncPodAsync, ct), CancellationToken.None));
        _running = Task.WhenAll(tasks);
    }

    /// <summary>
    /// Spreads the nodes evenly over one interval: node i's first renewal is i/N of an interval after the
    /// first one, and each node keeps its phase, so the server sees a steady N/interval renewals per second
    /// instead of N at once. Status reports are spread the same way over their longer period.
    /// </summary>
    private void ScheduleHeartbeats()
    {
        var start = _time.GetUtcNow().UtcTicks;
        for (var i = 0; i < _nodes.Length; i++)
        {
            _nodes[i].NextLease = start + _options.HeartbeatInterval.Ticks + _options.HeartbeatInterval.Ticks * i / _nodes.Length;
            _nodes[i].NextStatus = start + _options.NodeStatusReportInterval.Ticks + _options.NodeStatusReportInterval.Ticks * i / _nodes.Length;
        }
    }

    private async Task<DateTimeOffset?> SyncNodeAsync(HollowNode node, CancellationToken ct)
    {
        Interlocked.Increment(ref _nodeSyncs);
        try
        {
            return await _nodeSync.SyncAsync(node, ct);
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            if (_nodeQueue.Retries(node) == 0) Log.NodeSyncFailed(_logger, node.Name, e);
            throw;
        }
    }

    private async Task<DateTimeOffset?> SyncPodAsync(HollowPod pod, CancellationToken ct)
    {
        Interlocked.Increment(ref _podSyncs);
        try
        {
            return await _podSync.SyncAsync(pod, ct) is { } delay ? _time.GetUtcNow() + delay : null;
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            if (_podQueue.Retries(pod) == 0) Log.PodSyncFailed(_logger, pod.Key, pod.Uid, e);
            throw;
        }
    }

    /// <summary>
    /// A worker: takes an item, runs its step, and queues it again after the delay the step asked for; a
    /// failed step is retried with the queue's per-item back-off.
    /// </summary>
    private async Task WorkAsync<T>(WorkQueue<T> queue, Func<T, CancellationToken, Task<DateTimeOffset?>> step, CancellationToken ct) where T : class
    {
        while (true)
        {
            T item;
            try
            {
                (item, var shutDown) = await queue.GetAsync(ct);
                if (shutDown) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var next = await step(item, ct);
                queue.Forget(item);
                if (next is { } at) queue.AddAt(item, at);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                Interlocked.Increment(ref _failures);
                queue.AddRateLimited(item);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                queue.Done(item);
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken ct) =>
        e is ApiException or HttpRequestException or IOException or TimeoutException || e is OperationCanceledException && !ct.IsCancellationRequested;

    private void OnRegistered(HollowNode node)
    {
        if (Interlocked.Increment(ref _registeredCount) != _nodes.Length) return;
        var took = Stopwatch.GetElapsedTime(_startedAt);
        Interlocked.Exchange(ref _registrationTicks, took.Ticks);
        Log.NodesRegistered(_logger, _nodes.Length, took.TotalSeconds);
        _registered.TrySetResult();
    }

    private HollowNode Node(string name) =>
        _byName.TryGetValue(name, out var n) ? n : throw new ArgumentException($"\"{name}\" is not a node of this sim");

    private static HollowNode[] CreateNodes(HollowOptions options)
    {
        var pods = Ipv4Range.Parse(options.PodCidr);
        var ips = Ipv4Range.Parse(options.NodeIpCidr);
        return Enumerable.Range(0, options.Nodes)
            .Select(i => new HollowNode(i, options.NodeName(i), pods.Network + ((uint)i << 8), ips.Network + 1 + (uint)i))
            .ToArray();
    }
}
