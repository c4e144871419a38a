using System.Text;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>
/// Prepares a pod's volumes on the host: emptyDir directories, hostPath paths, and the files of
/// configMap, secret, downwardAPI and projected volumes (written by the agent with their items' modes or
/// defaultMode, rewritten on each call); with the pod's fsGroup, that group owns them (<see cref="VolumeOwnership"/>).
/// Returns volume name → host path. Layout: &lt;dataDir&gt;/pods/&lt;uid&gt;/volumes/&lt;kind&gt;/&lt;name&gt;.
/// A memory-backed emptyDir is a tmpfs mounted there (sized by <see cref="MemoryVolumeSize"/>), so it
/// lives until <see cref="RemovePodDir"/> unmounts it.
/// </summary>
internal sealed class PodVolumes(string dataDir, ConfigSources sources, Func<long> nodeAllocatableMemory)
{
    public string PodDir(string uid) => Path.Combine(dataDir, "pods", uid);

    /// <summary>Unmounts what is mounted under the pod's directory (memory-backed emptyDirs), then deletes it. Idempotent.</summary>
    public void RemovePodDir(string uid)
    {
        var dir = PodDir(uid);
        if (!Directory.Exists(dir)) return;
        Tmpfs.UnmountAll(dir);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// The size of a memory-backed emptyDir, as the kubelet computes it: the node's allocatable memory,
    /// lowered to the pod's memory limit when every container declares one, lowered to the volume's
    /// sizeLimit when that is set (and positive).
    /// </summary>
    public static long MemoryVolumeSize(Pod pod, EmptyDirVolumeSource emptyDir, long nodeAllocatable)
    {
        var size = nodeAllocatable;
        if (PodMemoryLimit(pod) is { } podLimit && podLimit > 0 && podLimit <= size) size = podLimit;
        if (emptyDir.SizeLimit is { } limit && limit.Value() is > 0 and var bytes && bytes <= size) size = bytes;
        return size;
    }

    /// <summary>The pod's memory limit: app containers and sidecars together, or the largest init container if more; null when a container has none.</summary>
    private static long? PodMemoryLimit(Pod pod)
    {
        static long? Limit(Container c) => c.Resources?.Limits?.GetValueOrDefault("memory") is { IsZero: false } q ? q.Value() : null;
        long running = 0, largestInit = 0;
        foreach (var c in pod.Spec.Containers)
        {
            if (Limit(c) is not { } l) return null;
            running += l;
        }
        foreach (var c in pod.Spec.InitContainers ?? [])
        {
            if (Limit(c) is not { } l) return null;
            if (c.RestartPolicy == "Always") running += l;
            else largestInit = Math.Max(largestInit, l);
        }
        return Math.Max(running, largestInit);
    }

    public async Task<(Dictionary<string, string>? Paths, ConfigError? Error)> PrepareAsync(Pod pod, string? hostIp, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid ?? "";
        var ns = pod.Metadata.Namespace ?? "default";
        var paths = new Dictionary<string, string>();
        foreach (var v in pod.Spec.Volumes ?? [])
        {
            if (v.PersistentVolumeClaim is { } claimSource)
            {
                var (claimPath, claimError) = await ClaimPathAsync(ns, claimSource.ClaimName, ct);
                if (claimError is not null) return (null, claimError with { Volume = v.Name });
                paths[v.Name] = claimPath!;
                continue;
            }
            if (v.HostPath is { } hp)
            {
                if (HostPathTypes.Check(hp.Path, hp.Type) is { } hostPathError) return (null, new ConfigError(hostPathError, v.Name));
                paths[v.Name] = hp.Path;
                continue;
            }
            var dir = Path.Combine(PodDir(uid), "volumes", Kind(v), v.Name);
            var created = !Directory.Exists(dir);
            Directory.CreateDirectory(dir);
            paths[v.Name] = dir;
            var fsGroup = pod.Spec.SecurityContext?.FsGroup;
            var changePolicy = pod.Spec.SecurityContext?.FsGroupChangePolicy;
            if (v.EmptyDir is { } emptyDir)
            {
                if (emptyDir.Medium == "Memory")
                {
                    try
                    {
                        Tmpfs.Ensure(dir, MemoryVolumeSize(pod, emptyDir, nodeAllocatableMemory()));
                    }
                    catch (IOException e)
                    {
                        return (null, new ConfigError(e.Message, v.Name));
                    }
                }
                // Once, when the pod's volume is made: the containers own what they write afterwards. Like the
                // kubelet's, an emptyDir is world-writable, so a container running as any user can use it.
                if (created) File.SetUnixFileMode(dir, EmptyDirMode);
                if (created && fsGroup is { } group) VolumeOwnership.Apply(dir, group, readOnly: false, changePolicy);
                continue;
            }
            var files = new Dictionary<string, VolumeFile>();
            ConfigError? error = null;
            if (v.ConfigMap is { } cm) error = await AddConfigMapAsync(files, ns, cm.Name, cm.Items, cm.Optional, cm.DefaultMode, ct);
            else if (v.Secret is { } s) error = await AddSecretAsync(files, ns, s.SecretName, s.Items, s.Optional, s.DefaultMode, ct);
            else if (v.DownwardAPI is { } d) AddDownward(files, pod, d.Items, hostIp, d.DefaultMode);
            else if (v.Projected is { } p)
            {
                foreach (var source in p.Sources ?? [])
                {
                    if (source.ConfigMap is { } pcm) error ??= await AddConfigMapAsync(files, ns, pcm.Name, pcm.Items, pcm.Optional, p.DefaultMode, ct);
                    if (source.Secret is { } ps) error ??= await AddSecretAsync(files, ns, ps.Name, ps.Items, ps.Optional, p.DefaultMode, ct);
                    if (source.DownwardAPI is { } pd) AddDownward(files, pod, pd.Items, hostIp, p.DefaultMode);
                }
            }
            if (error is not null) return (null, error with { Volume = v.Name });
            await WriteAsync(dir, files, ct);
            if (fsGroup is { } owner) VolumeOwnership.Apply(dir, owner, readOnly: true, changePolicy: null);
        }
        return (paths, null);
    }

    /// <summary>A file of a configMap, secret, downwardAPI or projected volume: its content and mode (0644 unless the pod says otherwise).</summary>
    private sealed record VolumeFile(byte[] Bytes, int Mode);

    /// <summary>The mode Kubernetes gives a volume file: the item's mode, else the volume's defaultMode, else 0644.</summary>
    private static int ModeOf(int? itemMode, int? defaultMode) => itemMode ?? defaultMode ?? DefaultFileMode;

    private const int DefaultFileMode = 0b110_100_100; // 0644

    private const UnixFileMode EmptyDirMode = (UnixFileMode)0b111_111_111; // 0777

    /// <summary>
    /// The host directory behind a claim: claim → bound volume → its hostPath or local path (created when the
    /// volume is a DirectoryOrCreate hostPath, as local-path volumes are). An unbound claim is an error the
    /// pod worker retries (the claim is bound moments after the scheduler picks the node).
    /// </summary>
    private async Task<(string? Path, ConfigError? Error)> ClaimPathAsync(string ns, string claimName, CancellationToken ct)
    {
        var claim = await sources.Claim(ns, claimName, ct);
        if (claim is null) return (null, new ConfigError($"persistentvolumeclaim \"{claimName}\" not found"));
        if (string.IsNullOrEmpty(claim.Spec.VolumeName) || claim.Status.Phase != "Bound")
            return (null, new ConfigError($"PVC {ns}/{claimName} is not bound"));
        var volume = await sources.Volume(claim.Spec.VolumeName, ct);
        if (volume is null) return (null, new ConfigError($"persistentvolume \"{claim.Spec.VolumeName}\" not found"));
        if (volume.Spec.HostPath is { } hostPath)
        {
            if (hostPath.Type is "DirectoryOrCreate") Directory.CreateDirectory(hostPath.Path);
            return (hostPath.Path, null);
        }
        if (volume.Spec.Local is { } local) return (local.Path, null);
        return (null, new ConfigError($"persistentvolume \"{volume.Metadata.Name}\": only hostPath and local volumes can be mounted"));
    }

    private static string Kind(Volume v) =>
        v.EmptyDir is not null ? "kubernetes.io~empty-dir"
        : v.ConfigMap is not null ? "kubernetes.io~configmap"
        : v.Secret is not null ? "kubernetes.io~secret"
        : v.DownwardAPI is not null ? "kubernetes.io~downward-api"
        : v.Projected is not null ? "kubernetes.io~projected"
        : "kubernetes.io~other";

    private async Task<ConfigError?> AddConfigMapAsync(Dictionary<string, VolumeFile> files, string ns, string? name, List<KeyToPath>? items, bool? optional, int? defaultMode, CancellationToken ct)
    {
        var map = await sources.ConfigMap(ns, name ?? "", ct);
        if (map is null) return optional == true ? null : new ConfigError($"configmap \"{name}\" not found");
        var data = (map.Data ?? []).ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value));
        foreach (var (k, b) in map.BinaryData ?? []) data[k] = b;
        return AddItems(files, data, items, optional, defaultMode, key => $"configmap references non-existent config key: {key}");
    }

    private async Task<ConfigError?> AddSecretAsync(Dictionary<string, VolumeFile> files, string ns, string? name, List<KeyToPath>? items, bool? optional, int? defaultMode, CancellationToken ct)
    {
        var secret = await sources.Secret(ns, name ?? "", ct);
        if (secret is null) return optional == true ? null : new ConfigError($"secret \"{name}\" not found");
        return AddItems(files, secret.Data ?? [], items, optional, defaultMode, key => $"references non-existent secret key: {key}");
    }

    private static ConfigError? AddItems(Dictionary<string, VolumeFile> files, Dictionary<string, byte[]> data, List<KeyToPath>? items, bool? optional,
        int? defaultMode, Func<string, string> missingKey)
    {
        if (items is null)
        {
            foreach (var (k, b) in data) files[k] = new VolumeFile(b, ModeOf(null, defaultMode));
            return null;
        }
        foreach (var item in items)
        {
            if (data.TryGetValue(item.Key, out var b)) files[item.Path] = new VolumeFile(b, ModeOf(item.Mode, defaultMode));
            else if (optional != true) return new ConfigError(missingKey(item.Key));
        }
        return null;
    }

    private static void AddDownward(Dictionary<string, VolumeFile> files, Pod pod, List<DownwardAPIVolumeFile>? items, string? hostIp, int? defaultMode)
    {
        foreach (var item in items ?? [])
        {
            string? value = null;
            if (item.FieldRef is { } f) value = FieldPaths.Field(pod, f.FieldPath, hostIp);
            else if (item.ResourceFieldRef is { } r)
            {
                var container = pod.Spec.Containers.FirstOrDefault(c => c.Name == r.ContainerName) ?? pod.Spec.Containers[0];
                value = FieldPaths.Resource(pod, container, r, _ => Quantity.Zero);
            }
            if (value is not null) files[item.Path] = new VolumeFile(Encoding.UTF8.GetBytes(value), ModeOf(item.Mode, defaultMode));
        }
    }

    private static async Task WriteAsync(string dir, Dictionary<string, VolumeFile> files, CancellationToken ct)
    {
        foreach (var (relative, file) in files)
        {
            var path = Path.GetFullPath(Path.Combine(dir, relative));
            if (!path.StartsWith(Path.GetFullPath(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Bytes, ct);
            File.SetUnixFileMode(path, (UnixFileMode)(file.Mode & 0b111_111_111_111));
        }
    }
}
