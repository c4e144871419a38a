namespace Orca.Runtime.Tests.Runtime;

/// <summary>
/// An image service with one image: a busybox root built once from the host's static busybox
/// (every applet symlinked), config Cmd ["sh"]. Only <see cref="UnpackAsync"/> is implemented.
/// </summary>
internal sealed class FakeImages : IImageService
{
    public const string ImageId = "sha256:0000000000000000000000000000000000000000000000000000000000000b0b";
    private readonly string _layer;

    public FakeImages(string directory)
    {
        _layer = Path.Combine(directory, "busybox-layer");
        BuildBusyboxRoot(_layer);
    }

    public ImageConfig Config { get; set; } = new() { Cmd = ["sh"], Env = ["PATH=/bin", "FROM_IMAGE=yes"] };

    public Task<UnpackedImage> UnpackAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(new UnpackedImage(new ImageInfo(ImageId, ["docker.io/library/busybox:latest"], [], 0), Config, [_layer]));

    public Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<ImageInfo?> ImageStatusAsync(string reference, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<ImageInfo> PullImageAsync(string reference, RegistryCredentials? credentials, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<ImageInfo>> ImportAsync(Stream tar, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task RemoveImageAsync(string reference, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<ImageFsInfo> ImageFsInfoAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    private static void BuildBusyboxRoot(string root)
    {
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        foreach (var dir in new[] { "etc", "tmp", "proc", "sys", "dev", "www", "root" })
            Directory.CreateDirectory(Path.Combine(root, dir));
        File.Copy("/bin/busybox", Path.Combine(bin, "busybox"));
        File.WriteAllText(Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        File.WriteAllText(Path.Combine(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        File.WriteAllText(Path.Combine(root, "www/index.html"), "hello from busybox\n");
        var applets = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/busybox", "--list") { RedirectStandardOutput = true })!;
        var names = applets.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        applets.WaitForExit();
        foreach (var name in names.Where(n => n != "busybox" && !n.Contains('/')))
            File.CreateSymbolicLink(Path.Combine(bin, name), "busybox");
    }
}
