using System.Text.RegularExpressions;

namespace Orca.Runtime.Images;

/// <summary>
/// A normalised image reference, as Docker reads one: a missing registry means docker.io,
/// a single-component Docker Hub name lives under library/, and a missing tag and digest means :latest.
/// </summary>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DefaultRegistry = "docker.io";

    /// <summary>registry/repository, without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>What a registry's manifest endpoint is asked for: the digest when there is one, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses and normalises; null when the text is not a valid reference (for example upper case).</summary>
    public static ImageReference? TryParse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 512) return null;
        string? digest = null;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
            if (!DigestPattern().IsMatch(digest)) return null;
        }
        string? tag = null;
        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
        {
            tag = text[(colon + 1)..];
            text = text[..colon];
            if (!TagPattern().IsMatch(tag)) return null;
        }
        var (registry, repository) = SplitRegistry(text);
        if (!RegistryPattern().IsMatch(registry)) return null;
        foreach (var component in repository.Split('/'))
            if (!ComponentPattern().IsMatch(component)) return null;
        if (tag is null && digest is null) tag = "latest";
        return new ImageReference(registry, repository, tag, digest);
    }

    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/');
        var first = slash < 0 ? "" : name[..slash];
        if (slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost"))
        {
            var registry = first == "index.docker.io" ? DefaultRegistry : first;
            var rest = name[(slash + 1)..];
            return (registry, registry == DefaultRegistry && !rest.Contains('/') ? "library/" + rest : rest);
        }
        return (DefaultRegistry, slash < 0 ? "library/" + name : name);
    }

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.-]+(?::[0-9]+)?$")]
    private static partial Regex RegistryPattern();
}
