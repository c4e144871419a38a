using System.Text.Json;

namespace Orca.Runtime.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// Pulls name:tag or name@digest over the Docker Registry v2 API (https, or http for
    /// <see cref="ImageStoreOptions.InsecureRegistries"/>). A manifest list / index resolves to
    /// linux/amd64. Every manifest and blob is checked against its digest; blobs already stored are
    /// not fetched again. Pulls of one reference are serialised in this process.
    /// </summary>
    public async Task<ImageInfo> PullImageAsync(string reference, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var parsed = ParseReference(reference);
        var gate = LockFor("pull:" + parsed);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var _ = await FileLock.AcquireAsync(ContentLockPath, exclusive: false, cancellationToken).ConfigureAwait(false);
            var session = new RegistrySession(_http, RegistrySession.BaseUri(parsed, _options.InsecureRegistries), parsed.Repository, credentials);
            var (content, mediaType, digest) = await session.GetManifestAsync(parsed.ManifestReference, cancellationToken).ConfigureAwait(false);
            if (parsed.Digest is not null && digest != parsed.Digest)
                throw new ImageStoreException(ImageErrorKind.DigestMismatch, $"the registry's manifest for {parsed} hashes to {digest}");
            var repoDigest = digest;
            if (MediaTypes.IsIndex(mediaType))
            {
                await _layout.WriteBlobAsync(content, digest, cancellationToken).ConfigureAwait(false);
                var index = JsonSerializer.Deserialize(content, OciJsonContext.Default.OciIndex)
                    ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"index {digest} is null");
                var chosen = SelectPlatform(index, digest);
                (content, mediaType, digest) = await session.GetManifestAsync(chosen.Digest, cancellationToken).ConfigureAwait(false);
                if (digest != chosen.Digest)
                    throw new ImageStoreException(ImageErrorKind.DigestMismatch, $"manifest {chosen.Digest} hashes to {digest}");
            }
            if (!MediaTypes.IsManifest(mediaType))
                throw new ImageStoreException(ImageErrorKind.Unsupported, $"unsupported manifest media type '{mediaType}'");
            var manifest = JsonSerializer.Deserialize(content, OciJsonContext.Default.OciManifest)
                ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"manifest {digest} is null");
            foreach (var blob in manifest.Layers.Prepend(manifest.Config))
                await FetchBlobAsync(session, blob, cancellationToken).ConfigureAwait(false);
            await _layout.WriteBlobAsync(content, digest, cancellationToken).ConfigureAwait(false);
            await AddEntriesAsync([IndexEntry(digest, content.Length, mediaType, parsed, repoDigest)], cancellationToken).ConfigureAwait(false);
            var image = StatusOrThrow(digest);
            Touch(image.Id);
            return image;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task FetchBlobAsync(RegistrySession session, Descriptor blob, CancellationToken cancellationToken)
    {
        if (_layout.HasBlob(blob.Digest)) return;
        using var response = await session.GetBlobAsync(blob.Digest, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await _layout.WriteBlobAsync(stream, blob.Digest, blob.Size, cancellationToken).ConfigureAwait(false);
    }
}
