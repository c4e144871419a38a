using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Scheduler.Cache;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins;
using Orca.Scheduler.Queue;

namespace Orca.Scheduler;

/// <summary>
/// The scheduling loop: one thread pops a pod, refreshes the snapshot, filters and scores nodes with the
/// pod's profile, assumes the pod on the chosen node (so the next cycle already counts it), runs Reserve and
/// Permit, and hands binding to a background task; on failure it records why (status condition, event),
/// maybe preempts, and parks the pod. Cluster changes reach it through <see cref="EventHandlers"/>.
/// </summary>
internal sealed partial class Scheduler : IDisposable
{
    private readonly SchedulerDependencies _deps;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SchedulingFramework> _profiles = new(StringComparer.Ordinal);
    private readonly int _percentageOfNodesToScore;
    private readonly Parallelizer _parallelizer;
    private int _nextStartNodeIndex;

    public Scheduler(SchedulerDependencies deps, KubeSchedulerConfiguration config, IReadOnlyDictionary<string, PluginFactory>? registry = null)
    {
        _deps = deps;
        _logger = deps.Logger;
        _time = deps.Time;
        _percentageOfNodesToScore = config.PercentageOfNodesToScore ?? 0;
        _parallelizer = new Parallelizer(config.Parallelism ?? Environment.ProcessorCount);
        Cache = new SchedulerCache(deps.Time, deps.AssumedPodTtl);
        Queue = new SchedulingQueue(deps.Time, new QueueOptions
        {
            InitialBackoff = TimeSpan.FromSeconds(config.PodInitialBackoffSeconds ?? 1),
            MaxBackoff = TimeSpan.FromSeconds(config.PodMaxBackoffSeconds ?? 10),
        }, (a, b) => QueueSort!.Less(a, b), ProfileFor);
        foreach (var profile in config.Profiles ?? [new KubeSchedulerProfile { SchedulerName = ConfigLoader.DefaultSchedulerName }])
        {
            var handle = new FrameworkHandle
            {
                SchedulerName = profile.SchedulerName!,
                Snapshot = Snapshot,
                Namespaces = deps.Namespaces,
                Nominator = Queue.Nominator,
                Client = deps.Client,
                Events = deps.EventsFor(profile.SchedulerName!),
                DisruptionBudgets = deps.DisruptionBudgets,
                GroupSelectors = deps.GroupSelectors,
                Parallelizer = _parallelizer,
                Time = deps.Time,
                Logger = deps.Logger,
                Volumes = deps.Volumes,
            };
            _profiles[profile.SchedulerName!] = ProfileBuilder.Build(profile, handle, registry);
        }
        QueueSort = _profiles.Values.First().Plugins.QueueSort!;
        if (_profiles.Values.Any(p => p.Plugins.QueueSort!.Name != QueueSort.Name))
            throw new ArgumentException("all profiles must use the same queue sort plugin");
        EventHandlers = new EventHandlers(this);
    }

    public SchedulerCache Cache { get; }
    public SchedulingQueue Queue { get; }
    public Snapshot Snapshot { get; } = new();
    public EventHandlers EventHandlers { get; }
    public SchedulerStats Stats { get; } = new();
    public IQueueSortPlugin QueueSort { get; }
    public IReadOnlyDictionary<string, SchedulingFramework> Profiles => _profiles;

    /// <summary>The profile that handles <paramref name="pod"/>, or null when the pod belongs to another scheduler.</summary>
    public SchedulingFramework? ProfileFor(Pod pod) =>
        _profiles.GetValueOrDefault(string.IsNullOrEmpty(pod.Spec.SchedulerName) ? ConfigLoader.DefaultSchedulerName : pod.Spec.SchedulerName);

    /// <summary>Runs scheduling cycles until cancelled or the queue closes.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        SchedulerLog.Started(_logger, string.Join(", ", _profiles.Keys));
        try
        {
            while (!ct.IsCancellationRequested && await ScheduleOneAsync(ct))
            {
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>One scheduling cycle (waits for a pod). False once the queue is closed.</summary>
    public async Task<bool> ScheduleOneAsync(CancellationToken ct)
    {
        if (await Queue.PopAsync(ct) is not { } popped) return false;
        var (queued, cycle) = popped;
        var started = Stopwatch.GetTimestamp();
        try
        {
            ScheduleCycle(queued, cycle, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulerLog.CycleCrashed(_logger, e, queued.Key);
            if (ProfileFor(queued.PodInfo.Pod) is { } fw) HandleFailure(fw, queued, cycle, Status.FromException(e), null, null);
            else Queue.Done(queued.Key);
        }
        finally
        {
            Stats.Attempt(Stopwatch.GetElapsedTime(started));
        }
        return true;
    }

    private void ScheduleCycle(QueuedPodInfo queued, long cycle, CancellationToken ct)
    {
        var pod = queued.PodInfo;
        var fw = ProfileFor(pod.Pod);
        if (fw is null || pod.IsTerminating || Cache.IsAssumed(pod.Uid))
        {
            SchedulerLog.Skipped(_logger, pod.Key);
            Queue.Done(queued.Key);
            return;
        }
        var state = new CycleState();
        var (host, evaluated, feasible, failure, fitError) = SchedulePod(fw, state, pod);
        if (host is null)
        {
            string? nominated = null;
            if (fitError is not null && fw.HasPostFilterPlugins)
            {
                var (result, status) = fw.RunPostFilterPlugins(state, pod, fitError.Diagnosis.NodeToStatus);
                if (status.Code != StatusCode.Error) fitError.Diagnosis.PostFilterMessage = status.Message;
                nominated = result?.NominatedNodeName;
            }
            HandleFailure(fw, queued, cycle, failure!, fitError, nominated);
            return;
        }
        Cache.AssumePod(pod, host);
        var reserve = fw.RunReservePluginsReserve(state, pod, host);
        var permit = reserve.IsSuccess ? fw.RunPermitPlugins(state, pod, host) : reserve;
        if (!permit.IsSuccess && permit.Code != StatusCode.Wait)
        {
            fw.RunReservePluginsUnreserve(state, pod, host);
            Cache.ForgetPod(pod);
            HandleFailure(fw, queued, cycle, permit, null, null);
            return;
        }
        Queue.Nominator.Delete(pod);
        _ = Task.Run(() => BindingCycleAsync(fw, state, queued, cycle, host, evaluated, feasible, ct), CancellationToken.None);
    }
}
