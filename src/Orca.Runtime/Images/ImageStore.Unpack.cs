namespace Orca.Runtime.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// The image's config and its layer directories, lowest first. Each layer is unpacked once into
    /// a temporary directory and renamed into layers/&lt;diff-id hex&gt;; concurrent callers (in this or
    /// another process) see either no directory or a complete one. The directories are shared and
    /// must be treated as read-only (overlayfs lower dirs).
    /// </summary>
    public async Task<UnpackedImage> UnpackAsync(string reference, CancellationToken cancellationToken)
    {
        var image = ImageCatalog.Load(_layout).Find(reference)
            ?? throw new ImageStoreException(ImageErrorKind.NotFound, $"image '{reference}' is not in the store");
        using var _ = await FileLock.AcquireAsync(ContentLockPath, exclusive: false, cancellationToken).ConfigureAwait(false);
        var config = _layout.ReadConfig(image.Id);
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != image.Manifest.Layers.Count)
            throw new ImageStoreException(ImageErrorKind.InvalidContent, $"image {image.Id} has {image.Manifest.Layers.Count} layers but {diffIds.Count} diff ids");
        var directories = new List<string>(diffIds.Count);
        for (var i = 0; i < diffIds.Count; i++)
            directories.Add(await EnsureLayerAsync(image.Manifest.Layers[i], diffIds[i], cancellationToken).ConfigureAwait(false));
        Touch(image.Id);
        return new UnpackedImage(image.ToInfo(), ToImageConfig(config.Config), directories);
    }

    private async Task<string> EnsureLayerAsync(Descriptor layer, string diffId, CancellationToken cancellationToken)
    {
        var target = Path.Combine(LayersDirectory, Digests.Hex(diffId));
        if (Directory.Exists(target)) return target;
        var gate = LockFor("layer:" + diffId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Directory.Exists(target)) return target;
            var temp = Path.Combine(_layout.TempDirectory, "layer-" + Guid.NewGuid().ToString("N"));
            try
            {
                await Task.Run(() =>
                {
                    using var blob = File.OpenRead(_layout.BlobPath(layer.Digest));
                    LayerUnpacker.Unpack(blob, temp, diffId);
                }, cancellationToken).ConfigureAwait(false);
                try
                {
                    Directory.Move(temp, target);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    // Another process unpacked the same layer first; its copy is identical.
                }
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            }
            return target;
        }
        finally
        {
            gate.Release();
        }
    }

    private static ImageConfig ToImageConfig(OciRunConfig? config) => config is null ? new ImageConfig() : new ImageConfig
    {
        Entrypoint = config.Entrypoint ?? [],
        Cmd = config.Cmd ?? [],
        Env = config.Env ?? [],
        WorkingDir = config.WorkingDir ?? "",
        User = config.User ?? "",
        StopSignal = config.StopSignal ?? "",
        Labels = config.Labels ?? new Dictionary<string, string>(),
    };
}
