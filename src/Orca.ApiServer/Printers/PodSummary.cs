using Orca.Api.Core;

namespace Orca.ApiServer.Printers;

/// <summary>
/// The Ready, Status and Restarts cells of a pod, computed the way the Kubernetes 1.32 API server does.
/// </summary>
/// <remarks>
/// The status starts as the phase (or status.reason when set, e.g. "Evicted"), becomes
/// "SchedulingGated" when the PodScheduled condition says so, then is refined by the first init
/// container that has not finished ("Init:N/M", "Init:&lt;reason&gt;", "Init:ExitCode:N",
/// "Init:Signal:N"). Only when no init container is blocking (or the Initialized condition is true)
/// are the app containers consulted, last to first, so the first container's state wins: a waiting or
/// terminated reason, or "ExitCode:N"/"Signal:N". A pod whose containers report "Completed" while one
/// is still running and ready reads "Running" (or "NotReady" without the Ready condition). A pod being
/// deleted reads "Terminating", or "Unknown" when its node was lost. Sidecars (init containers with
/// restartPolicy Always) count toward Ready and their restarts always count.
/// </remarks>
internal sealed record PodSummary(string Ready, string Status, string Restarts)
{
    private const string NodeLostReason = "NodeLost";

    public static PodSummary Of(Pod pod, DateTimeOffset now)
    {
        var tally = new Tally();
        string reason = InitialReason(pod.Status);
        var sidecars = SidecarNames(pod.Spec);
        int total = pod.Spec.Containers.Count + sidecars.Count;

        bool initializing = false;
        var initStatuses = pod.Status.InitContainerStatuses ?? [];
        for (int i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            bool sidecar = sidecars.Contains(container.Name);
            tally.Count(container, sidecar);
            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 }) continue;
            if (sidecar && container.Started == true)
            {
                if (container.Ready) tally.ReadyContainers++;
                continue;
            }
            reason = InitReason(state, i, pod.Spec.InitContainers?.Count ?? 0);
            initializing = true;
            break;
        }

        if (!initializing || IsInitialized(pod.Status))
            reason = AppContainers(pod.Status, tally, reason);

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            if (pod.Status.Reason == NodeLostReason) reason = "Unknown";
            else if (pod.Status.Phase is not ("Succeeded" or "Failed")) reason = "Terminating";
        }

        return new PodSummary($"{tally.ReadyContainers}/{total}", reason, tally.Format(now));
    }

    private static string InitialReason(PodStatus status)
    {
        string reason = string.IsNullOrEmpty(status.Reason) ? status.Phase ?? "" : status.Reason;
        foreach (var condition in status.Conditions ?? [])
        {
            if (condition.Type == "PodScheduled" && condition.Reason == "SchedulingGated")
                reason = "SchedulingGated";
        }
        return reason;
    }

    private static HashSet<string> SidecarNames(PodSpec spec) =>
        (spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    private static string InitReason(ContainerState? state, int index, int initCount)
    {
        if (state?.Terminated is { } terminated)
            return "Init:" + TerminatedReason(terminated);
        if (state?.Waiting is { Reason: { Length: > 0 } waiting } && waiting != "PodInitializing")
            return "Init:" + waiting;
        return $"Init:{index}/{initCount}";
    }

    private static string TerminatedReason(ContainerStateTerminated terminated)
    {
        if (!string.IsNullOrEmpty(terminated.Reason)) return terminated.Reason;
        return terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";
    }

    /// <summary>Walks app containers last to first so the first container's state decides.</summary>
    private static string AppContainers(PodStatus status, Tally tally, string reason)
    {
        tally.KeepSidecarsOnly();
        bool hasRunning = false;
        var statuses = status.ContainerStatuses ?? [];
        for (int i = statuses.Count - 1; i >= 0; i--)
        {
            var container = statuses[i];
            tally.Count(container, sidecar: false);
            var state = container.State;
            if (state?.Waiting is { Reason: { Length: > 0 } waiting })
                reason = waiting;
            else if (state?.Terminated is { } terminated)
                reason = TerminatedReason(terminated);
            else if (container.Ready && state?.Running is not null)
            {
                hasRunning = true;
                tally.ReadyContainers++;
            }
        }

        if (reason == "Completed" && hasRunning)
            reason = (status.Conditions ?? []).Any(c => c.Type == "Ready" && c.Status == "True") ? "Running" : "NotReady";
        return reason;
    }

    private static bool IsInitialized(PodStatus status)
    {
        var condition = status.Conditions?.FirstOrDefault(c => c.Type == "Initialized");
        return condition?.Status == "True";
    }

    /// <summary>Restart counts and latest restart times, overall and for sidecars alone.</summary>
    private sealed class Tally
    {
        private int _restarts;
        private int _sidecarRestarts;
        private DateTimeOffset? _lastRestart;
        private DateTimeOffset? _lastSidecarRestart;

        public int ReadyContainers { get; set; }

        public void Count(ContainerStatus container, bool sidecar)
        {
            var finished = container.LastState?.Terminated?.FinishedAt;
            _restarts += container.RestartCount;
            _lastRestart = Later(_lastRestart, finished);
            if (!sidecar) return;
            _sidecarRestarts += container.RestartCount;
            _lastSidecarRestart = Later(_lastSidecarRestart, finished);
        }

        /// <summary>Once app containers are considered, plain init container restarts no longer count.</summary>
        public void KeepSidecarsOnly()
        {
            _restarts = _sidecarRestarts;
            _lastRestart = _lastSidecarRestart;
        }

        public string Format(DateTimeOffset now) =>
            _restarts != 0 && _lastRestart is { } last
                ? $"{_restarts} ({Age.HumanDuration(now - last)} ago)"
                : _restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
            candidate is { } c && (current is null || c > current) ? c : current;
    }
}
