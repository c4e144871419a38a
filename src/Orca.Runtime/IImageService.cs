namespace Orca.Runtime;

/// <summary>
/// The image half of the CRI: a content-addressed store in OCI image-layout form. Thread-safe.
/// References are normalised like Docker (`busybox` → `docker.io/library/busybox:latest`).
/// </summary>
public interface IImageService
{
    Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken);

    /// <summary>The image a reference (name:tag, name@digest or image id) names, or null.</summary>
    Task<ImageInfo?> ImageStatusAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Pulls from an OCI / Docker Registry v2 endpoint; returns the stored image. Idempotent.</summary>
    Task<ImageInfo> PullImageAsync(string reference, RegistryCredentials? credentials, CancellationToken cancellationToken);

    /// <summary>Imports an OCI image-layout tar or a `docker save` tar; returns the images it held.</summary>
    Task<IReadOnlyList<ImageInfo>> ImportAsync(Stream tar, CancellationToken cancellationToken);

    /// <summary>Removes a tag (and the image when no tag is left and no container uses it).</summary>
    Task RemoveImageAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// The unpacked layers of an image (lowest first, each a directory with whiteouts applied as
    /// overlayfs expects) and its config, for building a container root. Unpacks once per layer.
    /// </summary>
    Task<UnpackedImage> UnpackAsync(string reference, CancellationToken cancellationToken);

    Task<ImageFsInfo> ImageFsInfoAsync(CancellationToken cancellationToken);
}

/// <summary>An image in the store: its id (config digest), tags, repo digests and size.</summary>
public sealed record ImageInfo(string Id, IReadOnlyList<string> RepoTags, IReadOnlyList<string> RepoDigests, long Size);

/// <summary>What an image says about running it (OCI image config).</summary>
public sealed record ImageConfig
{
    public IReadOnlyList<string> Entrypoint { get; init; } = [];
    public IReadOnlyList<string> Cmd { get; init; } = [];
    public IReadOnlyList<string> Env { get; init; } = [];
    public string WorkingDir { get; init; } = "";
    public string User { get; init; } = "";
    public string StopSignal { get; init; } = "";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

public sealed record UnpackedImage(ImageInfo Image, ImageConfig Config, IReadOnlyList<string> LayerDirectories);

public sealed record ImageFsInfo(string Path, long UsedBytes, long CapacityBytes, long AvailableBytes);

/// <summary>
/// Registry credentials (from imagePullSecrets): basic auth (also used to fetch a bearer token), an
/// identity (refresh) token exchanged for a bearer token, or a registry token sent as the bearer token itself.
/// </summary>
public sealed record RegistryCredentials(string? Username, string? Password, string? IdentityToken = null, string? RegistryToken = null);
