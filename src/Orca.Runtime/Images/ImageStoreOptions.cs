namespace Orca.Runtime.Images;

/// <summary>Configuration of an <see cref="ImageStore"/>.</summary>
public sealed record ImageStoreOptions
{
    /// <summary>The store's directory (created when missing), e.g. &lt;dataDir&gt;/images.</summary>
    public required string Root { get; init; }

    /// <summary>Registries (host or host:port) spoken to over plain http; all others use https.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>The handler under the registry HttpClient; null means a SocketsHttpHandler owned by the store.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Timeout of each registry request (default 10 minutes: layers are large).</summary>
    public TimeSpan RegistryTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The platform chosen from multi-platform images (default linux/amd64).</summary>
    public string Os { get; init; } = "linux";
    public string Architecture { get; init; } = "amd64";
}
