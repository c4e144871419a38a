using Orca.Runtime.Images;

namespace Orca.Runtime.Tests.Images;

internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>An image store in a fresh temp directory, deleted on dispose.</summary>
internal sealed class StoreFixture : IDisposable
{
    public StoreFixture(IReadOnlyList<string>? insecure = null, HttpMessageHandler? handler = null)
    {
        Handler = handler;
        Directory = System.IO.Directory.CreateTempSubdirectory("orca-images-").FullName;
        Root = Path.Combine(Directory, "images");
        Insecure = insecure ?? [];
        Store = Open();
    }

    public string Directory { get; }
    public string Root { get; }
    public ManualTime Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public ImageStore Store { get; private set; }
    private IReadOnlyList<string> Insecure { get; } = [];
    private HttpMessageHandler? Handler { get; }

    /// <summary>Another store on the same root, as another process would open it.</summary>
    public ImageStore Open() => new(new ImageStoreOptions { Root = Root, InsecureRegistries = Insecure, HttpHandler = Handler }, Time);

    public string[] Blobs() => System.IO.Directory.GetFiles(Path.Combine(Root, "blobs", "sha256")).Select(Path.GetFileName).ToArray()!;

    public string[] Layers() => System.IO.Directory.GetDirectories(Path.Combine(Root, "layers")).Select(Path.GetFileName).ToArray()!;

    public void Dispose()
    {
        Store.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
