using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.Tests.NodeLifecycle;

/// <summary>Pods placed straight on hollow nodes, and reads of node and pod state.</summary>
internal static class NodeSupport
{
    public static readonly string[] LifecycleControllers = ["nodelifecycle", "taint-eviction-controller"];

    public static Toleration Unreachable(long? seconds) => new()
    {
        Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = seconds,
    };

    /// <summary>Creates a pod bound to <paramref name="node"/> and waits until the hollow node reports it Ready.</summary>
    public static async Task<Pod> RunPodAsync(this ControllerCluster c, string name, string node, params Toleration[] tolerations)
    {
        var pod = await c.Pods.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec
            {
                NodeName = node,
                Containers = [new Container { Name = "c", Image = "busybox" }],
                Tolerations = tolerations.Length == 0 ? null : [.. tolerations],
            },
        });
        await ControllerCluster.EventuallyAsync(async () => ReadyOf(await c.Pods.GetAsync("default", name)) == "True", $"pod {name} to be Ready");
        return pod;
    }

    public static string? ReadyOf(Pod pod) => pod.Status.Conditions?.FirstOrDefault(x => x.Type == "Ready")?.Status;

    public static async Task<Node> NodeAsync(this ControllerCluster c, string name) => await c.Nodes.GetAsync(null, name);

    public static NodeCondition? Condition(Node node, string type) => node.Status.Conditions?.FirstOrDefault(x => x.Type == type);

    public static bool HasTaint(Node node, string key, string effect) => node.Spec.Taints?.Any(t => t.Key == key && t.Effect == effect) == true;

    /// <summary>The pod, or null when it is gone or being deleted.</summary>
    public static async Task<Pod?> LivePodAsync(this ControllerCluster c, string name)
    {
        try
        {
            var pod = await c.Pods.GetAsync("default", name);
            return pod.Metadata.DeletionTimestamp is null ? pod : null;
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}
