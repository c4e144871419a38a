using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Scheduler.Tests;

/// <summary>Fluent pods for tests: <c>PodBuilder.Named("web").Requests(cpu: "500m").Label("app", "web").Build()</c>.</summary>
internal sealed class PodBuilder
{
    private readonly Pod _pod;

    private PodBuilder(string name, string ns)
    {
        _pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Uid = $"uid-{ns}-{name}", CreationTimestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) },
            Spec = new PodSpec { Containers = [], SchedulerName = "default-scheduler", Priority = 0 },
            Status = new PodStatus { Phase = PodPhase.Pending },
        };
    }

    public static PodBuilder Named(string name, string ns = "default") => new(name, ns);

    public PodBuilder Requests(string? cpu = null, string? memory = null, string? image = null, params (string Name, string Value)[] other)
    {
        _pod.Spec.Containers.Add(Container($"c{_pod.Spec.Containers.Count}", cpu, memory, image, other));
        return this;
    }

    public PodBuilder Init(string? cpu = null, string? memory = null, bool sidecar = false)
    {
        var c = Container($"i{_pod.Spec.InitContainers?.Count ?? 0}", cpu, memory, null, []);
        if (sidecar) c.RestartPolicy = RestartPolicy.Always;
        (_pod.Spec.InitContainers ??= []).Add(c);
        return this;
    }

    private static Container Container(string name, string? cpu, string? memory, string? image, (string Name, string Value)[] other)
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null) requests["cpu"] = new Quantity(cpu);
        if (memory is not null) requests["memory"] = new Quantity(memory);
        foreach (var (n, v) in other) requests[n] = new Quantity(v);
        return new Container { Name = name, Image = image ?? "busybox", Resources = new ResourceRequirements { Requests = requests.Count == 0 ? null : requests } };
    }

    public PodBuilder Overhead(string cpu, string memory)
    {
        _pod.Spec.Overhead = new() { ["cpu"] = new Quantity(cpu), ["memory"] = new Quantity(memory) };
        return this;
    }

    public PodBuilder PodLevel(string cpu)
    {
        _pod.Spec.Resources = new ResourceRequirements { Requests = new() { ["cpu"] = new Quantity(cpu) } };
        return this;
    }

    public PodBuilder Label(string key, string value)
    {
        (_pod.Metadata.Labels ??= new())[key] = value;
        return this;
    }

    public PodBuilder NodeSelector(string key, string value)
    {
        (_pod.Spec.NodeSelector ??= new())[key] = value;
        return this;
    }

    public PodBuilder Toleration(string? key, string? op = null, string? value = null, string? effect = null)
    {
        (_pod.Spec.Tolerations ??= []).Add(new Toleration { Key = key, Operator = op, Value = value, Effect = effect });
        return this;
    }

    public PodBuilder RequiredNodeAffinity(params NodeSelectorTerm[] terms)
    {
        Affinity().NodeAffinity ??= new NodeAffinity();
        _pod.Spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [.. terms] };
        return this;
    }

    public PodBuilder PreferredNodeAffinity(int weight, NodeSelectorTerm term)
    {
        var na = Affinity().NodeAffinity ??= new NodeAffinity();
        (na.PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(new PreferredSchedulingTerm { Weight = weight, Preference = term });
        return this;
    }

    public PodBuilder HostPort(int port, string protocol = "TCP", string? ip = null)
    {
        var c = _pod.Spec.Containers.Count > 0 ? _pod.Spec.Containers[0] : AddContainer();
        (c.Ports ??= []).Add(new ContainerPortSpec { ContainerPort = port, HostPort = port, Protocol = protocol, HostIP = ip });
        return this;
    }

    private Container AddContainer()
    {
        Requests();
        return _pod.Spec.Containers[0];
    }

    public PodBuilder PodAffinity(string topologyKey, string key, string value, int weight = 0, List<string>? namespaces = null, LabelSelector? nsSelector = null)
    {
        var a = Affinity().PodAffinity ??= new PodAffinity();
        var term = Term(topologyKey, key, value, namespaces, nsSelector);
        if (weight == 0) (a.RequiredDuringSchedulingIgnoredDuringExecution ??= []).Add(term);
        else (a.PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(new WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = term });
        return this;
    }

    public PodBuilder PodAntiAffinity(string topologyKey, string key, string value, int weight = 0, List<string>? namespaces = null, LabelSelector? nsSelector = null)
    {
        var a = Affinity().PodAntiAffinity ??= new PodAntiAffinity();
        var term = Term(topologyKey, key, value, namespaces, nsSelector);
        if (weight == 0) (a.RequiredDuringSchedulingIgnoredDuringExecution ??= []).Add(term);
        else (a.PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(new WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = term });
        return this;
    }

    private static PodAffinityTerm Term(string topologyKey, string key, string value, List<string>? namespaces, LabelSelector? nsSelector) => new()
    {
        TopologyKey = topologyKey,
        LabelSelector = new LabelSelector { MatchLabels = new() { [key] = value } },
        Namespaces = namespaces,
        NamespaceSelector = nsSelector,
    };

    public PodBuilder Spread(int maxSkew, string topologyKey, string when, string key, string value, int? minDomains = null,
        string? nodeAffinityPolicy = null, string? nodeTaintsPolicy = null)
    {
        (_pod.Spec.TopologySpreadConstraints ??= []).Add(new TopologySpreadConstraint
        {
            MaxSkew = maxSkew,
            TopologyKey = topologyKey,
            WhenUnsatisfiable = when,
            LabelSelector = new LabelSelector { MatchLabels = new() { [key] = value } },
            MinDomains = minDomains,
            NodeAffinityPolicy = nodeAffinityPolicy,
            NodeTaintsPolicy = nodeTaintsPolicy,
        });
        return this;
    }

    public PodBuilder Priority(int priority, string? preemptionPolicy = null)
    {
        _pod.Spec.Priority = priority;
        _pod.Spec.PreemptionPolicy = preemptionPolicy;
        return this;
    }

    /// <summary>spec.priorityClassName (the API server's admission fills spec.priority from the class).</summary>
    public PodBuilder PriorityClass(string name)
    {
        _pod.Spec.PriorityClassName = name;
        _pod.Spec.Priority = null;
        _pod.Spec.PreemptionPolicy = null;
        return this;
    }

    public PodBuilder OnNode(string node)
    {
        _pod.Spec.NodeName = node;
        return this;
    }

    public PodBuilder NodeName(string node) => OnNode(node);

    public PodBuilder Scheduler(string name)
    {
        _pod.Spec.SchedulerName = name;
        return this;
    }

    public PodBuilder Started(DateTimeOffset at)
    {
        _pod.Status.StartTime = at;
        return this;
    }

    public PodBuilder Terminating()
    {
        _pod.Metadata.DeletionTimestamp = DateTimeOffset.UnixEpoch;
        return this;
    }

    public PodBuilder Gate(string name)
    {
        (_pod.Spec.SchedulingGates ??= []).Add(new PodSchedulingGate { Name = name });
        return this;
    }

    public PodBuilder Nominated(string node)
    {
        _pod.Status.NominatedNodeName = node;
        return this;
    }

    private Affinity Affinity() => _pod.Spec.Affinity ??= new Affinity();

    public Pod Build()
    {
        if (_pod.Spec.Containers.Count == 0) Requests();
        return _pod;
    }

    public static implicit operator Pod(PodBuilder b) => b.Build();
}

