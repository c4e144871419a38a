using System.Globalization;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>The downward API: pod fields (fieldRef) and container resources (resourceFieldRef) as strings.</summary>
internal static class FieldPaths
{
    /// <summary>The value of a supported field path, or null when the path is not supported.</summary>
    public static string? Field(Pod pod, string path, string? hostIp)
    {
        var m = pod.Metadata;
        switch (path)
        {
            case "metadata.name": return m.Name ?? "";
            case "metadata.namespace": return m.Namespace ?? "";
            case "metadata.uid": return m.Uid ?? "";
            case "metadata.labels": return Render(m.Labels);
            case "metadata.annotations": return Render(m.Annotations);
            case "spec.nodeName": return pod.Spec.NodeName ?? "";
            case "spec.serviceAccountName": return pod.Spec.ServiceAccountName ?? "";
            case "status.podIP": return pod.Status.PodIP ?? "";
            case "status.podIPs": return string.Join(',', (pod.Status.PodIPs ?? []).Select(i => i.IP));
            case "status.hostIP": return hostIp ?? pod.Status.HostIP ?? "";
            case "status.hostIPs": return hostIp ?? pod.Status.HostIP ?? "";
        }
        if (Subscript(path, "metadata.labels") is { } label) return m.Labels?.GetValueOrDefault(label) ?? "";
        if (Subscript(path, "metadata.annotations") is { } annotation) return m.Annotations?.GetValueOrDefault(annotation) ?? "";
        return null;
    }

    /// <summary>limits.cpu, requests.memory… of a container divided by the divisor (rounded up, as Kubernetes does).</summary>
    public static string? Resource(Pod pod, Container container, ResourceFieldSelector selector, Func<string, Quantity> nodeAllocatable)
    {
        var target = string.IsNullOrEmpty(selector.ContainerName) ? container
            : pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == selector.ContainerName) ?? container;
        var parts = selector.Resource.Split('.', 2);
        if (parts.Length != 2) return null;
        var source = parts[0] == "limits" ? target.Resources?.Limits : parts[0] == "requests" ? target.Resources?.Requests : null;
        Quantity? value = source?.GetValueOrDefault(parts[1]) is { IsZero: false } q ? q : null;
        value ??= parts[0] == "limits" ? nodeAllocatable(parts[1]) : Quantity.Zero;
        var divisor = selector.Divisor is { IsZero: false } d ? d : Quantity.FromValue(1);
        var result = (value.Value.Nanos + divisor.Nanos - 1) / divisor.Nanos;
        return result.ToString(CultureInfo.InvariantCulture);
    }

    private static string? Subscript(string path, string prefix) =>
        path.StartsWith(prefix + "['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal)
            ? path[(prefix.Length + 2)..^2] : null;

    private static string Render(Dictionary<string, string>? map) =>
        string.Join('\n', (map ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\""));
}
