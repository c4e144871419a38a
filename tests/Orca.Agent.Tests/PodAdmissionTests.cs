using Orca.Agent.Pods;
using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using NodeObject = Orca.Api.Core.Node;

namespace Orca.Agent.Tests;

/// <summary>The kubelet's admission of a new pod: what refuses it, with which reason and message.</summary>
public sealed class PodAdmissionTests
{
    private static NodeObject Node(string cpu = "2", string memory = "4Gi", string pods = "110", params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = "node-a", Labels = new() { ["disk"] = "ssd", ["kubernetes.io/hostname"] = "node-a" } },
        Spec = new NodeSpec { Taints = taints.Length == 0 ? null : [.. taints] },
        Status = new NodeStatus { Allocatable = new() { ["cpu"] = Quantity.Parse(cpu), ["memory"] = Quantity.Parse(memory), ["pods"] = Quantity.Parse(pods) } },
    };

    private static Pod Pod(string name, string? cpu = null, string? memory = null, Action<Pod>? configure = null)
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null) requests["cpu"] = Quantity.Parse(cpu);
        if (memory is not null) requests["memory"] = Quantity.Parse(memory);
        var pod = PodBuilder.Named(name).WithContainer("app", c => c.Resources = requests.Count == 0 ? null : new ResourceRequirements { Requests = requests }).Build();
        configure?.Invoke(pod);
        return pod;
    }

    private static (string Reason, string Message)? Refusal(Pod pod, NodeObject? node = null, IReadOnlyList<string>? pressure = null, params Pod[] admitted) =>
        PodAdmitter.Refusal(pod, node ?? Node(), admitted, pressure ?? []);

    [Fact]
    public void A_pod_that_fits_beside_the_admitted_ones_is_admitted() =>
        Assert.Null(Refusal(Pod("new", "500m", "1Gi"), null, null, Pod("old", "1", "2Gi")));

    [Fact]
    public void Cpu_beyond_what_is_left_is_out_of_cpu_with_the_kubelet_numbers() =>
        Assert.Equal(("OutOfcpu", "Node didn't have enough resource: cpu, requested: 1500, used: 1000, capacity: 2000"),
            Refusal(Pod("new", "1500m"), null, null, Pod("old", "1")));

    [Fact]
    public void Memory_counts_init_containers_at_their_peak() =>
        Assert.Equal(("OutOfmemory", $"Node didn't have enough resource: memory, requested: {3L << 30}, used: {2L << 30}, capacity: {4L << 30}"),
            Refusal(Pod("new", memory: "1Gi", configure: p => p.Spec.InitContainers =
                [new Container { Name = "init", Image = "busybox", Resources = new ResourceRequirements { Requests = new() { ["memory"] = Quantity.Parse("3Gi") } } }]),
                null, null, Pod("old", memory: "2Gi")));

    [Fact]
    public void The_pod_count_is_checked_first() =>
        Assert.Equal(("OutOfpods", "Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"),
            Refusal(Pod("new", "100"), Node(pods: "2"), null, Pod("a"), Pod("b")));

    [Fact]
    public void A_node_selector_that_does_not_match_is_a_node_affinity_refusal() =>
        Assert.Equal(("NodeAffinity", "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"),
            Refusal(Pod("new", configure: p => p.Spec.NodeSelector = new() { ["disk"] = "hdd" })));

    [Fact]
    public void A_host_port_in_use_is_a_node_ports_refusal()
    {
        Pod WithPort(string name) => Pod(name, configure: p => p.Spec.Containers[0].Ports = [new ContainerPortSpec { ContainerPort = 80, HostPort = 8080 }]);
        Assert.Equal(("NodePorts", "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports"),
            Refusal(WithPort("new"), null, null, WithPort("old")));
    }

    [Fact]
    public void An_untolerated_no_execute_taint_refuses_and_a_toleration_admits()
    {
        var node = Node(taints: new Taint { Key = "dedicated", Value = "db", Effect = TaintEffect.NoExecute });
        Assert.Equal(("TaintToleration", "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate"), Refusal(Pod("new"), node));
        Assert.Null(Refusal(Pod("tolerant", configure: p => p.Spec.Tolerations = [new Toleration { Key = "dedicated", Operator = "Exists" }]), node));
        Assert.Null(Refusal(Pod("new"), Node(taints: new Taint { Key = "dedicated", Value = "db", Effect = TaintEffect.NoSchedule })));
    }

    [Fact]
    public void Memory_pressure_refuses_best_effort_pods_only_and_disk_pressure_refuses_all()
    {
        Assert.Equal(("Evicted", "The node had condition: [MemoryPressure]. "), Refusal(Pod("besteffort"), null, ["MemoryPressure"]));
        Assert.Null(Refusal(Pod("burstable", "100m"), null, ["MemoryPressure"]));
        Assert.Null(Refusal(Pod("tolerates", configure: p => p.Spec.Tolerations = [new Toleration { Key = "node.kubernetes.io/memory-pressure", Operator = "Exists", Effect = "NoSchedule" }]), null, ["MemoryPressure"]));
        Assert.Equal(("Evicted", "The node had condition: [DiskPressure]. "), Refusal(Pod("burstable", "100m"), null, ["DiskPressure"]));
        Assert.Null(Refusal(Pod("critical", configure: p => p.Spec.Priority = PodAdmitter.SystemCriticalPriority), null, ["DiskPressure"]));
    }

    [Fact]
    public async Task A_refused_pod_fails_at_once_with_the_reason_a_message_and_an_event_and_nothing_runs()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.CreateAsync(Pod("huge", "100000") with { Spec = Pod("huge", "100000").Spec with { NodeName = AgentHarness.Node } });

        var pod = await h.PodWhenAsync("huge", p => p.Status.Phase == "Failed", "refused");

        Assert.Equal("OutOfcpu", pod.Status.Reason);
        Assert.StartsWith("Pod was rejected: Node didn't have enough resource: cpu, requested: 100000000, used: 0, capacity: ", pod.Status.Message);
        await h.EventuallyEventsAsync(e => e is { Type: "Warning", Reason: "OutOfcpu" } && e.InvolvedObject.Name == "huge"
            && e.Message!.StartsWith("Node didn't have enough resource: cpu", StringComparison.Ordinal));
        Assert.Empty(await h.Runtime.ListPodSandboxesAsync(CancellationToken.None));
    }
}
