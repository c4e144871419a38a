using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Orca.Agent;
using Orca.Agent.Streaming;
using Orca.Client;
using Orca.Runtime;
using Orca.Runtime.Images;

namespace Orca.Cli;

/// <summary>What the node agent needs from the command line; <see cref="FromFlags"/> fills it.</summary>
internal sealed record AgentHostOptions
{
    public required string DataDir { get; init; }
    public string? NodeName { get; init; }
    /// <summary>The streaming (kubelet) port. Default 10250.</summary>
    public int Port { get; init; } = 10250;
    /// <summary>The node's pod CIDR for the CNI bridge. Default 10.88.0.0/16 (single node).</summary>
    public string PodCidr { get; init; } = "10.88.0.0/16";
    public string Bridge { get; init; } = "orca0";
    /// <summary>Masquerade pod traffic leaving the node (the bridge plugin's ipMasq). Default true.</summary>
    public bool IpMasquerade { get; init; } = true;
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];
    /// <summary>Pre-started sandboxes kept ready (`--sandbox-pool N`, default 2; 0 turns the pool off).</summary>
    public int SandboxPoolSize { get; init; } = 2;

    /// <summary>The OCI runtime, runc (default) or crun (cgroup v2 hosts only).</summary>
    public string Runtime { get; init; } = OciRuntimes.Runc;
    /// <summary>Image garbage collection thresholds, percent of the image filesystem (kubelet defaults 85 / 80).</summary>
    public int ImageGcHighThreshold { get; init; } = 85;
    public int ImageGcLowThreshold { get; init; } = 80;
    /// <summary>--eviction-hard "memory.available&lt;100Mi,nodefs.available&lt;10%": replaces the kubelet's defaults when given.</summary>
    public IReadOnlyDictionary<string, string>? EvictionHard { get; init; }
    /// <summary>--seccomp-default: RuntimeDefault for containers that name no seccomp profile (the kubelet's flag).</summary>
    public bool SeccompDefault { get; init; }
    /// <summary>--max-pods N: the node's pods capacity (the kubelet's flag, default 110).</summary>
    public int MaxPods { get; init; } = 110;

    /// <summary>
    /// Reads the agent flags. An unknown --runtime, crun on a cgroup v1 host, or image GC thresholds out
    /// of order are an <see cref="ArgumentException"/> at once: the command fails before anything starts.
    /// </summary>
    public static AgentHostOptions FromFlags(Flags flags, string dataDir)
    {
        var options = Read(flags, dataDir);
        if (!OciRuntimes.Names.Contains(options.Runtime))
            throw new ArgumentException($"--runtime {options.Runtime}: unknown OCI runtime (use {string.Join(" or ", OciRuntimes.Names)})");
        if (OciRuntimes.HostProblem(options.Runtime, "/sys/fs/cgroup") is { } problem)
            throw new ArgumentException($"--runtime {options.Runtime}: {problem}");
        options.Agent(0).Validate();
        return options;
    }

    private static AgentHostOptions Read(Flags flags, string dataDir) => new()
    {
        DataDir = dataDir,
        NodeName = flags.Get("node-name"),
        Port = flags.Get("agent-port") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 10250,
        PodCidr = flags.Get("pod-cidr") ?? "10.88.0.0/16",
        Bridge = flags.Get("bridge") ?? "orca0",
        IpMasquerade = flags.Get("ip-masq") is not "false",
        InsecureRegistries = flags.Get("insecure-registry")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
        Runtime = flags.Get("runtime") ?? OciRuntimes.Runc,
        SandboxPoolSize = flags.Get("sandbox-pool") is { } pool && int.TryParse(pool, CultureInfo.InvariantCulture, out var size) && size >= 0 ? size : flags.Get("sandbox-pool") is null ? 2 : throw new ArgumentException($"--sandbox-pool {flags.Get("sandbox-pool")}: not a count of sandboxes"),
        ImageGcHighThreshold = Percent(flags, "image-gc-high-threshold", 85),
        ImageGcLowThreshold = Percent(flags, "image-gc-low-threshold", 80),
        EvictionHard = flags.Get("eviction-hard") is { } hard ? AgentOptions.ParseEvictionHard(hard) : null,
        SeccompDefault = flags.Has("seccomp-default"),
        MaxPods = flags.Get("max-pods") is not { } max ? 110
            : int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var pods) && pods > 0 ? pods
            : throw new ArgumentException($"--max-pods {max}: not a positive number of pods"),
    };

    /// <summary>The node agent's options from these flags.</summary>
    public AgentOptions Agent(int streamingPort)
    {
        var options = new AgentOptions
        {
            NodeName = NodeName,
            DataDir = Path.Combine(DataDir, "agent"),
            StaticPodDir = Path.Combine(DataDir, "manifests"),
            Port = streamingPort,
            PodLogDir = Path.Combine(DataDir, "pod-logs"),
            ImageGCHighThresholdPercent = ImageGcHighThreshold,
            ImageGCLowThresholdPercent = ImageGcLowThreshold,
            SeccompDefault = SeccompDefault,
            PodsPerNode = MaxPods,
            SeccompProfileRoot = Path.Combine(DataDir, "seccomp"),
        };
        return EvictionHard is null ? options : options with { EvictionHard = EvictionHard };
    }

    private static int Percent(Flags flags, string name, int fallback) =>
        flags.Get(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"--{name} {text}: not a whole number of percent");
}

/// <summary>
/// The node agent with its parts: the image store and runc runtime under the data dir, the
/// streaming endpoint for logs/exec/attach/port-forward, and the agent itself. Stop order is the
/// reverse of start; stopping never stops containers (they run on under conmon).
/// </summary>
internal sealed class AgentHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];

    public static async Task<AgentHost> StartAsync(AgentHostOptions options, KubeClient client, X509Certificate2 clusterCa, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var host = new AgentHost();
        try
        {
            var images = new ImageStore(new ImageStoreOptions { Root = Path.Combine(options.DataDir, "images"), InsecureRegistries = options.InsecureRegistries },
                TimeProvider.System);
            var runtime = new RuncRuntime(new RuncRuntimeOptions
            {
                Root = Path.Combine(options.DataDir, "runtime"),
                Runtime = options.Runtime,
                CniConfDir = Path.Combine(options.DataDir, "cni"),
                PodSubnet = options.PodCidr,
                BridgeName = options.Bridge,
                IpMasquerade = options.IpMasquerade,
                LogRoot = Path.Combine(options.DataDir, "pod-logs"),
                SandboxPoolSize = options.SandboxPoolSize,
            }, images);
            await runtime.StartSandboxPoolAsync(cancellationToken);
            host._parts.Add(new Stopper(runtime.StopSandboxPoolAsync));
            var streaming = await StreamingServer.StartAsync(IPAddress.Any, options.Port, clusterCa, runtime, loggers, cancellationToken);
            host._parts.Add(streaming);
            var agent = await OrcaAgent.StartAsync(options.Agent(streaming.Port), client, runtime, images, TimeProvider.System, loggers, cancellationToken);
            host._parts.Add(agent);
            host.NodeName = agent.NodeName;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public string NodeName { get; private set; } = "";

    private sealed class Stopper(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var part in Enumerable.Reverse(_parts)) await part.DisposeAsync();
        _parts.Clear();
    }
}
