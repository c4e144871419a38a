namespace Orca.Api.Protobuf;

/// <summary>
/// All message tables by name, and the top-level kinds that may arrive in an envelope. Message names
/// are unique across the groups covered here. Immutable after type initialisation; thread safe.
/// </summary>
internal static class ProtoSchemas
{
    private static readonly Dictionary<string, ProtoMessage> Messages =
        MetaV1Schemas.All.Concat(CoreV1Schemas.All).Concat(CoreV1PodSchemas.All).Concat(AppsPolicySchemas.All)
            .Concat(BatchSchedulingSchemas.All)
            .ToDictionary(m => m.Name);

    private static readonly Dictionary<(string ApiVersion, string Kind), string> Roots = new()
    {
        [("v1", "Namespace")] = "Namespace",
        [("v1", "ConfigMap")] = "ConfigMap",
        [("v1", "Secret")] = "Secret",
        [("v1", "ServiceAccount")] = "ServiceAccount",
        [("v1", "Service")] = "Service",
        [("v1", "Pod")] = "Pod",
        [("apps/v1", "Deployment")] = "Deployment",
        [("policy/v1", "Eviction")] = "Eviction",
        [("batch/v1", "Job")] = "Job",
        [("batch/v1", "CronJob")] = "CronJob",
        [("policy/v1", "PodDisruptionBudget")] = "PodDisruptionBudget",
        [("scheduling.k8s.io/v1", "PriorityClass")] = "PriorityClass",
        [("v1", "DeleteOptions")] = "DeleteOptions",
        [("meta.k8s.io/v1", "DeleteOptions")] = "DeleteOptions",
    };

    public static ProtoMessage? Message(string name) => Messages.GetValueOrDefault(name);

    public static ProtoMessage? Root(string apiVersion, string kind) =>
        Roots.TryGetValue((apiVersion, kind), out var name) ? Messages[name] : null;

    /// <summary>Every message name some field refers to; used by tests to prove the tables are closed.</summary>
    internal static IEnumerable<string> Referenced() =>
        Messages.Values.SelectMany(m => m.Fields).Where(f => f.Message is not null).Select(f => f.Message!);
}
