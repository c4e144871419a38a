using System.Text.Json;

namespace Orca.Runtime.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// A `docker save` archive: manifest.json lists each image's config file, layer tars and tags.
    /// Its content is stored as an OCI manifest written here; layer tars must hash to the config's diff ids.
    /// </summary>
    private async Task<List<Descriptor>> ImportDockerSaveAsync(string staging, CancellationToken cancellationToken)
    {
        var saved = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(Path.Combine(staging, "manifest.json"), cancellationToken).ConfigureAwait(false), OciJsonContext.Default.ListDockerSaveEntry)
            ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, "manifest.json is null");
        var entries = new List<Descriptor>();
        foreach (var image in saved)
        {
            var configBytes = await File.ReadAllBytesAsync(StagedFile(staging, image.Config), cancellationToken).ConfigureAwait(false);
            var config = JsonSerializer.Deserialize(configBytes, OciJsonContext.Default.OciImageConfig)
                ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"config {image.Config} is null");
            if (config.RootFs.DiffIds.Count != image.Layers.Count)
                throw new ImageStoreException(ImageErrorKind.InvalidContent, $"config {image.Config} lists {config.RootFs.DiffIds.Count} diff ids for {image.Layers.Count} layers");
            var configDigest = await _layout.WriteBlobAsync(configBytes, null, cancellationToken).ConfigureAwait(false);
            var layers = new List<Descriptor>();
            for (var i = 0; i < image.Layers.Count; i++)
                layers.Add(await StoreSavedLayerAsync(staging, image.Layers[i], config.RootFs.DiffIds[i], cancellationToken).ConfigureAwait(false));
            var manifest = new OciManifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = configDigest, Size = configBytes.Length },
                Layers = layers,
            };
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.OciManifest);
            var manifestDigest = await _layout.WriteBlobAsync(manifestBytes, null, cancellationToken).ConfigureAwait(false);
            var tags = (image.RepoTags ?? []).Select(t => ImageReference.TryParse(t)).Where(r => r is not null).ToList();
            if (tags.Count == 0) tags.Add(null);
            entries.AddRange(tags.Select(t => IndexEntry(manifestDigest, manifestBytes.Length, MediaTypes.OciManifest, t, null)));
        }
        return entries;
    }

    private async Task<Descriptor> StoreSavedLayerAsync(string staging, string file, string diffId, CancellationToken cancellationToken)
    {
        var path = StagedFile(staging, file);
        bool gzip;
        await using (var probe = File.OpenRead(path))
            gzip = probe.ReadByte() == 0x1f && probe.ReadByte() == 0x8b;
        string digest;
        await using (var stream = File.OpenRead(path))
            digest = await _layout.WriteBlobAsync(stream, gzip ? null : diffId, -1, cancellationToken).ConfigureAwait(false);
        return new Descriptor
        {
            MediaType = gzip ? MediaTypes.OciLayerGzip : MediaTypes.OciLayer,
            Digest = digest,
            Size = new FileInfo(path).Length,
        };
    }

    private static string StagedFile(string staging, string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var path = Path.Combine([staging, .. parts]);
        if (parts.Contains("..") || !File.Exists(path))
            throw new ImageStoreException(ImageErrorKind.InvalidContent, $"archive lacks '{name}'");
        return path;
    }
}
