using Orca.Agent.Pods;
using Orca.Agent.Translate;
using Orca.Api.Core;

namespace Orca.Agent.Status;

/// <summary>
/// Computes a pod's whole status from its record and runtime view: phase, conditions (transition times
/// kept while a condition's status is unchanged), IPs, start time, QoS class and container statuses.
/// Conditions the agent does not own (PodScheduled, readiness gates' types) are kept from the current status.
/// </summary>
internal sealed class PodStatusBuilder(ContainerStatusBuilder containers, Func<string> hostIp, TimeProvider time)
{
    private const string DisruptionTarget = "DisruptionTarget";

    private static readonly HashSet<string> Owned = ["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready"];

    /// <summary>The conditions others own (PodScheduled, readiness gates), kept as they are.</summary>
    private static List<PodCondition> NotOwned(PodStatus current) => (current.Conditions ?? []).Where(c => !Owned.Contains(c.Type)).ToList();

    public PodStatus Build(PodRecord rec, PodRuntimeView view, PodStatus current)
    {
        var pod = rec.Pod;
        var now = time.GetUtcNow();
        // Refused at admission, nothing of it ever ran: the kubelet writes only phase, reason, message and QoS class.
        if (rec.Verdict is { Rejected: true } rejected)
            return new PodStatus
            {
                Phase = "Failed",
                Reason = rejected.Reason,
                Message = rejected.Message,
                QOSClass = current.QOSClass ?? QosClass.Of(pod),
                Conditions = NotOwned(current) is { Count: > 0 } kept ? kept : null,
            };
        var init = (pod.Spec.InitContainers ?? []).Select(c => containers.Build(c, rec, view, IsSidecar(c))).ToList();
        var app = pod.Spec.Containers.Select(c => containers.Build(c, rec, view, true)).ToList();
        // A pod the agent failed serves nothing, even while its containers are being stopped.
        if (rec.Verdict is not null) foreach (var s in init.Concat(app)) s.Ready = false;
        var initDone = app.Any(s => s.ContainerID is not null) || InitDone(pod.Spec, init);
        var phase = rec.Verdict is null ? PodPhase.Compute(pod.Spec, init, app, rec.InitFailed, initDone) : "Failed";
        rec.StartTime ??= current.StartTime ?? now;
        var status = new PodStatus
        {
            Phase = phase,
            HostIP = hostIp(),
            HostIPs = [new HostIP { IP = hostIp() }],
            PodIP = rec.PodIp,
            PodIPs = rec.PodIp is null ? null : [new PodIP { IP = rec.PodIp }],
            StartTime = rec.StartTime,
            QOSClass = current.QOSClass ?? QosClass.Of(pod),
            InitContainerStatuses = init.Count == 0 ? null : init,
            ContainerStatuses = app,
            NominatedNodeName = current.NominatedNodeName,
            Reason = rec.Verdict?.Reason,
            Message = rec.Verdict?.Message,
        };
        var unready = app.Where(s => !s.Ready).Select(s => s.Name).ToList();
        var conditions = NotOwned(current);
        if (!conditions.Any(c => c.Type == "PodScheduled")) conditions.Add(Condition(current, now, "PodScheduled", true, null, null));
        if (rec.Verdict is { DisruptionTarget: true } v && !conditions.Any(c => c.Type == DisruptionTarget))
            conditions.Add(new PodCondition { Type = DisruptionTarget, Status = "True", Reason = "TerminationByKubelet", Message = v.Message, LastTransitionTime = Truncate(now) });
        var finished = phase is "Succeeded" or "Failed";
        conditions.Add(Condition(current, now, "PodReadyToStartContainers", view.ReadySandbox is not null && !finished, null, null));
        var pendingInit = init.Where(s => s.State?.Terminated is not { ExitCode: 0 } && !(s.State?.Running is not null && IsSidecar(pod, s.Name))).Select(s => s.Name).ToList();
        conditions.Add(initDone || finished && !rec.InitFailed
            ? Condition(current, now, "Initialized", true, null, null)
            : Condition(current, now, "Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', pendingInit)}]"));
        var (reason, message) = finished ? ("PodCompleted", (string?)null) : ("ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
        var ready = unready.Count == 0 && !finished;
        conditions.Add(Condition(current, now, "ContainersReady", ready, reason, message));
        conditions.Add(Condition(current, now, "Ready", ready, reason, message));
        status.Conditions = conditions;
        return status;
    }

    public static bool IsSidecar(Container c) => c.RestartPolicy == "Always";

    private static bool IsSidecar(Pod pod, string name) => (pod.Spec.InitContainers ?? []).Any(c => c.Name == name && IsSidecar(c));

    /// <summary>Every regular init container exited 0 and every sidecar has started (once app containers exist, init is over).</summary>
    public static bool InitDone(PodSpec spec, IReadOnlyList<ContainerStatus> init)
    {
        foreach (var c in spec.InitContainers ?? [])
        {
            var s = init.FirstOrDefault(x => x.Name == c.Name);
            if (IsSidecar(c) ? s?.Started != true : s?.State?.Terminated is not { ExitCode: 0 }) return false;
        }
        return true;
    }

    private static PodCondition Condition(PodStatus current, DateTimeOffset now, string type, bool ok, string? reason, string? message)
    {
        var status = ok ? "True" : "False";
        var old = current.Conditions?.FirstOrDefault(c => c.Type == type);
        return new PodCondition
        {
            Type = type,
            Status = status,
            Reason = ok ? null : reason,
            Message = ok ? null : message,
            LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime : Truncate(now),
        };
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
