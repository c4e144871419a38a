using System.Globalization;
using Orca.Api.Core;
using Orca.Api.Json;

namespace Orca.Sim;

/// <summary>
/// The statuses a hollow node reports, as strategic-merge patches of pods/status (conditions merge by
/// type, so conditions others own survive). Times have second precision like the API's. Stateless.
/// </summary>
internal static class PodStatuses
{
    public const string ContainerIdPrefix = "orca-sim://";

    /// <summary>Running and Ready: every container running and ready, init containers completed (sidecars running).</summary>
    public static string Running(HollowPod pod)
    {
        var started = Seconds(pod.StartedAt);
        var ip = pod.Node.PodIp(pod.IpHost);
        var hostIp = pod.Node.InternalIpText;
        var status = new PodStatus
        {
            Phase = PodPhase.Running,
            Conditions = Conditions(pod, started, ready: true, initialized: true),
            HostIP = hostIp,
            HostIPs = [new HostIP { IP = hostIp }],
            PodIP = ip,
            PodIPs = [new PodIP { IP = ip }],
            StartTime = started,
            InitContainerStatuses = pod.Shape.InitContainers.Count == 0 ? null
                : pod.Shape.InitContainers.Select((c, i) => c.Sidecar ? RunningContainer(pod, c, i, started) : Terminated(pod, c, i, started, started, ready: true)).ToList(),
            ContainerStatuses = pod.Shape.Containers.Select((c, i) => RunningContainer(pod, c, 100 + i, started)).ToList(),
        };
        return Patch(status);
    }

    /// <summary>
    /// Finished at <paramref name="finishedAt"/> (UTC ticks): Succeeded when the pod's exit code is 0 (every container
    /// exited 0, reason Completed), otherwise Failed with every app container exited with that code (reason Error).
    /// </summary>
    public static string Finished(HollowPod pod, long finishedAt)
    {
        var started = Seconds(pod.StartedAt);
        var finished = Seconds(finishedAt);
        var status = new PodStatus
        {
            Phase = pod.ExitCode == 0 ? PodPhase.Succeeded : PodPhase.Failed,
            Conditions = Conditions(pod, finished, ready: false, initialized: true),
            InitContainerStatuses = pod.Shape.InitContainers.Count == 0 ? null
                : pod.Shape.InitContainers.Select((c, i) => Terminated(pod, c, i, started, c.Sidecar ? finished : started, ready: !c.Sidecar)).ToList(),
            ContainerStatuses = pod.Shape.Containers.Select((c, i) => Terminated(pod, c, 100 + i, started, finished, ready: false, pod.ExitCode)).ToList(),
        };
        return Patch(status);
    }

    /// <summary>Failed at admission because the node's pods capacity is used up (the kubelet's OutOfpods rejection).</summary>
    public static string Rejected(int used, int capacity) => Patch(new PodStatus
    {
        Phase = PodPhase.Failed,
        Reason = "OutOfpods",
        Message = string.Create(CultureInfo.InvariantCulture,
            $"Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: {used}, capacity: {capacity}"),
    });

    private static List<PodCondition> Conditions(HollowPod pod, DateTimeOffset at, bool ready, bool initialized)
    {
        string? reason = ready ? null : "PodCompleted";
        var conditions = new List<PodCondition>
        {
            Condition("PodReadyToStartContainers", ready, at, null),
            Condition("Initialized", initialized, at, null),
            Condition("ContainersReady", ready, at, reason),
            Condition("Ready", ready, at, reason),
        };
        if (!pod.HasScheduledCondition) conditions.Add(Condition("PodScheduled", true, Seconds(pod.StartedAt), null));
        return conditions;
    }

    private static PodCondition Condition(string type, bool ok, DateTimeOffset at, string? reason) =>
        new() { Type = type, Status = ok ? "True" : "False", LastTransitionTime = at, Reason = reason };

    private static ContainerStatus RunningContainer(HollowPod pod, ShapeContainer c, int ordinal, DateTimeOffset started) => new()
    {
        Name = c.Name,
        Image = c.Image,
        ImageID = c.Image,
        ContainerID = ContainerId(pod, ordinal),
        Ready = true,
        Started = true,
        RestartCount = 0,
        State = new ContainerState { Running = new ContainerStateRunning { StartedAt = started } },
        LastState = new ContainerState(),
    };

    private static ContainerStatus Terminated(HollowPod pod, ShapeContainer c, int ordinal, DateTimeOffset started, DateTimeOffset finished, bool ready, int exitCode = 0) => new()
    {
        Name = c.Name,
        Image = c.Image,
        ImageID = c.Image,
        ContainerID = ContainerId(pod, ordinal),
        Ready = ready,
        Started = false,
        RestartCount = 0,
        State = new ContainerState
        {
            Terminated = new ContainerStateTerminated
            {
                ExitCode = exitCode, Reason = exitCode == 0 ? "Completed" : "Error", StartedAt = started, FinishedAt = finished, ContainerID = ContainerId(pod, ordinal),
            },
        },
        LastState = new ContainerState(),
    };

    private static string ContainerId(HollowPod pod, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"{ContainerIdPrefix}{pod.Uid}-{ordinal}");

    private static string Patch(PodStatus status) => "{\"status\":" + ApiJson.SerializeToString(status) + "}";

    public static DateTimeOffset Seconds(long utcTicks) => new(utcTicks - utcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
