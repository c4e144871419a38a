using System.Collections.Concurrent;

namespace Orca.Runtime.Images;

/// <summary>
/// The node's image store: an OCI image layout under <see cref="ImageStoreOptions.Root"/> plus
/// unpacked layer directories (layers/&lt;diff-id hex&gt;). Thread-safe and multi-process safe:
/// index.json is re-read on every call and rewritten atomically under a file lock; imports and
/// pulls hold a shared "content" lock that removal's sweep of unreferenced blobs takes exclusively.
/// Failures the caller should report (bad reference, registry refusal, digest mismatch, bad archive)
/// are <see cref="ImageStoreException"/>s with a <see cref="ImageErrorKind"/>.
/// </summary>
public sealed partial class ImageStore : IImageService, IDisposable
{
    private readonly ImageStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly OciLayout _layout;
    private readonly HttpClient _http;
    private readonly bool _ownsHandler;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public ImageStore(ImageStoreOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _layout = new OciLayout(options.Root);
        Directory.CreateDirectory(LayersDirectory);
        Directory.CreateDirectory(UsageDirectory);
        _ownsHandler = options.HttpHandler is null;
        var handler = options.HttpHandler ?? new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None };
        _http = new HttpClient(handler, disposeHandler: _ownsHandler) { Timeout = options.RegistryTimeout };
    }

    private string LayersDirectory => Path.Combine(_options.Root, "layers");
    private string UsageDirectory => Path.Combine(_options.Root, "usage");
    private string ContentLockPath => Path.Combine(_options.Root, "content.lock");

    public Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ImageInfo> images = ImageCatalog.Load(_layout).Images.Select(i => i.ToInfo()).ToList();
        return Task.FromResult(images);
    }

    public Task<ImageInfo?> ImageStatusAsync(string reference, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ImageCatalog.Load(_layout).Find(reference)?.ToInfo());
    }

    public Task<ImageFsInfo> ImageFsInfoAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        var used = DirectorySize(new DirectoryInfo(_options.Root));
        var drive = new DriveInfo(_options.Root);
        return new ImageFsInfo(_options.Root, used, drive.TotalSize, drive.AvailableFreeSpace);
    }, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>Bytes of the files under a directory, not following symlinks.</summary>
    internal static long DirectorySize(DirectoryInfo directory)
    {
        if (!directory.Exists) return 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return directory.EnumerateFiles("*", options).Where(f => f.LinkTarget is null).Sum(f => f.Length);
    }

    private SemaphoreSlim LockFor(string key) => _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    private static ImageReference ParseReference(string reference) =>
        ImageReference.TryParse(reference)
        ?? throw new ImageStoreException(ImageErrorKind.InvalidReference, $"invalid image reference '{reference}'");

    /// <summary>Records that an image was used now (pulled, imported, unpacked) for least-recently-used collection.</summary>
    private void Touch(string imageId)
    {
        var path = Path.Combine(UsageDirectory, Digests.Hex(imageId));
        if (!File.Exists(path)) File.WriteAllBytes(path, []);
        File.SetLastWriteTimeUtc(path, _time.GetUtcNow().UtcDateTime);
    }

    private DateTime LastUsed(string imageId)
    {
        var path = Path.Combine(UsageDirectory, Digests.Hex(imageId));
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
    }

    /// <summary>Adds index entries, replacing any entry with the same reference name.</summary>
    private Task AddEntriesAsync(IReadOnlyList<Descriptor> added, CancellationToken cancellationToken) =>
        _layout.UpdateIndexAsync(current =>
        {
            var names = added.Select(RefName).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
            var kept = current.Where(d => RefName(d) is { } n ? !names.Contains(n) : !added.Any(a => RefName(a) is null && a.Digest == d.Digest));
            return kept.Concat(added).ToList();
        }, cancellationToken);

    private static string? RefName(Descriptor descriptor) => descriptor.Annotations?.GetValueOrDefault(Annotations.RefName);

    private static Descriptor IndexEntry(string manifestDigest, long size, string mediaType, ImageReference? reference, string? repoDigest)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reference is not null) annotations[Annotations.RefName] = reference.ToString();
        if (repoDigest is not null && repoDigest != manifestDigest) annotations[Annotations.RepoDigest] = repoDigest;
        return new Descriptor
        {
            MediaType = mediaType,
            Digest = manifestDigest,
            Size = size,
            Annotations = annotations.Count == 0 ? null : annotations,
        };
    }

    private ImageInfo StatusOrThrow(string manifestDigest)
    {
        var image = ImageCatalog.Load(_layout).Images.FirstOrDefault(i => i.Entries.Any(e => e.ManifestDigest == manifestDigest))
            ?? throw new ImageStoreException(ImageErrorKind.NotFound, $"image with manifest {manifestDigest} vanished from the store");
        return image.ToInfo();
    }
}
