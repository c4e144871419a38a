using System.Text.Json;
using Orca.Runtime.Cni;
using Orca.Runtime.Conmon;
using Orca.Runtime.Oci;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>
    /// Creates the pod cgroup, network namespace (CNI loopback + the conflist, with host ports) and
    /// the infra container (catatonit under conmon). Once the namespace file exists, the CNI plugins
    /// and the infra container's creation run at the same time: the infra container only joins the
    /// namespace, and only /etc/hosts (written last, read by app containers) needs the pod's IP.
    /// On any failure everything created so far is torn down before the exception propagates, so
    /// a failed call leaves nothing behind.
    /// </summary>
    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken)
    {
        _store.EnsureLayout();
        if (await TakePooledSandboxAsync(config, cancellationToken) is { } pooled)
            return pooled;
        var id = NewId();
        using var held = await LockAsync(id, cancellationToken);
        await CreateSandboxAsync(NewRecord(id, config), cancellationToken);
        return id;
    }

    private SandboxRecord NewRecord(string id, PodSandboxConfig config) => new()
    {
        Id = id,
        Config = config,
        CreatedAt = _time.GetUtcNow(),
        CgroupParent = PodCgroupParent(config),
        NetnsPath = config.Network == NamespaceMode.Node ? null : _store.NetnsPath(id),
        LogDirectory = PodLogDirectory(config),
    };

    private string PodCgroupParent(PodSandboxConfig config) =>
        config.CgroupParent.Length > 0 ? config.CgroupParent : $"/{_options.CgroupRoot}/pod{config.Uid}";

    private string PodLogDirectory(PodSandboxConfig config) =>
        config.LogDirectory.Length > 0 ? config.LogDirectory : Path.Combine(_options.EffectiveLogRoot, $"{config.Namespace}_{config.Name}_{config.Uid}");

    /// <summary>Creates the sandbox <paramref name="record"/> describes (caller holds its lock); on failure nothing is left behind.</summary>
    private async Task CreateSandboxAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        var id = record.Id;
        var config = record.Config;
        _store.Save(record);
        try
        {
            _cgroups.Create(record.CgroupParent);
            if (record.NetnsPath is { } netns)
                await _netns.CreateAsync(netns, cancellationToken);
            var network = SetUpNetworkAsync(record, cancellationToken);
            var infra = StartInfraAsync(record, cancellationToken);
            try
            {
                await Task.WhenAll(network, infra);
            }
            finally
            {
                // Whatever half succeeded is in the record the teardown below reads.
                record = record with
                {
                    Ip = network.IsCompletedSuccessfully ? network.Result.Ip : null,
                    CniResult = network.IsCompletedSuccessfully ? network.Result.CniResult : null,
                    InfraPid = infra.IsCompletedSuccessfully ? infra.Result : 0,
                };
                _store.Save(record);
            }
            new SandboxFiles(_store.SandboxDir(id)).WriteHosts(SandboxHostname(config), record.Ip);
            record = record with { State = SandboxState.Ready };
            _store.Save(record);
        }
        catch
        {
            await TearDownSandboxAsync(record, CancellationToken.None);
            throw;
        }
    }

    private sealed record NetworkResult(string? Ip, string? CniResult);

    /// <summary>CNI ADD of loopback and the pod network into the pinned namespace (in parallel: they touch different interfaces).</summary>
    private async Task<NetworkResult> SetUpNetworkAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        if (record.NetnsPath is not { } netns)
            return new NetworkResult(null, null);
        var loopback = _cni.AddAsync(CniNetwork.Loopback(), new CniAttachment(record.Id, netns, "lo"), null, cancellationToken);
        var pod = _cni.AddAsync(_network.Value, new CniAttachment(record.Id, netns, "eth0"), CniNetwork.PortMappings(record.Config.PortMappings), cancellationToken);
        await Task.WhenAll(loopback, pod);
        var result = pod.Result;
        return new NetworkResult(CniClient.FirstIpv4(result), result.ToJsonString());
    }

    /// <summary>Creates and starts the infra container (`runc run --detach`, no monitor); returns its pid.</summary>
    private async Task<int> StartInfraAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        var dir = _store.SandboxDir(record.Id);
        var bundle = Path.Combine(dir, "bundle");
        var rootfs = Path.Combine(bundle, "rootfs");
        Directory.CreateDirectory(rootfs);
        var files = new SandboxFiles(dir);
        files.WriteIdentity(record.Config, SandboxHostname(record.Config));

        var context = new SandboxSpecContext(record.Config, record.NetnsPath, 0, files.Hosts, files.ResolvConf, files.Hostname);
        var spec = OciSpecBuilder.BuildInfra(context, rootfs, _options.PausePath, $"{record.CgroupParent}/{record.Id}");
        await File.WriteAllBytesAsync(Path.Combine(bundle, "config.json"), JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeJsonContext.Default.OciSpec), cancellationToken);

        // No conmon for the infra container: it writes nothing and its exit code means nothing; the sandbox
        // is Ready while its process lives (one stat), which saves a monitor process per pod.
        var pid = await _runc.RunDetachedAsync(record.Id, bundle, Path.Combine(dir, "infra.pid"), Path.Combine(dir, "infra.log"), cancellationToken);
        return pid;
    }

    private static string SandboxHostname(PodSandboxConfig config) =>
        config.Network == NamespaceMode.Node ? System.Net.Dns.GetHostName() : config.Hostname.Length > 0 ? config.Hostname : config.Name;
}
