using System.Text.Json;
using Orca.Runtime.Conmon;
using Orca.Runtime.Native;
using Orca.Runtime.Oci;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>
    /// Mounts the container's overlay root (image layers + a writable layer owned by the container),
    /// writes its OCI spec and has conmon run `runc create`. The container is Created, not started — or,
    /// when the runtime refuses its process, Exited with StartError (see <see cref="ContainerStartException"/>).
    /// Throws KeyNotFoundException for an unknown sandbox, InvalidOperationException for one not ready;
    /// on any other failure nothing is left behind.
    /// </summary>
    public async Task<string> CreateContainerAsync(string sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var sandbox = RequireSandbox(sandboxId);
        if (sandbox.State != SandboxState.Ready)
            throw new InvalidOperationException($"pod sandbox {sandboxId} is not ready");
        var image = await _images.UnpackAsync(config.Image, cancellationToken);
        var id = NewId();
        using var held = await LockAsync(id, cancellationToken);
        var dir = _store.ContainerDir(id);
        var record = new ContainerRecord
        {
            Id = id,
            SandboxId = sandboxId,
            Config = config,
            CreatedAt = _time.GetUtcNow(),
            ImageRef = image.Image.Id,
            LogPath = Path.Combine(sandbox.LogDirectory, config.LogPath.Length > 0 ? config.LogPath : $"{config.Name}/{config.Attempt}.log"),
            StopSignal = image.Config.StopSignal,
            CgroupsPath = $"{sandbox.CgroupParent}/{id}",
        };
        _store.Save(record);
        try
        {
            var bundle = Path.Combine(dir, "bundle");
            var rootfs = MountRootfs(dir, image.LayerDirectories);
            var files = new SandboxFiles(_store.SandboxDir(sandboxId));
            var context = new SandboxSpecContext(sandbox.Config, sandbox.NetnsPath, sandbox.InfraPid, files.Hosts, files.ResolvConf, files.Hostname);
            var spec = OciSpecBuilder.BuildContainer(config, image.Config, context, rootfs, record.CgroupsPath);
            spec = spec with { Process = spec.Process with { Terminal = config.Tty } };
            await File.WriteAllBytesAsync(Path.Combine(bundle, "config.json"), JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeJsonContext.Default.OciSpec), cancellationToken);
            var pid = await _conmon.LaunchAsync(new ConmonOptions
            {
                ContainerId = id,
                Name = $"k8s_{config.Name}_{sandbox.Config.Name}_{sandbox.Config.Namespace}_{sandbox.Config.Uid}_{config.Attempt}",
                Bundle = bundle,
                RuntimePath = _options.RuntimePath,
                RuntimeArguments = _runc.GlobalArguments,
                LogPath = record.LogPath,
                ExitDir = _store.ExitDir,
                SocketDir = _store.SocketDir,
                Stdin = config.Stdin,
                StdinOnce = config.StdinOnce,
                Terminal = config.Tty,
            }, cancellationToken);
            record = record with { Pid = pid };
            _store.Save(record);
            return id;
        }
        catch (ContainerStartException e)
        {
            // The runtime refused the process (runc checks the executable and makes the mounts at create):
            // the container stays, Exited with StartError, as containerd reports it; nothing else is kept.
            await ReleaseContainerResourcesAsync(record, CancellationToken.None);
            SaveExited(record, ContainerStartException.ExitCode, _time.GetUtcNow(), ContainerStartException.Reason, e.Message);
            return id;
        }
        catch
        {
            await DestroyContainerAsync(record, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Mounts overlayfs at dir/bundle/rootfs: the layers (topmost first for lowerdir) under dir/upper.</summary>
    private static string MountRootfs(string dir, IReadOnlyList<string> layers)
    {
        if (layers.Count == 0)
            throw new ArgumentException("the image has no layers");
        var upper = Directory.CreateDirectory(Path.Combine(dir, "upper")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(dir, "work")).FullName;
        var rootfs = Directory.CreateDirectory(Path.Combine(dir, "bundle", "rootfs")).FullName;
        var lower = string.Join(':', layers.Reverse());
        Libc.MountOverlay(rootfs, $"lowerdir={lower},upperdir={upper},workdir={work}");
        return rootfs;
    }
}
