using Microsoft.Extensions.Logging;

namespace Orca.Scheduler;

/// <summary>The scheduler's log lines (stable event ids 2000–2099), keyed by namespace/name.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Successfully bound pod {Pod} to node {Node}; evaluated {Evaluated} nodes, {Feasible} feasible")]
    public static partial void Bound(ILogger logger, string pod, string node, int evaluated, int feasible);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Unable to schedule pod {Pod}; waiting: {Message}")]
    public static partial void Unschedulable(ILogger logger, string pod, string message);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Error scheduling pod {Pod}, retrying: {Message}")]
    public static partial void SchedulingError(ILogger logger, string pod, string message);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Binding pod {Pod} to node {Node} failed: {Message}")]
    public static partial void BindFailed(ILogger logger, string pod, string node, string message);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Updating the status of pod {Pod} failed")]
    public static partial void StatusUpdateFailed(ILogger logger, Exception e, string pod);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Scheduler started with profiles {Profiles}")]
    public static partial void Started(ILogger logger, string profiles);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Scheduling cycle of pod {Pod} crashed")]
    public static partial void CycleCrashed(ILogger logger, Exception e, string pod);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Became the leader ({Identity}); scheduling")]
    public static partial void Leading(ILogger logger, string identity);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Lost the leader lease ({Identity}); stopped scheduling")]
    public static partial void LostLease(ILogger logger, string identity);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "Pod {Pod} is being deleted or already assumed; skipping")]
    public static partial void Skipped(ILogger logger, string pod);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Informer error")]
    public static partial void InformerError(ILogger logger, Exception e);
}
