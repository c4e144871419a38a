namespace Orca.Runtime.Images;

/// <summary>One index.json entry: a manifest, the reference naming it (if any) and the digest it was resolved by.</summary>
internal sealed record CatalogEntry(Descriptor Descriptor, ImageReference? Reference)
{
    public string ManifestDigest => Descriptor.Digest;

    public string RepoDigest =>
        Descriptor.Annotations?.GetValueOrDefault(Annotations.RepoDigest) ?? Descriptor.Digest;
}

/// <summary>An image (one config digest) and the index entries that point at it.</summary>
internal sealed record CatalogImage(string Id, OciManifest Manifest, IReadOnlyList<CatalogEntry> Entries)
{
    public ImageInfo ToInfo() => new(
        Id,
        Entries.Where(e => e.Reference is { Tag: not null, Digest: null }).Select(e => e.Reference!.ToString()).Distinct().Order(StringComparer.Ordinal).ToList(),
        Entries.Where(e => e.Reference is not null).Select(e => e.Reference!.Name + "@" + e.RepoDigest).Distinct().Order(StringComparer.Ordinal).ToList(),
        Manifest.Config.Size + Manifest.Layers.Sum(l => l.Size));
}

/// <summary>A snapshot of index.json grouped into images; resolves references, digests and id prefixes.</summary>
internal sealed class ImageCatalog
{
    private ImageCatalog(IReadOnlyList<CatalogImage> images) => Images = images;

    public IReadOnlyList<CatalogImage> Images { get; }

    public static ImageCatalog Load(OciLayout layout)
    {
        var entries = new List<(string Config, OciManifest Manifest, CatalogEntry Entry)>();
        foreach (var descriptor in layout.ReadIndex().Manifests)
        {
            if (!MediaTypes.IsManifest(descriptor.MediaType) || !layout.HasBlob(descriptor.Digest)) continue;
            var manifest = layout.ReadManifest(descriptor.Digest);
            var name = descriptor.Annotations?.GetValueOrDefault(Annotations.RefName);
            var reference = name is null ? null : ImageReference.TryParse(name);
            entries.Add((manifest.Config.Digest, manifest, new CatalogEntry(descriptor, reference)));
        }
        var images = entries
            .GroupBy(e => e.Config, StringComparer.Ordinal)
            .Select(g => new CatalogImage(g.Key, g.First().Manifest, g.Select(e => e.Entry).ToList()))
            .ToList();
        return new ImageCatalog(images);
    }

    /// <summary>
    /// The image a text names: a normalised name:tag, a name@digest (repo or manifest digest), else
    /// an image id or unambiguous id prefix (with or without "sha256:"). Null when none matches.
    /// </summary>
    public CatalogImage? Find(string text) => Find(text, out _);

    /// <summary>As <see cref="Find(string)"/>; <paramref name="entries"/> are the entries the text named (all when by id).</summary>
    public CatalogImage? Find(string text, out IReadOnlyList<CatalogEntry> entries)
    {
        var reference = ImageReference.TryParse(text);
        if (reference is not null)
        {
            foreach (var image in Images)
            {
                var matching = image.Entries.Where(e => Matches(e, reference)).ToList();
                if (matching.Count == 0) continue;
                entries = matching;
                return image;
            }
        }
        var byId = FindById(text);
        entries = byId?.Entries ?? [];
        return byId;
    }

    private static bool Matches(CatalogEntry entry, ImageReference reference)
    {
        if (entry.Reference is null || entry.Reference.Name != reference.Name) return false;
        return reference.Digest is { } digest
            ? entry.RepoDigest == digest || entry.ManifestDigest == digest
            : entry.Reference.Digest is null && entry.Reference.Tag == reference.Tag;
    }

    private CatalogImage? FindById(string text)
    {
        var hex = text.StartsWith("sha256:", StringComparison.Ordinal) ? text[7..] : text;
        if (hex.Length == 0 || hex.AsSpan().IndexOfAnyExcept("0123456789abcdef") >= 0) return null;
        var matches = Images.Where(i => i.Id.AsSpan(7).StartsWith(hex, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
