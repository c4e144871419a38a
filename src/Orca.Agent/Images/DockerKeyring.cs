using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orca.Api.Core;
using Orca.Runtime;
using Orca.Runtime.Images;

namespace Orca.Agent.Images;

/// <summary>
/// Registry credentials from a pod's imagePullSecrets, matched to an image the way the kubelet's
/// keyring matches them: a key is host[:port][/path] (a scheme and a /v1/ or /v2/ prefix dropped);
/// it matches an image when the ports are equal, the host has as many dot-separated labels, each label
/// glob-matches (<c>*.example.com</c>), and the key's path is a prefix of the image's repository path.
/// More specific keys come first. Docker Hub's names (index.docker.io, registry-1.docker.io) count as
/// docker.io, where short image names live. Immutable; thread-safe.
/// </summary>
internal sealed class DockerKeyring
{
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";
    public const string DockerCfg = "kubernetes.io/dockercfg";

    private readonly List<(string Key, RegistryCredentials Credentials)> _entries;

    private DockerKeyring(List<(string Key, RegistryCredentials Credentials)> entries) =>
        _entries = entries.OrderByDescending(e => e.Key, StringComparer.Ordinal).ToList();

    public static readonly DockerKeyring Empty = new([]);

    /// <summary>
    /// The entries of the docker-registry secrets among <paramref name="secrets"/> (others are ignored),
    /// in secret order. A secret whose config is not valid JSON adds nothing.
    /// </summary>
    public static DockerKeyring FromSecrets(IEnumerable<Secret> secrets)
    {
        var entries = new List<(string, RegistryCredentials)>();
        foreach (var secret in secrets)
        {
            var (key, nested) = secret.Type switch
            {
                DockerConfigJson => (".dockerconfigjson", true),
                DockerCfg => (".dockercfg", false),
                _ => (null, false),
            };
            if (key is null || secret.Data?.GetValueOrDefault(key) is not { } bytes) continue;
            entries.AddRange(Parse(bytes, nested));
        }
        return new DockerKeyring(entries);
    }

    /// <summary>Every credential whose key matches the image, most specific key first; empty when none does (pull anonymously).</summary>
    public IReadOnlyList<RegistryCredentials> Lookup(string image)
    {
        if (ImageReference.TryParse(image) is not { } reference) return [];
        var target = $"{reference.Registry}/{reference.Repository}";
        return _entries.Where(e => Matches(e.Key, target)).Select(e => e.Credentials).Distinct().ToList();
    }

    /// <summary>Whether a key (host[:port][/path], host labels may hold globs) matches registry/repository.</summary>
    public static bool Matches(string key, string target)
    {
        var (keyHost, keyPort, keyPath) = Split(key);
        var (host, port, path) = Split(target);
        if (keyPort != port || !path.StartsWith(keyPath, StringComparison.Ordinal)) return false;
        var keyLabels = keyHost.Split('.');
        var labels = host.Split('.');
        return keyLabels.Length == labels.Length && keyLabels.Zip(labels).All(p => Glob(p.First, p.Second));
    }

    private static IEnumerable<(string, RegistryCredentials)> Parse(byte[] json, bool nested)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            yield break;
        }
        using (document)
        {
            var root = document.RootElement;
            if (nested && !(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("auths", out root))) yield break;
            if (root.ValueKind != JsonValueKind.Object) yield break;
            foreach (var registry in root.EnumerateObject())
            {
                if (registry.Value.ValueKind == JsonValueKind.Object && Credentials(registry.Value) is { } credentials)
                    yield return (NormalizeKey(registry.Name), credentials);
            }
        }
    }

    /// <summary>username/password, else the base64 "user:password" of auth; identitytoken and registrytoken as given.</summary>
    private static RegistryCredentials? Credentials(JsonElement entry)
    {
        string? Text(string name) => entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var (user, password) = (Text("username"), Text("password"));
        if (string.IsNullOrEmpty(user) && Text("auth") is { Length: > 0 } auth)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
                var colon = decoded.IndexOf(':');
                if (colon > 0) (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
            }
        }
        var credentials = new RegistryCredentials(NullIfEmpty(user), NullIfEmpty(password), NullIfEmpty(Text("identitytoken")), NullIfEmpty(Text("registrytoken")));
        return credentials is { Username: null, IdentityToken: null, RegistryToken: null } ? null : credentials;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>"https://index.docker.io/v1/" → "docker.io"; "http://r.example:5000/v2/team" → "r.example:5000/team".</summary>
    internal static string NormalizeKey(string key)
    {
        foreach (var scheme in new[] { "https://", "http://" })
            if (key.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) key = key[scheme.Length..];
        var slash = key.IndexOf('/');
        var (host, path) = slash < 0 ? (key, "") : (key[..slash], key[slash..]);
        if (path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v2/", StringComparison.Ordinal)) path = path[3..];
        if (host is "index.docker.io" or "registry-1.docker.io") host = ImageReference.DefaultRegistry;
        return path is "" or "/" ? host : host + path;
    }

    private static (string Host, string Port, string Path) Split(string value)
    {
        var slash = value.IndexOf('/');
        var (authority, path) = slash < 0 ? (value, "") : (value[..slash], value[slash..]);
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? (authority.ToLowerInvariant(), "", path) : (authority[..colon].ToLowerInvariant(), authority[(colon + 1)..], path);
    }

    /// <summary>A shell-style glob over one host label: * and ? (no separators inside a label).</summary>
    private static bool Glob(string pattern, string text) =>
        !pattern.Contains('*') && !pattern.Contains('?')
            ? pattern == text
            : Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
