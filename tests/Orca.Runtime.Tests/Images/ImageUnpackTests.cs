using System.Runtime.InteropServices;
using Orca.Runtime.Images;

namespace Orca.Runtime.Tests.Images;

public sealed class ImageUnpackTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Busybox_unpacks_with_modes_symlinks_and_mtimes()
    {
        using var fixture = new StoreFixture();
        var image = TestImages.BuildBusybox("busybox:unpack");
        await fixture.Store.ImportAsync(image.OpenTar(), None);
        var unpacked = await fixture.Store.UnpackAsync("busybox:unpack", None);

        var layer = Assert.Single(unpacked.LayerDirectories);
        Assert.Equal(Path.Combine(fixture.Root, "layers", image.DiffIds[0][7..]), layer);
        var busybox = Path.Combine(layer, "bin", "busybox");
        Assert.Equal(new FileInfo(TestImages.BusyboxPath).Length, new FileInfo(busybox).Length);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(busybox));
        Assert.Equal("busybox", new FileInfo(Path.Combine(layer, "bin", "sh")).LinkTarget);
        Assert.Equal((UnixFileMode)0b1_111_111_111, File.GetUnixFileMode(Path.Combine(layer, "tmp")));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(busybox));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(Path.Combine(layer, "bin")));
        Assert.Equal(["sh"], unpacked.Config.Cmd);
        Assert.Contains(unpacked.Config.Env, e => e.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.Equal(image.ConfigDigest, unpacked.Image.Id);

        var again = await fixture.Store.UnpackAsync(image.ConfigDigest, None);
        Assert.Equal(unpacked.LayerDirectories, again.LayerDirectories);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(fixture.Root, "tmp")));
    }

    [Fact]
    public async Task Whiteouts_become_char_devices_and_opaque_dirs_get_the_xattr()
    {
        using var fixture = new StoreFixture();
        await fixture.Store.ImportAsync(TestImages.BuildTwoLayer("two:layer").OpenTar(), None);
        var unpacked = await fixture.Store.UnpackAsync("two:layer", None);

        Assert.Equal(2, unpacked.LayerDirectories.Count);
        var (lower, upper) = (unpacked.LayerDirectories[0], unpacked.LayerDirectories[1]);
        Assert.True(File.Exists(Path.Combine(lower, "etc", "motd")));
        var whiteout = Path.Combine(upper, "etc", "motd");
        Assert.Equal(0x2000u, Stat(whiteout).Mode & 0xF000u);
        Assert.Equal(0ul, Stat(whiteout).Rdev);
        Assert.False(File.Exists(Path.Combine(upper, "etc", ".wh.motd")));
        Assert.Equal("y", GetXattr(Path.Combine(upper, "opt", "data"), "trusted.overlay.opaque"));
        Assert.Null(GetXattr(Path.Combine(lower, "opt", "data"), "trusted.overlay.opaque"));
        Assert.False(File.Exists(Path.Combine(upper, "opt", "data", ".wh..wh..opq")));
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(upper, "opt", "data", "new.txt")));

        var config = unpacked.Config;
        Assert.Equal(["/bin/sh", "-c"], config.Entrypoint);
        Assert.Equal(["echo hi"], config.Cmd);
        Assert.Equal("1000:1000", config.User);
        Assert.Equal("/opt", config.WorkingDir);
        Assert.Equal("SIGINT", config.StopSignal);
        Assert.Equal("two-layer", config.Labels["test"]);
    }

    [Fact]
    public async Task Ownership_and_hard_links_are_kept()
    {
        using var fixture = new StoreFixture();
        var layer = TestImages.LayerTar(w =>
        {
            TestImages.File(w, "home/app.txt", "x"u8.ToArray(), uid: 1234, gid: 5678);
            w.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.HardLink, "home/link.txt") { LinkName = "home/app.txt" });
        });
        await fixture.Store.ImportAsync(TestImages.BuildOci("own:1", [layer]).OpenTar(), None);
        var dir = Assert.Single((await fixture.Store.UnpackAsync("own:1", None)).LayerDirectories);

        var stat = Stat(Path.Combine(dir, "home", "app.txt"));
        Assert.Equal((1234u, 5678u), (stat.Uid, stat.Gid));
        Assert.Equal(2ul, stat.Nlink);
        Assert.Equal(stat.Ino, Stat(Path.Combine(dir, "home", "link.txt")).Ino);
    }

    public static TheoryData<string> EscapingLayers => ["dotdot", "symlink-parent", "hardlink-outside"];

    [Theory]
    [MemberData(nameof(EscapingLayers))]
    public async Task Layer_paths_that_escape_the_layer_directory_are_refused(string kind)
    {
        using var fixture = new StoreFixture();
        var outside = Path.Combine(fixture.Directory, "outside");
        Directory.CreateDirectory(outside);
        var layer = TestImages.LayerTar(w =>
        {
            switch (kind)
            {
                case "dotdot":
                    TestImages.File(w, "a/../../../outside/evil", "x"u8.ToArray());
                    break;
                case "symlink-parent":
                    TestImages.Symlink(w, "escape", outside);
                    TestImages.File(w, "escape/evil", "x"u8.ToArray());
                    break;
                default:
                    w.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.HardLink, "evil") { LinkName = "../../../outside/target" });
                    break;
            }
        });
        await fixture.Store.ImportAsync(TestImages.BuildOci("evil:1", [layer]).OpenTar(), None);

        var error = await Assert.ThrowsAsync<ImageStoreException>(() => fixture.Store.UnpackAsync("evil:1", None));
        Assert.Equal(ImageErrorKind.InvalidContent, error.Kind);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Empty(fixture.Layers());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(fixture.Root, "tmp")));
    }

    [Fact]
    public async Task Concurrent_unpacks_share_one_directory()
    {
        using var fixture = new StoreFixture();
        using var other = fixture.Open();
        await fixture.Store.ImportAsync(TestImages.BuildBusybox("busybox:race").OpenTar(), None);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? fixture.Store : other).UnpackAsync("busybox:race", None)));
        Assert.Single(results.Select(r => r.LayerDirectories[0]).Distinct());
        Assert.Single(fixture.Layers());
        Assert.True(File.Exists(Path.Combine(results[0].LayerDirectories[0], "bin", "busybox")));
    }

    [Fact]
    public async Task Unpacking_an_unknown_image_is_not_found()
    {
        using var fixture = new StoreFixture();
        var error = await Assert.ThrowsAsync<ImageStoreException>(() => fixture.Store.UnpackAsync("nothing:here", None));
        Assert.Equal(ImageErrorKind.NotFound, error.Kind);
    }

    private readonly record struct StatResult(uint Mode, uint Uid, uint Gid, ulong Rdev, ulong Ino, ulong Nlink);

    private static StatResult Stat(string path)
    {
        // struct stat on x86_64: dev(8) ino(8) nlink(8) mode(4) uid(4) gid(4) pad(4) rdev(8) ...
        var buffer = new byte[256];
        Assert.Equal(0, LStat(path, buffer));
        return new StatResult(
            BitConverter.ToUInt32(buffer, 24), BitConverter.ToUInt32(buffer, 28), BitConverter.ToUInt32(buffer, 32),
            BitConverter.ToUInt64(buffer, 40), BitConverter.ToUInt64(buffer, 8), BitConverter.ToUInt64(buffer, 16));
    }

    private static string? GetXattr(string path, string name)
    {
        var buffer = new byte[64];
        var n = LGetXattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : System.Text.Encoding.ASCII.GetString(buffer, 0, (int)n);
    }

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int LStat(string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "lgetxattr", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern nint LGetXattr(string path, string name, byte[] value, nuint size);
}
