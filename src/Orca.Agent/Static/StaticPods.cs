using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Agent.Static;

/// <summary>
/// The file source of static pods and their mirror pods. Each manifest in the directory becomes a pod
/// named &lt;name&gt;-&lt;node&gt; whose uid is a hash of the manifest and the node (so an edit is a new pod);
/// a mirror pod (annotation kubernetes.io/config.mirror = that hash) is kept in the API so clients see
/// it. <see cref="ScanAsync"/> is called from one loop; not thread-safe beyond that.
/// </summary>
internal sealed class StaticPods(string dir, string nodeName, Func<string?> nodeUid, KubeClient client, ILogger logger)
{
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";
    public const string HashAnnotation = "kubernetes.io/config.hash";
    public const string SourceAnnotation = "kubernetes.io/config.source";

    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();
    private Dictionary<string, Pod> _current = new(StringComparer.Ordinal);

    /// <summary>Reads the directory; returns the pods now defined and the uids that disappeared.</summary>
    public (IReadOnlyList<Pod> Pods, IReadOnlyList<string> Removed) Scan()
    {
        var found = new Dictionary<string, Pod>(StringComparer.Ordinal);
        if (Directory.Exists(dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                var (pod, error) = ManifestReader.Read(text);
                if (pod is null)
                {
                    Log.BadManifest(logger, file, error ?? "");
                    continue;
                }
                Complete(pod, text);
                found[pod.Metadata.Uid!] = pod;
            }
        }
        var removed = _current.Keys.Where(k => !found.ContainsKey(k)).ToList();
        _current = found;
        return (found.Values.ToList(), removed);
    }

    private void Complete(Pod pod, string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nodeName + "\n" + text)))[..32];
        pod.ApiVersion = "v1";
        pod.Kind = "Pod";
        pod.Metadata.Name = $"{pod.Metadata.Name}-{nodeName}";
        pod.Metadata.Namespace ??= "default";
        pod.Metadata.Uid = hash;
        pod.Metadata.Annotations ??= [];
        pod.Metadata.Annotations[HashAnnotation] = hash;
        pod.Metadata.Annotations[SourceAnnotation] = "file";
        pod.Spec.NodeName = nodeName;
        pod.Spec.RestartPolicy ??= "Always";
        foreach (var c in (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers))
        {
            c.TerminationMessagePath ??= "/dev/termination-log";
            c.TerminationMessagePolicy ??= "File";
        }
    }

    /// <summary>Creates the mirror pod of a static pod, or replaces one that mirrors another version.</summary>
    public async Task EnsureMirrorAsync(Pod pod, CancellationToken ct)
    {
        var hash = pod.Metadata.Uid!;
        try
        {
            var existing = await _pods.GetAsync(pod.Metadata.Namespace, pod.Metadata.Name!, ct);
            if (existing.Metadata.Annotations?.GetValueOrDefault(MirrorAnnotation) == hash) return;
            await _pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!,
                new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = existing.Metadata.Uid } }, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
        var mirror = pod with { Metadata = pod.Metadata with { Uid = null, ResourceVersion = null }, Status = new PodStatus() };
        mirror.Metadata.Annotations = new Dictionary<string, string>(pod.Metadata.Annotations!) { [MirrorAnnotation] = hash };
        if (nodeUid() is { } uid)
            mirror.Metadata.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = uid, Controller = true }];
        try
        {
            await _pods.CreateAsync(mirror, ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
        }
    }

    /// <summary>Deletes the mirror pod of a static pod that is gone.</summary>
    public async Task DeleteMirrorAsync(Pod pod, CancellationToken ct)
    {
        try
        {
            var existing = await _pods.GetAsync(pod.Metadata.Namespace, pod.Metadata.Name!, ct);
            if (existing.Metadata.Annotations?.GetValueOrDefault(MirrorAnnotation) != pod.Metadata.Uid) return;
            await _pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!,
                new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = existing.Metadata.Uid } }, ct);
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }
}
