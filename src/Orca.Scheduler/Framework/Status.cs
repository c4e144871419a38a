namespace Orca.Scheduler.Framework;

/// <summary>What a plugin's answer means to the framework (kube-scheduler's status codes).</summary>
internal enum StatusCode
{
    /// <summary>The plugin ran and the pod may go on (fits, scored, bound…).</summary>
    Success,

    /// <summary>An unexpected failure (bug, broken I/O); the pod is retried after a backoff.</summary>
    Error,

    /// <summary>The pod does not fit now; preemption may help, and so may a cluster change.</summary>
    Unschedulable,

    /// <summary>The pod does not fit and removing pods from the node would not change that; preemption skips such nodes.</summary>
    UnschedulableAndUnresolvable,

    /// <summary>From Permit: the pod waits for an allow or reject before binding.</summary>
    Wait,

    /// <summary>From PreFilter or PreScore: this plugin has nothing to do for the pod, so its Filter or Score is not run.</summary>
    Skip,

    /// <summary>The pod waits for something outside the scheduler; it is not retried on a backoff (gates).</summary>
    Pending,
}

/// <summary>
/// The outcome of running a plugin: a code, the human reasons (shown in FailedScheduling events,
/// one histogram entry per reason), and the plugin that produced it. Immutable; expected outcomes are
/// values, never exceptions. <see cref="Success"/> and <see cref="SkipStatus"/> are shared instances.
/// </summary>
internal sealed class Status
{
    public static readonly Status Success = new(StatusCode.Success, []);
    public static readonly Status SkipStatus = new(StatusCode.Skip, []);

    private Status(StatusCode code, string[] reasons, string? plugin = null, Exception? error = null)
    {
        Code = code;
        Reasons = reasons;
        Plugin = plugin;
        Error = error;
    }

    public StatusCode Code { get; }

    /// <summary>Reasons in the order given; empty for success.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The plugin that failed the pod, when the framework knows it.</summary>
    public string? Plugin { get; }

    /// <summary>The exception behind an <see cref="StatusCode.Error"/>, if there was one.</summary>
    public Exception? Error { get; }

    public bool IsSuccess => Code == StatusCode.Success;

    public bool IsSkip => Code == StatusCode.Skip;

    /// <summary>Unschedulable or UnschedulableAndUnresolvable: the pod was turned down, nothing broke.</summary>
    public bool IsRejected => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable or StatusCode.Pending;

    /// <summary>The reasons joined with ", " as Kubernetes prints a status message.</summary>
    public string Message => string.Join(", ", Reasons);

    public static Status Unschedulable(params string[] reasons) => new(StatusCode.Unschedulable, reasons);

    public static Status Unresolvable(params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, reasons);

    public static Status Wait(string reason) => new(StatusCode.Wait, [reason]);

    public static Status Pending(string reason) => new(StatusCode.Pending, [reason]);

    public static Status New(StatusCode code, params string[] reasons) =>
        code == StatusCode.Success && reasons.Length == 0 ? Success : new(code, reasons);

    public static Status FromException(Exception e) => new(StatusCode.Error, [e.Message], null, e);

    public static Status AsError(string message) => new(StatusCode.Error, [message]);

    /// <summary>The same status attributed to <paramref name="plugin"/> (shared instances are never changed).</summary>
    public Status WithPlugin(string plugin) =>
        Plugin == plugin || ReferenceEquals(this, Success) || ReferenceEquals(this, SkipStatus) ? this : new(Code, (string[])Reasons, plugin, Error);

    public override string ToString() => Reasons.Count == 0 ? Code.ToString() : $"{Code}: {Message}";
}
