using Orca.Api.Apps;

namespace Orca.Controllers.Deployments;

/// <summary>Reading and setting Deployment conditions with Kubernetes' transition-time rules.</summary>
internal static class DeploymentConditions
{
    public static DeploymentCondition? Get(DeploymentStatus status, string type) => status.Conditions?.FirstOrDefault(c => c.Type == type);

    public static DeploymentCondition New(string type, string status, string reason, string message, DateTimeOffset now) => new()
    {
        Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = now, LastTransitionTime = now,
    };

    /// <summary>
    /// Sets <paramref name="condition"/> unless one of its type with the same status and reason exists (then
    /// nothing changes); an unchanged status keeps its lastTransitionTime.
    /// </summary>
    public static void Set(DeploymentStatus status, DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason) return;
        if (current is not null && current.Status == condition.Status) condition.LastTransitionTime = current.LastTransitionTime;
        status.Conditions = [.. (status.Conditions ?? []).Where(c => c.Type != condition.Type), condition];
    }

    public static void Remove(DeploymentStatus status, string type)
    {
        if (status.Conditions is null) return;
        status.Conditions = status.Conditions.Where(c => c.Type != type).ToList();
        if (status.Conditions.Count == 0) status.Conditions = null;
    }
}
