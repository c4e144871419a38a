using System.Diagnostics;
using System.Globalization;
using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.ControllersBench;

/// <summary>
/// One Deployment of <c>replicas</c> tiny pods: (1) create → all available; (2) roll the image with maxSurge
/// 25% / maxUnavailable 0 → complete, tracking the fewest available pods seen (ready, not terminating,
/// counted from a pod informer, not from the controller's own status); (3) delete with propagationPolicy
/// Foreground → no pod left and the Deployment gone. Availability is counted incrementally in the informer
/// handler, so sampling costs nothing per pod.
/// </summary>
internal sealed class DeploymentScenario(string kubeconfig, int replicas, string ns, bool gc, TimeSpan timeout)
{
    private const string Name = "ctlbench";
    private readonly Lock _lock = new();
    private readonly Dictionary<string, bool> _available = new(StringComparer.Ordinal);
    private int _availableCount;
    private int _minAvailable = int.MaxValue;
    private bool _tracking;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var client = KubeClient.FromKubeconfig(kubeconfig);
        await using var pods = new SharedInformer<Pod>(client, new InformerOptions { Namespace = ns, LabelSelector = "app=" + Name });
        pods.AddEventHandler(Track, (_, p) => Track(p), p => Forget(p));
        pods.Start();
        await pods.WaitForSyncAsync(ct);
        var deployments = client.Resource<Deployment>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(timeout);

        var clock = Stopwatch.StartNew();
        await deployments.CreateAsync(Build(), stop.Token);
        await UntilAsync(() => Count() >= replicas, stop.Token);
        var created = clock.Elapsed.TotalSeconds;
        await UntilDoneAsync(deployments, stop.Token);
        Result($"create replicas={replicas} available_s={created:F1} (target 15)");

        lock (_lock)
        {
            _tracking = true;
            _minAvailable = _availableCount;
        }
        clock.Restart();
        await deployments.PatchAsync(ns, Name, PatchType.StrategicMerge,
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"busybox:bench-2"}]}}}}""", ct: stop.Token);
        await UntilDoneAsync(deployments, stop.Token);
        int min;
        lock (_lock)
        {
            _tracking = false;
            min = _minAvailable;
        }
        Result($"rolling_update replicas={replicas} complete_s={clock.Elapsed.TotalSeconds:F1} min_available={min} (targets 60 s, never below {replicas})");

        if (!gc)
        {
            Result("foreground_delete skipped: no garbage collector");
            return min >= replicas ? 0 : 1;
        }
        clock.Restart();
        await deployments.DeleteAsync(ns, Name, new DeleteOptions { PropagationPolicy = "Foreground" }, stop.Token);
        await UntilAsync(() => pods.Indexer.Count == 0, stop.Token);
        var podsGone = clock.Elapsed.TotalSeconds;
        while (true)
        {
            try
            {
                await deployments.GetAsync(ns, Name, stop.Token);
                await Task.Delay(50, stop.Token);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                break;
            }
        }
        Result($"foreground_delete pods_gone_s={podsGone:F1} deployment_gone_s={clock.Elapsed.TotalSeconds:F1} (target 20)");
        return min >= replicas ? 0 : 1;
    }

    private Deployment Build() => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = ns },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = Name } },
            Strategy = new DeploymentStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new RollingUpdateDeployment { MaxSurge = IntOrString.FromString("25%"), MaxUnavailable = IntOrString.FromInt(0) },
            },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = Name } },
                Spec = new PodSpec
                {
                    TerminationGracePeriodSeconds = 0,
                    Containers = [new Container
                    {
                        Name = "app", Image = "busybox:bench-1",
                        Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("1m"), ["memory"] = Quantity.Parse("1Mi") } },
                    }],
                },
            },
        },
    };

    private void Track(Pod pod)
    {
        var available = pod.Metadata.DeletionTimestamp is null
            && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        lock (_lock)
        {
            var key = pod.Metadata.Name!;
            var was = _available.GetValueOrDefault(key);
            _available[key] = available;
            _availableCount += (available ? 1 : 0) - (was ? 1 : 0);
            if (_tracking) _minAvailable = Math.Min(_minAvailable, _availableCount);
        }
    }

    private void Forget(Pod pod)
    {
        lock (_lock)
        {
            if (_available.Remove(pod.Metadata.Name!, out var was) && was) _availableCount--;
            if (_tracking) _minAvailable = Math.Min(_minAvailable, _availableCount);
        }
    }

    private int Count()
    {
        lock (_lock) return _availableCount;
    }

    /// <summary>Until the Deployment's status says complete for its current generation.</summary>
    private async Task UntilDoneAsync(ResourceClient<Deployment> deployments, CancellationToken ct)
    {
        while (true)
        {
            var d = await deployments.GetAsync(ns, Name, ct);
            var s = d.Status;
            if (s.ObservedGeneration >= d.Metadata.Generation && s.UpdatedReplicas == replicas && s.Replicas == replicas && s.AvailableReplicas == replicas) return;
            await Task.Delay(50, ct);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition()) await Task.Delay(20, ct);
    }

    private static void Result(string text) => Console.WriteLine("RESULT " + text);
}
