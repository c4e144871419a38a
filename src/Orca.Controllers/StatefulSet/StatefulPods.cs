using System.Globalization;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Controllers.Framework;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.StatefulSets;

/// <summary>
/// The identity and storage of a StatefulSet's pods, as Kubernetes gives them: pod `&lt;set&gt;-&lt;ordinal&gt;`,
/// hostname = pod name, subdomain = serviceName, labels statefulset.kubernetes.io/pod-name and
/// apps.kubernetes.io/pod-index, one claim `&lt;template&gt;-&lt;set&gt;-&lt;ordinal&gt;` per volumeClaimTemplate that
/// the pod's volume of the template's name points at.
/// </summary>
internal static class StatefulPods
{
    public static string PodName(Set set, int ordinal) => $"{set.Metadata.Name}-{ordinal}";

    public static string ClaimName(PersistentVolumeClaim template, Set set, int ordinal) => $"{template.Metadata.Name}-{PodName(set, ordinal)}";

    public static int StartOrdinal(Set set) => set.Spec.Ordinals?.Start ?? 0;

    /// <summary>The ordinal of a pod named `&lt;set&gt;-&lt;n&gt;`, or -1 when the name is not of the set.</summary>
    public static int OrdinalOf(Set set, Pod pod)
    {
        var prefix = set.Metadata.Name + "-";
        var name = pod.Metadata.Name ?? "";
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return -1;
        var rest = name[prefix.Length..];
        if (rest.Length == 0 || (rest.Length > 1 && rest[0] == '0') || !rest.All(char.IsAsciiDigit)) return -1;
        return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    /// <summary>A new pod for <paramref name="ordinal"/> from <paramref name="template"/> at <paramref name="revision"/>, with its identity and claims.</summary>
    public static Pod New(Set set, PodTemplateSpec template, string revision, int ordinal)
    {
        var pod = PodControl.FromTemplate(template, set, ControllerRefs.For(set, "apps/v1", "StatefulSet"), PodName(set, ordinal));
        pod.Metadata.Labels ??= new Dictionary<string, string>();
        pod.Metadata.Labels[AppsLabels.ControllerRevisionHash] = revision;
        SetIdentity(set, pod, ordinal);
        SetStorage(set, pod, ordinal);
        return pod;
    }

    private static void SetIdentity(Set set, Pod pod, int ordinal)
    {
        pod.Metadata.Labels![AppsLabels.StatefulSetPodName] = pod.Metadata.Name!;
        pod.Metadata.Labels[AppsLabels.PodIndex] = ordinal.ToString(CultureInfo.InvariantCulture);
        pod.Spec.Hostname = pod.Metadata.Name;
        pod.Spec.Subdomain = string.IsNullOrEmpty(set.Spec.ServiceName) ? null : set.Spec.ServiceName;
    }

    /// <summary>Replaces (or adds) the pod volume of each claim template's name with that ordinal's claim.</summary>
    private static void SetStorage(Set set, Pod pod, int ordinal)
    {
        var templates = set.Spec.VolumeClaimTemplates ?? [];
        if (templates.Count == 0) return;
        var volumes = (pod.Spec.Volumes ?? []).Where(v => templates.All(t => t.Metadata.Name != v.Name)).ToList();
        foreach (var t in templates)
        {
            volumes.Add(new Volume
            {
                Name = t.Metadata.Name!,
                PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = ClaimName(t, set, ordinal) },
            });
        }
        pod.Spec.Volumes = volumes;
    }

    /// <summary>The claims the pod of <paramref name="ordinal"/> needs: labels of the template plus the set's matchLabels.</summary>
    public static IEnumerable<PersistentVolumeClaim> Claims(Set set, int ordinal)
    {
        foreach (var t in set.Spec.VolumeClaimTemplates ?? [])
        {
            var labels = new Dictionary<string, string>(t.Metadata.Labels ?? []);
            foreach (var (k, v) in set.Spec.Selector?.MatchLabels ?? []) labels[k] = v;
            yield return new PersistentVolumeClaim
            {
                ApiVersion = "v1",
                Kind = "PersistentVolumeClaim",
                Metadata = new ObjectMeta
                {
                    Name = ClaimName(t, set, ordinal),
                    Namespace = set.Metadata.Namespace,
                    Labels = labels,
                    Annotations = t.Metadata.Annotations is null ? null : new Dictionary<string, string>(t.Metadata.Annotations),
                },
                Spec = ApiJson.Clone(t.Spec),
            };
        }
    }

    public static string? Revision(Pod pod) => pod.Metadata.Labels?.GetValueOrDefault(AppsLabels.ControllerRevisionHash);

    public static bool IsTerminating(Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    public static bool IsFailed(Pod pod) => pod.Status.Phase is "Failed";

    public static bool IsSucceeded(Pod pod) => pod.Status.Phase is "Succeeded";

    public static bool IsRunningAndReady(Pod pod) =>
        pod.Status.Phase == "Running" && ReadyCondition(pod) is { Status: "True" };

    /// <summary>Running and Ready for at least minReadySeconds.</summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsRunningAndReady(pod)) return false;
        if (minReadySeconds <= 0) return true;
        return ReadyCondition(pod)?.LastTransitionTime is { } since && since.AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When the pod becomes available (for requeueing), or null when it is not ready.</summary>
    public static DateTimeOffset? AvailableAt(Pod pod, int minReadySeconds) =>
        IsRunningAndReady(pod) ? ReadyCondition(pod)?.LastTransitionTime?.AddSeconds(minReadySeconds) : null;

    /// <summary>Running, Ready for minReadySeconds, and not being deleted.</summary>
    public static bool IsHealthy(Pod pod, int minReadySeconds, DateTimeOffset now) => !IsTerminating(pod) && IsAvailable(pod, minReadySeconds, now);

    private static PodCondition? ReadyCondition(Pod pod) => pod.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <summary>True when the pod's name-derived labels and hostname are as the set gives them.</summary>
    public static bool IdentityMatches(Set set, Pod pod, int ordinal) =>
        pod.Metadata.Labels?.GetValueOrDefault(AppsLabels.StatefulSetPodName) == pod.Metadata.Name
        && pod.Metadata.Labels?.GetValueOrDefault(AppsLabels.PodIndex) == ordinal.ToString(CultureInfo.InvariantCulture);
}
