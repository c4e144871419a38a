using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Scheduler.Bench;

/// <summary>The objects of scheduler_perf's default templates (node-default.yaml, pod-default.yaml).</summary>
internal static class Workload
{
    public static Node Node(int i) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new ObjectMeta { Name = $"scheduler-perf-{i}", Labels = new() { ["kubernetes.io/hostname"] = $"scheduler-perf-{i}" } },
        Status = new NodeStatus
        {
            Capacity = Resources(),
            Allocatable = Resources(),
            Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
            Phase = "Running",
        },
    };

    private static Dictionary<string, Quantity> Resources() => new()
    {
        ["pods"] = Quantity.FromValue(110),
        ["cpu"] = new Quantity("4"),
        ["memory"] = new Quantity("32Gi"),
    };

    public static Pod Pod(string name, string scenario)
    {
        var requests = new Dictionary<string, Quantity> { ["cpu"] = new Quantity("100m"), ["memory"] = new Quantity("500Mi") };
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "bench" } },
            Spec = new PodSpec
            {
                Containers =
                [
                    new Container
                    {
                        Name = "pause", Image = "registry.k8s.io/pause:3.10",
                        Ports = [new ContainerPortSpec { ContainerPort = 80 }],
                        Resources = new ResourceRequirements { Requests = requests, Limits = new Dictionary<string, Quantity>(requests) },
                    },
                ],
            },
        };
        if (scenario == "antiaffinity")
        {
            pod.Spec.Affinity = new Affinity
            {
                PodAntiAffinity = new PodAntiAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution =
                    [
                        new PodAffinityTerm { TopologyKey = "kubernetes.io/hostname", LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "bench" } } },
                    ],
                },
            };
        }
        return pod;
    }
}
