using System.Text;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>
/// Prepares a pod's volumes on the host: emptyDir directories, hostPath paths, and the files of
/// configMap, secret, downwardAPI and projected volumes (written by the agent, rewritten on each call).
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
                if (claimError is not null) return (null, claimError);
                paths[v.Name] = claimPath!;
                continue;
            }
            if (v.HostPath is { } hp)
            {
                if (hp.Type is "DirectoryOrCreate") Directory.CreateDirectory(hp.Path);
                paths[v.Name] = hp.Path;
                continue;
            }
            var dir = Path.Combine(PodDir(uid), "volumes", Kind(v), v.Name);
            Directory.CreateDirectory(dir);
            paths[v.Name] = dir;
            if (v.EmptyDir is { Medium: "Memory" } memory)
            {
                try
                {
                    Tmpfs.Ensure(dir, MemoryVolumeSize(pod, memory, nodeAllocatableMemory()));
                }
                catch (IOException e)
                {
                    return (null, new ConfigError($"volume \"{v.Name}\": {e.Message}"));
                }
                continue;
            }
            var files = new Dictionary<string, byte[]>();
            ConfigError? error = null;
            if (v.ConfigMap is { } cm) error = await AddConfigMapAsync(files, ns, cm.Name, cm.Items, cm.Optional, ct);
            else if (v.Secret is { } s) error = await AddSecretAsync(files, ns, s.SecretName, s.Items, s.Optional, ct);
            else if (v.DownwardAPI is { } d) AddDownward(files, pod, d.Items, hostIp);
            else if (v.Projected is { } p)
            {
                foreach (var source in p.Sources ?? [])
                {
                    if (source.ConfigMap is { } pcm) error ??= await AddConfigMapAsync(files, ns, pcm.Name, pcm.Items, pcm.Optional, ct);
                    if (source.Secret is { } ps) error ??= await AddSecretAsync(files, ns, ps.Name, ps.Items, ps.Optional, ct);
                    if (source.DownwardAPI is { } pd) AddDownward(files, pod, pd.Items, hostIp);
                }
            }
            if (error is not null) return (null, error);
            await WriteAsync(dir, files, ct);
        }
        return (paths, null);
    }

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

    private async Task<ConfigError?> AddConfigMapAsync(Dictionary<string, byte[]> files, string ns, string? name, List<KeyToPath>? items, bool? optional, CancellationToken ct)
    {
        var map = await sources.ConfigMap(ns, name ?? "", ct);
        if (map is null) return optional == true ? null : new ConfigError($"configmap \"{name}\" not found");
        var data = (map.Data ?? []).ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value));
        foreach (var (k, b) in map.BinaryData ?? []) data[k] = b;
        return AddItems(files, data, items, optional, $"configmap \"{name}\"");
    }

    private async Task<ConfigError?> AddSecretAsync(Dictionary<string, byte[]> files, string ns, string? name, List<KeyToPath>? items, bool? optional, CancellationToken ct)
    {
        var secret = await sources.Secret(ns, name ?? "", ct);
        if (secret is null) return optional == true ? null : new ConfigError($"secret \"{name}\" not found");
        return AddItems(files, secret.Data ?? [], items, optional, $"secret \"{name}\"");
    }

    private static ConfigError? AddItems(Dictionary<string, byte[]> files, Dictionary<string, byte[]> data, List<KeyToPath>? items, bool? optional, string what)
    {
        if (items is null)
        {
            foreach (var (k, b) in data) files[k] = b;
            return null;
        }
        foreach (var item in items)
        {
            if (data.TryGetValue(item.Key, out var b)) files[item.Path] = b;
            else if (optional != true) return new ConfigError($"configmap references non-existent config key: {item.Key} ({what})");
        }
        return null;
    }

    private static void AddDownward(Dictionary<string, byte[]> files, Pod pod, List<DownwardAPIVolumeFile>? items, string? hostIp)
    {
        foreach (var item in items ?? [])
        {
            string? value = null;
            if (item.FieldRef is { } f) value = FieldPaths.Field(pod, f.FieldPath, hostIp);
            else if (item.ResourceFieldRef is { } r)
                value = FieldPaths.Resource(pod, pod.Spec.Containers[0], r, _ => Quantity.Zero);
            if (value is not null) files[item.Path] = Encoding.UTF8.GetBytes(value);
        }
    }

    private static async Task WriteAsync(string dir, Dictionary<string, byte[]> files, CancellationToken ct)
    {
        foreach (var (relative, bytes) in files)
        {
            var path = Path.GetFullPath(Path.Combine(dir, relative));
            if (!path.StartsWith(Path.GetFullPath(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes, ct);
        }
    }
}
