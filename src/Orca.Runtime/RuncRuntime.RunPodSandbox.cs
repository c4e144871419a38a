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
    /// the infra container (catatonit under conmon). On any failure everything created so far is
    /// torn down before the exception propagates, so a failed call leaves nothing behind.
    /// </summary>
    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken)
    {
        _store.EnsureLayout();
        var id = NewId();
        using var held = await LockAsync(id, cancellationToken);
        var record = new SandboxRecord
        {
            Id = id,
            Config = config,
            CreatedAt = _time.GetUtcNow(),
            CgroupParent = config.CgroupParent.Length > 0 ? config.CgroupParent : $"/{_options.CgroupRoot}/pod{config.Uid}",
            NetnsPath = config.Network == NamespaceMode.Node ? null : _store.NetnsPath(id),
            LogDirectory = config.LogDirectory.Length > 0 ? config.LogDirectory : Path.Combine(_options.EffectiveLogRoot, $"{config.Namespace}_{config.Name}_{config.Uid}"),
        };
        _store.Save(record);
        try
        {
            _cgroups.Create(record.CgroupParent);
            record = await SetUpNetworkAsync(record, cancellationToken);
            record = await StartInfraAsync(record, cancellationToken);
            _store.Save(record);
            return id;
        }
        catch
        {
            await TearDownSandboxAsync(record, CancellationToken.None);
            throw;
        }
    }

    private async Task<SandboxRecord> SetUpNetworkAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        if (record.NetnsPath is not { } netns)
            return record;
        await _netns.CreateAsync(netns, cancellationToken);
        await _cni.AddAsync(CniNetwork.Loopback(), new CniAttachment(record.Id, netns, "lo"), null, cancellationToken);
        var result = await _cni.AddAsync(_network.Value, new CniAttachment(record.Id, netns, "eth0"), CniNetwork.PortMappings(record.Config.PortMappings), cancellationToken);
        record = record with { CniResult = result.ToJsonString(), Ip = CniClient.FirstIpv4(result) };
        _store.Save(record);
        return record;
    }

    private async Task<SandboxRecord> StartInfraAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        var dir = _store.SandboxDir(record.Id);
        var bundle = Path.Combine(dir, "bundle");
        var rootfs = Path.Combine(bundle, "rootfs");
        Directory.CreateDirectory(rootfs);
        var files = new SandboxFiles(dir);
        files.Write(record.Config, SandboxHostname(record.Config), record.Ip);

        var context = new SandboxSpecContext(record.Config, record.NetnsPath, 0, files.Hosts, files.ResolvConf, files.Hostname);
        var spec = OciSpecBuilder.BuildInfra(context, rootfs, _options.PausePath, $"{record.CgroupParent}/{record.Id}");
        await File.WriteAllBytesAsync(Path.Combine(bundle, "config.json"), JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeJsonContext.Default.OciSpec), cancellationToken);

        var pid = await _conmon.LaunchAsync(new ConmonOptions
        {
            ContainerId = record.Id,
            Name = $"k8s_POD_{record.Config.Name}_{record.Config.Namespace}_{record.Config.Uid}_{record.Config.Attempt}",
            Bundle = bundle,
            RuntimePath = _options.RuntimePath,
            RuntimeArguments = _runc.GlobalArguments,
            LogPath = Path.Combine(dir, "infra.log"),
            ExitDir = _store.ExitDir,
            SocketDir = _store.SocketDir,
        }, cancellationToken);
        await _runc.StartAsync(record.Id, cancellationToken);
        return record with { InfraPid = pid, State = SandboxState.Ready };
    }

    private static string SandboxHostname(PodSandboxConfig config) =>
        config.Network == NamespaceMode.Node ? System.Net.Dns.GetHostName() : config.Hostname.Length > 0 ? config.Hostname : config.Name;
}
