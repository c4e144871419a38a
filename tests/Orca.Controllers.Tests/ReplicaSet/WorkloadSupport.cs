using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.Tests.ReplicaSets;

/// <summary>Builders and reads for the ReplicaSet and Deployment tests.</summary>
internal static class WorkloadSupport
{
    public static PodTemplateSpec Template(string app, string image = "busybox:1", int grace = 0, Dictionary<string, string>? nodeSelector = null, string? priorityClass = null) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec
        {
            TerminationGracePeriodSeconds = grace,
            NodeSelector = nodeSelector,
            PriorityClassName = priorityClass,
            Containers = [new Container { Name = "app", Image = image }],
        },
    };

    public static ReplicaSet ReplicaSet(string name, int replicas, string app, int minReadySeconds = 0, PodTemplateSpec? template = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            MinReadySeconds = minReadySeconds,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = app } },
            Template = template ?? Template(app),
        },
    };

    public static Deployment Deployment(string name, int replicas, string image = "busybox:1", IntOrString? maxSurge = null, IntOrString? maxUnavailable = null,
        string strategy = "RollingUpdate") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = Template(name, image),
            Strategy = strategy == "Recreate"
                ? new DeploymentStrategy { Type = "Recreate" }
                : new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable } },
        },
    };

    /// <summary>A pod nobody owns, labelled app=<paramref name="app"/>, bound to <paramref name="node"/> (null: unassigned).</summary>
    public static Pod Orphan(string name, string app, string? node) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = app } },
        Spec = new PodSpec { NodeName = node, TerminationGracePeriodSeconds = 0, Containers = [new Container { Name = "app", Image = "busybox:1" }] },
    };

    /// <summary>Pods that are not being deleted.</summary>
    public static async Task<List<Pod>> LivePodsAsync(this ControllerCluster cluster, string selector) =>
        (await cluster.PodsAsync(labelSelector: selector)).Where(p => p.Metadata.DeletionTimestamp is null).ToList();

    public static bool IsReady(Pod p) => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Messages of the events with <paramref name="reason"/> about the object named <paramref name="name"/>.</summary>
    public static async Task<List<string>> EventsAsync(this ControllerCluster cluster, string name, string reason) =>
        (await cluster.Client.Resource<Event>().ListAsync("default")).Items
            .Where(e => e.InvolvedObject.Name == name && e.Reason == reason).Select(e => e.Message ?? "").ToList();

    /// <summary>Waits until <paramref name="read"/> returns a value satisfying <paramref name="ok"/>; returns it.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> ok, string what, TimeSpan? within = null)
    {
        T value = default!;
        await ControllerCluster.EventuallyAsync(async () => ok(value = await read()), what, within);
        return value;
    }

    /// <summary>Waits for a condition while moving the fake clock a second per poll (grace periods, minReadySeconds).</summary>
    public static async Task WaitAdvancingAsync(this ControllerCluster cluster, Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(30);
        }
    }

    public static Task<T> GetAsync<T>(this ControllerCluster cluster, string name) where T : class, IKubeObject =>
        cluster.Client.Resource<T>().GetAsync("default", name);
}