/// <summary>Fluent nodes: <c>NodeBuilder.Named("n1").Capacity("4", "8Gi").Label("zone", "a").Build()</c>.</summary>
internal sealed class NodeBuilder
{
    private readonly Node _node;

    private NodeBuilder(string name) => _node = new Node
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new ObjectMeta { Name = name, Uid = $"uid-node-{name}", Labels = new() { ["kubernetes.io/hostname"] = name } },
        Status = new NodeStatus { Allocatable = Resources("4", "8Gi", 110), Capacity = Resources("4", "8Gi", 110) },
    };

    public static NodeBuilder Named(string name) => new(name);

    private static Dictionary<string, Quantity> Resources(string cpu, string memory, int pods) => new()
    {
        ["cpu"] = new Quantity(cpu),
        ["memory"] = new Quantity(memory),
        ["pods"] = Quantity.FromValue(pods),
        ["ephemeral-storage"] = new Quantity("100Gi"),
    };

    public NodeBuilder Capacity(string cpu, string memory, int pods = 110, params (string Name, string Value)[] other)
    {
        var r = Resources(cpu, memory, pods);
        foreach (var (n, v) in other) r[n] = new Quantity(v);
        _node.Status.Allocatable = r;
        _node.Status.Capacity = new Dictionary<string, Quantity>(r);
        return this;
    }

    public NodeBuilder Label(string key, string value)
    {
        _node.Metadata.Labels![key] = value;
        return this;
    }

    public NodeBuilder Taint(string key, string? value, string effect)
    {
        (_node.Spec.Taints ??= []).Add(new Taint { Key = key, Value = value, Effect = effect });
        return this;
    }

    public NodeBuilder Unschedulable()
    {
        _node.Spec.Unschedulable = true;
        return this;
    }

    public NodeBuilder Image(string name, long sizeBytes)
    {
        (_node.Status.Images ??= []).Add(new ContainerImage { Names = [name], SizeBytes = sizeBytes });
        return this;
    }

    public Node Build() => _node;

    public static implicit operator Node(NodeBuilder b) => b.Build();
}

/// <summary>Node selector terms for affinity tests.</summary>
internal static class Terms
{
    public static NodeSelectorTerm Expr(string key, string op, params string[] values) => new()
    {
        MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = op, Values = values.Length == 0 ? null : [.. values] }],
    };

    public static NodeSelectorTerm Field(string op, params string[] names) => new()
    {
        MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = op, Values = [.. names] }],
    };
}
