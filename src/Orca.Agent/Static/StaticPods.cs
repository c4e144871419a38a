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
/// it. A file that is not a valid pod manifest is skipped and reported through <paramref name="invalid"/>
/// (and the log) once per content; empty files are taken as still being written. Called from one
/// loop; not thread-safe beyond that.
/// </summary>
internal sealed class StaticPods(string dir, string nodeName, Func<string?> nodeUid, KubeClient client, ILogger logger,
    Action<string, string>? invalid = null)
{
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";
    public const string HashAnnotation = "kubernetes.io/config.hash";
    public const string SourceAnnotation = "kubernetes.io/config.source";

    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();
    private Dictionary<string, Pod> _current = new(StringComparer.Ordinal);
    private Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    /// <summary>Reads the directory; returns the pods now defined and the uids that disappeared.</summary>
    public (IReadOnlyList<Pod> Pods, IReadOnlyList<string> Removed) Scan()
    {
        var found = new Dictionary<string, Pod>(StringComparer.Ordinal);
        var reported = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                if (ReadOrNull(file) is not { } text || string.IsNullOrWhiteSpace(text)) continue;
                var (pod, error) = ManifestReader.Read(text);
                if (pod is null)
                {
                    Report(file, text, error ?? "", reported);
                    continue;
                }
                Complete(pod, text);
                found[pod.Metadata.Uid!] = pod;
            }
        }
        _reported = reported;
        var removed = _current.Keys.Where(k => !found.ContainsKey(k)).ToList();
        _current = found;
        return (found.Values.ToList(), removed);
    }

    private void Report(string file, string text, string error, Dictionary<string, string> reported)
    {
        reported[file] = text;
        if (_reported.GetValueOrDefault(file) == text) return;
        Log.BadManifest(logger, file, error);
        invalid?.Invoke(file, error);
    }

    /// <summary>The file's text, or null when it vanished or cannot be read (the next scan looks again).</summary>
    private static string? ReadOrNull(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
        // As the kubelet does for file pods: they tolerate every NoExecute taint, so node problems never evict them.
        if (!(pod.Spec.Tolerations ?? []).Any(t => t is { Operator: "Exists", Key: null or "", Effect: "NoExecute" }))
            pod.Spec.Tolerations = [.. pod.Spec.Tolerations ?? [], new Toleration { Operator = "Exists", Effect = "NoExecute" }];
        foreach (var c in (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers))
        {
            c.TerminationMessagePath ??= "/dev/termination-log";
            c.TerminationMessagePolicy ??= "File";
        }
    }

    /// <summary>
    /// Creates the mirror pod of a static pod, or replaces one that mirrors another version or that a
    /// client deleted (a mirror pod cannot be deleted: it comes back, and the static pod keeps running).
    /// True when a mirror pod was created (its status is still empty).
    /// </summary>
    public async Task<bool> EnsureMirrorAsync(Pod pod, CancellationToken ct)
    {
        var hash = pod.Metadata.Uid!;
        try
        {
            var existing = await _pods.GetAsync(pod.Metadata.Namespace, pod.Metadata.Name!, ct);
            var mirrors = existing.Metadata.Annotations?.GetValueOrDefault(MirrorAnnotation);
            // A pod of that name that is no mirror belongs to a user: it stays, and the mirror waits.
            if (mirrors is null || (mirrors == hash && existing.Metadata.DeletionTimestamp is null)) return false;
            await _pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!,
                new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = existing.Metadata.Uid } }, ct);
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
        var mirror = pod with { Metadata = pod.Metadata with { Uid = null, ResourceVersion = null }, Status = new PodStatus() };
        mirror.Metadata.Annotations = new Dictionary<string, string>(pod.Metadata.Annotations!) { [MirrorAnnotation] = hash };
        if (nodeUid() is { } uid)
            mirror.Metadata.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = uid, Controller = true }];
        try
        {
            await _pods.CreateAsync(mirror, ct);
            return true;
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            return false;
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
