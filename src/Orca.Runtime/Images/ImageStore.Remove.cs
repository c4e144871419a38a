namespace Orca.Runtime.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// Removes what the reference names: one tag (name:tag), one repo digest (name@digest), or, by id
    /// or id prefix, every entry of the image. Blobs and layer directories no entry needs any more are
    /// then deleted. Removing an unknown reference does nothing (idempotent, as the CRI wants).
    /// Whether a container still uses the image is the caller's to check.
    /// </summary>
    public async Task RemoveImageAsync(string reference, CancellationToken cancellationToken)
    {
        var image = ImageCatalog.Load(_layout).Find(reference, out var entries);
        if (image is null) return;
        await RemoveEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
        await SweepAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes whole images, least recently used first (pulled, imported or unpacked), skipping those
    /// <paramref name="inUse"/> says are used (it gets the image id), until at least
    /// <paramref name="targetFreeBytes"/> bytes were freed or nothing is left to remove. Returns the bytes freed.
    /// </summary>
    public async Task<long> CollectGarbageAsync(long targetFreeBytes, Func<string, bool> inUse, CancellationToken cancellationToken)
    {
        var candidates = ImageCatalog.Load(_layout).Images
            .Where(i => !inUse(i.Id))
            .OrderBy(i => LastUsed(i.Id))
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        long freed = 0;
        foreach (var image in candidates)
        {
            if (freed >= targetFreeBytes) break;
            await RemoveEntriesAsync(image.Entries, cancellationToken).ConfigureAwait(false);
            freed += await SweepAsync(cancellationToken).ConfigureAwait(false);
        }
        return freed;
    }

    private Task RemoveEntriesAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken)
    {
        var removed = entries.Select(e => (e.ManifestDigest, RefName(e.Descriptor))).ToHashSet();
        return _layout.UpdateIndexAsync(current => current.Where(d => !removed.Contains((d.Digest, RefName(d)))).ToList(), cancellationToken);
    }

    /// <summary>
    /// Deletes blobs, layer directories and usage marks no index entry reaches. Holds the content lock
    /// exclusively so no import, pull or unpack is between writing blobs and naming them. Returns bytes freed.
    /// </summary>
    private async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        using var _ = await FileLock.AcquireAsync(ContentLockPath, exclusive: true, cancellationToken).ConfigureAwait(false);
        var (blobs, diffIds, images) = Reachable();
        long freed = 0;
        foreach (var file in new DirectoryInfo(_layout.BlobDirectory).EnumerateFiles())
        {
            if (blobs.Contains("sha256:" + file.Name)) continue;
            freed += file.Length;
            file.Delete();
        }
        foreach (var directory in new DirectoryInfo(LayersDirectory).EnumerateDirectories())
        {
            if (diffIds.Contains("sha256:" + directory.Name)) continue;
            freed += DirectorySize(directory);
            directory.Delete(recursive: true);
        }
        foreach (var mark in new DirectoryInfo(UsageDirectory).EnumerateFiles())
            if (!images.Contains("sha256:" + mark.Name)) mark.Delete();
        return freed;
    }

    private (HashSet<string> Blobs, HashSet<string> DiffIds, HashSet<string> Images) Reachable()
    {
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        var diffIds = new HashSet<string>(StringComparer.Ordinal);
        var images = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in ImageCatalog.Load(_layout).Images)
        {
            images.Add(image.Id);
            blobs.Add(image.Id);
            foreach (var entry in image.Entries)
            {
                blobs.Add(entry.ManifestDigest);
                blobs.Add(entry.RepoDigest);
                blobs.UnionWith(_layout.ReadManifest(entry.ManifestDigest).Layers.Select(l => l.Digest));
            }
            if (_layout.HasBlob(image.Id)) diffIds.UnionWith(_layout.ReadConfig(image.Id).RootFs.DiffIds);
        }
        return (blobs, diffIds, images);
    }
}
