using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Sim;

namespace Orca.Controllers.Tests.DaemonSet;

/// <summary>Builders and queries for the DaemonSet tests: a cluster with the controller and the scheduler, DaemonSets, their pods.</summary>
internal static class DaemonSetSupport
{
    public static Task<ControllerCluster> StartAsync() => ControllerCluster.StartAsync(["daemonset"], scheduler: true);

    /// <summary>Hollow nodes that confirm deletions at once (no grace period to wait out on the fake clock).</summary>
    public static HollowOptions Nodes(int count, string prefix, Dictionary<string, string>? labels = null, List<Taint>? taints = null) => new()
    {
        Nodes = count,
        NamePrefix = prefix,
        Labels = labels ?? [],
        Taints = taints ?? [],
        MaxGracePeriod = TimeSpan.Zero,
    };

    /// <summary>A DaemonSet "name" selecting app=name, one container with <paramref name="image"/>.</summary>
    public static Api.Apps.DaemonSet New(string name, string image = "busybox:1", Action<Api.Apps.DaemonSet>? configure = null)
    {
        var ds = new Api.Apps.DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new DaemonSetSpec
            {
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = image }] },
                },
            },
        };
        configure?.Invoke(ds);
        return ds;
    }

    public static ResourceClient<Api.Apps.DaemonSet> DaemonSets(this ControllerCluster cluster) => cluster.Client.Resource<Api.Apps.DaemonSet>();

    public static Task<Api.Apps.DaemonSet> CreateAsync(this ControllerCluster cluster, Api.Apps.DaemonSet ds) => cluster.DaemonSets().CreateAsync(ds);

    public static Task<Api.Apps.DaemonSet> GetDsAsync(this ControllerCluster cluster, string name) => cluster.DaemonSets().GetAsync("default", name);

    /// <summary>Changes the container image (a new template, so a new revision).</summary>
    public static async Task SetImageAsync(this ControllerCluster cluster, string name, string image)
    {
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"main","image":""" + "\"" + image + "\"" + """}]}}}}""";
        await cluster.DaemonSets().PatchAsync("default", name, PatchType.StrategicMerge, patch);
    }

    /// <summary>The DaemonSet's pods that are not being deleted.</summary>
    public static async Task<List<Pod>> LivePodsAsync(this ControllerCluster cluster, string name) =>
        (await cluster.PodsAsync(labelSelector: "app=" + name)).Where(p => p.Metadata.DeletionTimestamp is null).ToList();

    public static bool IsRunningReady(Pod p) =>
        p.Status.Phase == "Running" && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static string ImageOf(Pod p) => p.Spec.Containers[0].Image!;

    /// <summary>Waits until every one of <paramref name="nodes"/> runs exactly one Running, Ready pod of the DaemonSet with <paramref name="image"/> and no other node runs one.</summary>
    public static Task WaitForPodsOnAsync(this ControllerCluster cluster, string name, IEnumerable<string> nodes, string image = "busybox:1")
    {
        var want = nodes.Order(StringComparer.Ordinal).ToList();
        return ControllerCluster.EventuallyAsync(async () =>
        {
            var pods = await cluster.PodsAsync(labelSelector: "app=" + name);
            var placed = pods.Select(p => p.Spec.NodeName ?? "").Order(StringComparer.Ordinal).ToList();
            return placed.SequenceEqual(want) && pods.All(p => IsRunningReady(p) && ImageOf(p) == image && p.Metadata.DeletionTimestamp is null);
        }, $"one running {image} pod of {name} on each of [{string.Join(", ", want)}] and nowhere else");
    }

    /// <summary>Waits until the status counts and observedGeneration are as given.</summary>
    public static Task WaitForStatusAsync(this ControllerCluster cluster, string name, int desired, int current, int ready, int updated, int available, int misscheduled = 0) =>
        ControllerCluster.EventuallyAsync(async () =>
        {
            var ds = await cluster.GetDsAsync(name);
            var s = ds.Status;
            return s.ObservedGeneration == ds.Metadata.Generation && s.DesiredNumberScheduled == desired && s.CurrentNumberScheduled == current
                && s.NumberReady == ready && s.UpdatedNumberScheduled == updated && s.NumberAvailable == available
                && s.NumberUnavailable == desired - available && s.NumberMisscheduled == misscheduled;
        }, $"status of {name}: desired {desired} current {current} ready {ready} updated {updated} available {available} misscheduled {misscheduled}");

    /// <summary>Reasons and messages of the events about the DaemonSet (the recorder writes them in the background).</summary>
    public static async Task<List<(string Reason, string Message)>> EventsAsync(this ControllerCluster cluster, string name)
    {
        var events = await cluster.Client.Resource<Api.Core.Event>().ListAsync("default");
        return events.Items.Where(e => e.InvolvedObject.Name == name && e.InvolvedObject.Kind == "DaemonSet")
            .Select(e => (e.Reason ?? "", e.Message ?? "")).ToList();
    }

    public static async Task<List<ControllerRevision>> RevisionsAsync(this ControllerCluster cluster, string name) =>
        [.. (await cluster.Client.Resource<ControllerRevision>().ListAsync("default", new ListOptions { LabelSelector = "app=" + name })).Items.OrderBy(r => r.Revision)];
}
