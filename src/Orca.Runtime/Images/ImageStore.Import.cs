using System.Formats.Tar;
using System.Text.Json;

namespace Orca.Runtime.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// Imports an OCI image-layout tar (index.json; nested indexes resolve to linux/amd64) or a
    /// `docker save` tar (manifest.json). Every blob is checked against its digest before it enters
    /// the store. Names come from org.opencontainers.image.ref.name (a full reference; a bare tag is
    /// not a name) or io.containerd.image.name, or RepoTags; unnamed images are stored by id only.
    /// </summary>
    public async Task<IReadOnlyList<ImageInfo>> ImportAsync(Stream tar, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(_layout.TempDirectory, "import-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ExtractArchiveAsync(tar, staging, cancellationToken).ConfigureAwait(false);
            using var _ = await FileLock.AcquireAsync(ContentLockPath, exclusive: false, cancellationToken).ConfigureAwait(false);
            List<Descriptor> entries;
            if (File.Exists(Path.Combine(staging, "index.json")))
                entries = await ImportOciLayoutAsync(staging, cancellationToken).ConfigureAwait(false);
            else if (File.Exists(Path.Combine(staging, "manifest.json")))
                entries = await ImportDockerSaveAsync(staging, cancellationToken).ConfigureAwait(false);
            else
                throw new ImageStoreException(ImageErrorKind.InvalidContent, "archive has neither index.json nor manifest.json");
            await AddEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
            var images = entries.Select(e => e.Digest).Distinct().Select(StatusOrThrow).DistinctBy(i => i.Id).ToList();
            foreach (var image in images) Touch(image.Id);
            return images;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Writes the archive's regular files under <paramref name="staging"/>, refusing escaping paths.</summary>
    private static async Task ExtractArchiveAsync(Stream tar, string staging, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(staging);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            var parts = entry.Name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
            if (parts.Length == 0) continue;
            if (parts.Contains(".."))
                throw new ImageStoreException(ImageErrorKind.InvalidContent, $"archive entry '{entry.Name}' escapes the archive");
            var path = Path.Combine([staging, .. parts]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            if (entry.DataStream is not null) await entry.DataStream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Descriptor>> ImportOciLayoutAsync(string staging, CancellationToken cancellationToken)
    {
        var index = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(Path.Combine(staging, "index.json"), cancellationToken).ConfigureAwait(false), OciJsonContext.Default.OciIndex)
            ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, "index.json is null");
        var entries = new List<Descriptor>();
        foreach (var descriptor in index.Manifests)
        {
            var reference = NameOf(descriptor);
            var (manifestDescriptor, repoDigest) = await ResolvePlatformAsync(staging, descriptor, cancellationToken).ConfigureAwait(false);
            await CopyImageAsync(staging, manifestDescriptor, cancellationToken).ConfigureAwait(false);
            entries.Add(IndexEntry(manifestDescriptor.Digest, manifestDescriptor.Size, manifestDescriptor.MediaType, reference, repoDigest));
        }
        return entries;
    }

    private static ImageReference? NameOf(Descriptor descriptor)
    {
        var annotations = descriptor.Annotations;
        if (annotations?.GetValueOrDefault(Annotations.ContainerdName) is { } full) return ImageReference.TryParse(full);
        var name = annotations?.GetValueOrDefault(Annotations.RefName);
        return name is not null && (name.Contains('/') || name.Contains(':') || name.Contains('@')) ? ImageReference.TryParse(name) : null;
    }

    /// <summary>Follows (possibly nested) indexes down to this node's platform's manifest.</summary>
    private async Task<(Descriptor Manifest, string RepoDigest)> ResolvePlatformAsync(string staging, Descriptor descriptor, CancellationToken cancellationToken)
    {
        var repoDigest = descriptor.Digest;
        for (var depth = 0; MediaTypes.IsIndex(descriptor.MediaType); depth++)
        {
            if (depth > 4) throw new ImageStoreException(ImageErrorKind.InvalidContent, "indexes nested too deep");
            var bytes = await CopyBlobAsync(staging, descriptor, cancellationToken).ConfigureAwait(false);
            var nested = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.OciIndex)
                ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"index {descriptor.Digest} is null");
            descriptor = SelectPlatform(nested, descriptor.Digest);
        }
        if (!MediaTypes.IsManifest(descriptor.MediaType))
            throw new ImageStoreException(ImageErrorKind.Unsupported, $"unsupported manifest media type '{descriptor.MediaType}'");
        return (descriptor, repoDigest);
    }

    private Descriptor SelectPlatform(OciIndex index, string indexDigest) =>
        index.Manifests.FirstOrDefault(m => m.Platform is { } p && p.Os == _options.Os && p.Architecture == _options.Architecture)
        ?? (index.Manifests.Count == 1 && index.Manifests[0].Platform is null ? index.Manifests[0] : null)
        ?? throw new ImageStoreException(ImageErrorKind.Unsupported, $"index {indexDigest} has no {_options.Os}/{_options.Architecture} image");

    private async Task CopyImageAsync(string staging, Descriptor manifestDescriptor, CancellationToken cancellationToken)
    {
        var bytes = await CopyBlobAsync(staging, manifestDescriptor, cancellationToken).ConfigureAwait(false);
        var manifest = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.OciManifest)
            ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"manifest {manifestDescriptor.Digest} is null");
        await CopyBlobAsync(staging, manifest.Config, cancellationToken).ConfigureAwait(false);
        foreach (var layer in manifest.Layers)
            await CopyBlobAsync(staging, layer, cancellationToken, keepBytes: false).ConfigureAwait(false);
    }

    /// <summary>Copies blobs/sha256/&lt;hex&gt; of the staged layout into the store, verified; returns its bytes when asked.</summary>
    private async Task<byte[]> CopyBlobAsync(string staging, Descriptor descriptor, CancellationToken cancellationToken, bool keepBytes = true)
    {
        var source = Path.Combine(staging, "blobs", "sha256", Digests.Hex(descriptor.Digest));
        if (!File.Exists(source))
        {
            if (_layout.HasBlob(descriptor.Digest)) return keepBytes ? _layout.ReadBlob(descriptor.Digest) : [];
            throw new ImageStoreException(ImageErrorKind.InvalidContent, $"archive lacks blob {descriptor.Digest}");
        }
        await using (var stream = File.OpenRead(source))
            await _layout.WriteBlobAsync(stream, descriptor.Digest, descriptor.Size, cancellationToken).ConfigureAwait(false);
        return keepBytes ? await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false) : [];
    }
}
