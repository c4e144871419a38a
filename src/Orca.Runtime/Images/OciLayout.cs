using System.Collections.Concurrent;
using System.Text.Json;

namespace Orca.Runtime.Images;

/// <summary>
/// The on-disk OCI image layout under the store root: content-addressed blobs written atomically
/// after their digest is verified, and index.json, re-read on every call and replaced atomically
/// under an exclusive file lock so other processes' writes are seen at once and never lost.
/// Parsed manifests are cached by digest (content never changes). Thread-safe.
/// </summary>
internal sealed class OciLayout
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, OciManifest> _manifests = new();

    public OciLayout(string root)
    {
        _root = root;
        Directory.CreateDirectory(BlobDirectory);
        Directory.CreateDirectory(TempDirectory);
        var layoutFile = Path.Combine(root, "oci-layout");
        if (!File.Exists(layoutFile))
            AtomicWrite(layoutFile, JsonSerializer.SerializeToUtf8Bytes(new OciLayoutFile(), OciJsonContext.Default.OciLayoutFile));
    }

    public string BlobDirectory => Path.Combine(_root, "blobs", "sha256");
    public string TempDirectory => Path.Combine(_root, "tmp");
    private string IndexPath => Path.Combine(_root, "index.json");
    private string IndexLockPath => Path.Combine(_root, "index.lock");

    public string BlobPath(string digest) => Path.Combine(BlobDirectory, Digests.Hex(digest));

    public bool HasBlob(string digest) => File.Exists(BlobPath(digest));

    /// <summary>
    /// Copies content into the store, checking it hashes to <paramref name="expectedDigest"/> (when given)
    /// and has <paramref name="expectedSize"/> bytes (when not negative). Returns the digest.
    /// </summary>
    public async Task<string> WriteBlobAsync(Stream content, string? expectedDigest, long expectedSize, CancellationToken cancellationToken)
    {
        if (expectedDigest is not null) Digests.Hex(expectedDigest);
        var temp = Path.Combine(TempDirectory, "blob-" + Guid.NewGuid().ToString("N"));
        try
        {
            string digest;
            long size;
            await using (var hashing = new HashingStream(content))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await hashing.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                digest = hashing.Digest();
                size = hashing.BytesRead;
            }
            if (expectedDigest is not null && digest != expectedDigest)
                throw new ImageStoreException(ImageErrorKind.DigestMismatch, $"content of {expectedDigest} hashes to {digest}");
            if (expectedSize >= 0 && size != expectedSize)
                throw new ImageStoreException(ImageErrorKind.DigestMismatch, $"{digest} has {size} bytes, its descriptor says {expectedSize}");
            File.Move(temp, BlobPath(digest), overwrite: true);
            return digest;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<string> WriteBlobAsync(byte[] content, string? expectedDigest, CancellationToken cancellationToken) =>
        WriteBlobAsync(new MemoryStream(content, writable: false), expectedDigest, content.Length, cancellationToken);

    public byte[] ReadBlob(string digest)
    {
        var bytes = File.ReadAllBytes(BlobPath(digest));
        if (Digests.Sha256(bytes) != digest)
            throw new ImageStoreException(ImageErrorKind.DigestMismatch, $"stored blob {digest} is corrupt");
        return bytes;
    }

    public OciManifest ReadManifest(string digest) => _manifests.GetOrAdd(digest, d =>
        JsonSerializer.Deserialize(ReadBlob(d), OciJsonContext.Default.OciManifest)
        ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"manifest {d} is null"));

    public OciImageConfig ReadConfig(string digest) =>
        JsonSerializer.Deserialize(ReadBlob(digest), OciJsonContext.Default.OciImageConfig)
        ?? throw new ImageStoreException(ImageErrorKind.InvalidContent, $"config {digest} is null");

    /// <summary>The current index.json (empty when none was written yet).</summary>
    public OciIndex ReadIndex()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(IndexPath), OciJsonContext.Default.OciIndex) ?? new OciIndex();
        }
        catch (FileNotFoundException)
        {
            return new OciIndex();
        }
    }

    /// <summary>Read-modify-write of index.json under the exclusive index lock.</summary>
    public async Task UpdateIndexAsync(Func<List<Descriptor>, List<Descriptor>> update, CancellationToken cancellationToken)
    {
        using var _ = await FileLock.AcquireAsync(IndexLockPath, exclusive: true, cancellationToken).ConfigureAwait(false);
        var index = ReadIndex();
        var next = new OciIndex { MediaType = MediaTypes.OciIndex, Manifests = update(index.Manifests) };
        AtomicWrite(IndexPath, JsonSerializer.SerializeToUtf8Bytes(next, OciJsonContext.Default.OciIndex));
    }

    private void AtomicWrite(string path, byte[] content)
    {
        var temp = Path.Combine(TempDirectory, Path.GetFileName(path) + "-" + Guid.NewGuid().ToString("N"));
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
