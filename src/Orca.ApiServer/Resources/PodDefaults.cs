using Orca.Api;
using Orca.Api.Core;

namespace Orca.ApiServer.Resources;

/// <summary>The defaults Kubernetes fills into a new pod (defaulting functions and default admission plugins).</summary>
internal static class PodDefaults
{
    public const long DefaultGracePeriodSeconds = 30;
    public const long DefaultTolerationSeconds = 300;

    /// <summary>
    /// Everything a new pod gets: the pod-spec defaults every template gets too (<see cref="ApplySpec"/>),
    /// the pod-only ones (SetDefaults_Pod: service links, requests from limits, host ports on the host
    /// network) and the ServiceAccount and DefaultTolerationSeconds admission defaults. Priority comes
    /// from the Priority admission (PriorityAdmission), not from here.
    /// </summary>
    public static void Apply(Pod pod)
    {
        var spec = pod.Spec;
        ApplySpec(spec);
        spec.EnableServiceLinks ??= true;
        spec.ServiceAccountName ??= spec.ServiceAccount ?? "default";
        spec.ServiceAccount = spec.ServiceAccountName;
        if (spec.HostNetwork == true)
        {
            foreach (var c in AllContainers(spec))
            {
                foreach (var p in c.Ports ?? []) p.HostPort ??= p.ContainerPort;
            }
        }
        foreach (var c in AllContainers(spec)) RequestsFromLimits(c);
        AddDefaultTolerations(spec);
    }

    /// <summary>
    /// SetDefaults_PodSpec and the defaults of what nests in a pod spec (containers, probes, volumes):
    /// what the pod template of a Deployment, Job or any other workload gets.
    /// </summary>
    public static void ApplySpec(PodSpec spec)
    {
        spec.RestartPolicy ??= "Always";
        spec.TerminationGracePeriodSeconds ??= DefaultGracePeriodSeconds;
        spec.DNSPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.SecurityContext ??= new PodSecurityContext();
        foreach (var c in spec.InitContainers ?? []) DefaultContainer(c);
        foreach (var c in spec.Containers) DefaultContainer(c);
        foreach (var v in spec.Volumes ?? []) DefaultVolume(v);
    }

    private static void RequestsFromLimits(Container c)
    {
        if (c.Resources is not { Limits: { Count: > 0 } limits } resources) return;
        resources.Requests ??= new Dictionary<string, Quantity>();
        foreach (var (name, value) in limits) resources.Requests.TryAdd(name, value);
    }

    public static IEnumerable<Container> AllContainers(PodSpec spec) => (spec.InitContainers ?? []).Concat(spec.Containers);

    private static void DefaultContainer(Container c)
    {
        c.ImagePullPolicy ??= PullPolicyFor(c.Image);
        c.TerminationMessagePath ??= "/dev/termination-log";
        c.TerminationMessagePolicy ??= "File";
        foreach (var p in c.Ports ?? []) p.Protocol ??= "TCP";
        c.Resources ??= new ResourceRequirements();
        DefaultProbe(c.LivenessProbe);
        DefaultProbe(c.ReadinessProbe);
        DefaultProbe(c.StartupProbe);
        foreach (var e in c.Env ?? [])
        {
            if (e.ValueFrom?.FieldRef is { } fieldRef) fieldRef.ApiVersion ??= "v1";
        }
    }

    private static void DefaultProbe(Probe? probe)
    {
        if (probe is null) return;
        probe.TimeoutSeconds ??= 1;
        probe.PeriodSeconds ??= 10;
        probe.SuccessThreshold ??= 1;
        probe.FailureThreshold ??= 3;
        if (probe.HttpGet is { } http)
        {
            http.Path ??= "/";
            http.Scheme ??= "HTTP";
        }
        if (probe.Grpc is { } grpc) grpc.Service ??= "";
    }

    private static void DefaultVolume(Volume v)
    {
        if (v.Secret is { } secret) secret.DefaultMode ??= 420;
        if (v.ConfigMap is { } configMap) configMap.DefaultMode ??= 420;
        if (v.DownwardAPI is { } downward) downward.DefaultMode ??= 420;
        if (v.Projected is { } projected) projected.DefaultMode ??= 420;
        if (v.HostPath is { } hostPath) hostPath.Type ??= "";
        if (v.EmptyDir is null && v.HostPath is null && v.Secret is null && v.ConfigMap is null && v.PersistentVolumeClaim is null
            && v.Projected is null && v.DownwardAPI is null && HasNoOtherSource(v))
            v.EmptyDir = new EmptyDirVolumeSource();
    }

    private static bool HasNoOtherSource(Volume v) =>
        System.Text.Json.JsonSerializer.SerializeToNode(v, Orca.Api.Json.ApiJson.Info<Volume>()) is System.Text.Json.Nodes.JsonObject { Count: 1 };

    /// <summary>"latest" or no tag pulls Always; anything else IfNotPresent (a digest counts as a tag).</summary>
    public static string PullPolicyFor(string? image)
    {
        if (string.IsNullOrEmpty(image)) return "IfNotPresent";
        if (image.Contains('@')) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= lastSlash) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>The DefaultTolerationSeconds admission plugin: tolerate not-ready / unreachable nodes for 300 s.</summary>
    private static void AddDefaultTolerations(PodSpec spec)
    {
        spec.Tolerations ??= [];
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var has = spec.Tolerations.Any(t => (t.Key == key || (string.IsNullOrEmpty(t.Key) && t.Operator == "Exists"))
                && (string.IsNullOrEmpty(t.Effect) || t.Effect == "NoExecute"));
            if (!has)
                spec.Tolerations.Add(new Toleration { Key = key, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = DefaultTolerationSeconds });
        }
    }

    /// <summary>Guaranteed when every container has equal cpu and memory requests and limits; BestEffort with none at all.</summary>
    public static string QosClass(PodSpec spec)
    {
        var containers = AllContainers(spec).ToList();
        var any = containers.Any(c => (c.Resources?.Requests?.Count ?? 0) > 0 || (c.Resources?.Limits?.Count ?? 0) > 0);
        if (!any) return "BestEffort";
        var guaranteed = containers.All(c =>
        {
            var limits = c.Resources?.Limits;
            var requests = c.Resources?.Requests;
            return limits is not null && limits.ContainsKey("cpu") && limits.ContainsKey("memory")
                && (requests is null || requests.All(r => !limits.TryGetValue(r.Key, out var l) || l.Equals(r.Value)));
        });
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
