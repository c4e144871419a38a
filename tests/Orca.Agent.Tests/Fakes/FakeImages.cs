using Orca.Runtime;

namespace Orca.Agent.Tests.Fakes;

/// <summary>An image store in memory: pulls succeed (adding the image) unless the reference is in <see cref="FailingPulls"/>.</summary>
internal sealed class FakeImages : IImageService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ImageInfo> _images = new(StringComparer.Ordinal);

    public HashSet<string> FailingPulls { get; } = new(StringComparer.Ordinal);

    public List<string> Pulls { get; } = [];

    /// <summary>Reference → the only credentials its registry accepts (other pulls of it answer 401).</summary>
    public Dictionary<string, RegistryCredentials> Protected { get; } = new(StringComparer.Ordinal);

    /// <summary>The credentials of every pull, in order (null: anonymous).</summary>
    public List<RegistryCredentials?> PullCredentials { get; } = [];

    public int PullCount
    {
        get { lock (_lock) return Pulls.Count; }
    }

    public T Locked<T>(Func<FakeImages, T> read)
    {
        lock (_lock) return read(this);
    }

    public void Add(string reference, long size = 1234)
    {
        lock (_lock) _images[reference] = Info(reference) with { Size = size };
    }

    /// <summary>The id an image of this reference gets (what the fake runtime reports as a container's ImageRef).</summary>
    public static string IdOf(string reference) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference)));

    public List<string> Removed { get; } = [];

    public Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<ImageInfo>>(_images.Values.ToList());
    }

    public Task<ImageInfo?> ImageStatusAsync(string reference, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_images.GetValueOrDefault(reference));
    }

    public Task<ImageInfo> PullImageAsync(string reference, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Pulls.Add(reference);
            PullCredentials.Add(credentials);
            if (FailingPulls.Contains(reference)) throw new IOException($"failed to resolve reference \"{reference}\": not found");
            if (Protected.TryGetValue(reference, out var wanted) && wanted != credentials)
                throw new IOException($"GET /v2/{reference}/manifests: 401 Unauthorized");
            return Task.FromResult(_images[reference] = Info(reference));
        }
    }

    public Task<IReadOnlyList<ImageInfo>> ImportAsync(Stream tar, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveImageAsync(string reference, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Removed.Add(reference);
            foreach (var key in _images.Where(kv => kv.Key == reference || kv.Value.Id == reference).Select(kv => kv.Key).ToList()) _images.Remove(key);
        }
        return Task.CompletedTask;
    }

    public Task<UnpackedImage> UnpackAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(new UnpackedImage(Info(reference), new ImageConfig(), []));

    public Task<ImageFsInfo> ImageFsInfoAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ImageFsInfo("/fake", 0, 1L << 30, 1L << 30));

    private static ImageInfo Info(string reference) => new(IdOf(reference), [reference], [], 1234);
}
