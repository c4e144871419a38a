using System.Text;
using System.Text.RegularExpressions;
using Orca.Api;
using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Translate;

/// <summary>
/// A container's environment: envFrom first, then env in order, each value with $(VAR) references to
/// earlier variables expanded ($$ escapes). Missing non-optional config maps, secrets or keys are a
/// <see cref="ConfigError"/> with Kubernetes' wording.
/// </summary>
internal sealed partial class EnvResolver(ConfigSources sources, Func<string, Quantity> nodeAllocatable)
{
    public async Task<(List<KeyValue>? Env, ConfigError? Error)> ResolveAsync(Pod pod, Container c, string? hostIp, CancellationToken ct)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var vars = new List<KeyValue>();
        foreach (var from in c.EnvFrom ?? [])
        {
            var (data, error) = await FromSourceAsync(ns, from, ct);
            if (error is not null) return (null, error);
            foreach (var (k, v) in data ?? []) Set(vars, (from.Prefix ?? "") + k, v);
        }
        foreach (var e in c.Env ?? [])
        {
            if (e.ValueFrom is null)
            {
                Set(vars, e.Name, Expand(e.Value ?? "", vars));
                continue;
            }
            var (value, error) = await ValueFromAsync(pod, c, ns, e.ValueFrom, hostIp, ct);
            if (error is not null) return (null, error);
            if (value is not null) Set(vars, e.Name, value);
        }
        return (vars, null);
    }

    private async Task<(string? Value, ConfigError? Error)> ValueFromAsync(Pod pod, Container c, string ns, EnvVarSource from, string? hostIp, CancellationToken ct)
    {
        if (from.FieldRef is { } f)
            return FieldPaths.Field(pod, f.FieldPath, hostIp) is { } v ? (v, null) : (null, new ConfigError($"unsupported fieldPath: {f.FieldPath}"));
        if (from.ResourceFieldRef is { } r)
            return FieldPaths.Resource(pod, c, r, nodeAllocatable) is { } v ? (v, null) : (null, new ConfigError($"unsupported container resource: {r.Resource}"));
        if (from.ConfigMapKeyRef is { } cm)
        {
            var map = await sources.ConfigMap(ns, cm.Name ?? "", ct);
            if (map is null) return cm.Optional == true ? (null, null) : (null, new ConfigError($"configmap \"{cm.Name}\" not found"));
            if (map.Data?.TryGetValue(cm.Key, out var v) == true) return (v, null);
            if (map.BinaryData?.TryGetValue(cm.Key, out var b) == true) return (Encoding.UTF8.GetString(b), null);
            return cm.Optional == true ? (null, null) : (null, new ConfigError($"couldn't find key {cm.Key} in ConfigMap {ns}/{cm.Name}"));
        }
        if (from.SecretKeyRef is { } s)
        {
            var secret = await sources.Secret(ns, s.Name ?? "", ct);
            if (secret is null) return s.Optional == true ? (null, null) : (null, new ConfigError($"secret \"{s.Name}\" not found"));
            if (secret.Data?.TryGetValue(s.Key, out var b) == true) return (Encoding.UTF8.GetString(b), null);
            return s.Optional == true ? (null, null) : (null, new ConfigError($"couldn't find key {s.Key} in Secret {ns}/{s.Name}"));
        }
        return (null, null);
    }

    private async Task<(Dictionary<string, string>? Data, ConfigError? Error)> FromSourceAsync(string ns, EnvFromSource from, CancellationToken ct)
    {
        if (from.ConfigMapRef is { } cm)
        {
            var map = await sources.ConfigMap(ns, cm.Name ?? "", ct);
            if (map is null) return cm.Optional == true ? (null, null) : (null, new ConfigError($"configmap \"{cm.Name}\" not found"));
            return (new Dictionary<string, string>(map.Data ?? []), null);
        }
        if (from.SecretRef is { } s)
        {
            var secret = await sources.Secret(ns, s.Name ?? "", ct);
            if (secret is null) return s.Optional == true ? (null, null) : (null, new ConfigError($"secret \"{s.Name}\" not found"));
            return ((secret.Data ?? []).ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetString(kv.Value)), null);
        }
        return (null, null);
    }

    private static void Set(List<KeyValue> vars, string name, string value)
    {
        var i = vars.FindIndex(v => v.Key == name);
        if (i >= 0) vars[i] = new KeyValue(name, value);
        else vars.Add(new KeyValue(name, value));
    }

    /// <summary>$(NAME) becomes an earlier variable's value (left as is when unknown); $$ is a literal $.</summary>
    internal static string Expand(string value, IReadOnlyList<KeyValue> vars) =>
        Reference().Replace(value, m =>
        {
            if (m.Value == "$$") return "$";
            var name = m.Groups[1].Value;
            var found = vars.LastOrDefault(v => v.Key == name);
            return found is null ? m.Value : found.Value;
        });

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}
