using Orca.Api;

namespace Orca.Client;

/// <summary>Cache keys: "namespace/name" for namespaced objects, "name" for cluster-scoped ones.</summary>
public static class ObjectKey
{
    public static string Of(IKubeObject obj) => For(obj.Metadata.Namespace, obj.Metadata.Name ?? "");

    public static string For(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    /// <summary>Splits a key made by <see cref="For"/>; the namespace is "" for cluster-scoped keys.</summary>
    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }
}
