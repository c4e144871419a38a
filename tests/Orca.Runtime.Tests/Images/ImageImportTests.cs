using Orca.Runtime.Images;

namespace Orca.Runtime.Tests.Images;

public sealed class ImageImportTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Oci_layout_import_lists_and_resolves_by_tag_id_prefix_and_repo_digest()
    {
        using var fixture = new StoreFixture();
        var image = TestImages.BuildBusybox("busybox:test");
        var imported = await fixture.Store.ImportAsync(image.OpenTar(), None);

        var info = Assert.Single(imported);
        Assert.Equal(image.ConfigDigest, info.Id);
        Assert.Equal(["docker.io/library/busybox:test"], info.RepoTags);
        Assert.Equal(["docker.io/library/busybox@" + image.ManifestDigest], info.RepoDigests);
        Assert.True(info.Size > 500_000, $"size {info.Size}");
        Assert.Equivalent(info, Assert.Single(await fixture.Store.ListImagesAsync(None)), strict: true);
        foreach (var reference in new[]
        {
            "busybox:test", "docker.io/library/busybox:test", info.Id, info.Id[7..19], info.Id[..19],
            "busybox@" + image.ManifestDigest,
        })
            Assert.Equivalent(info, await fixture.Store.ImageStatusAsync(reference, None), strict: true);
        Assert.Null(await fixture.Store.ImageStatusAsync("busybox", None));
        Assert.Null(await fixture.Store.ImageStatusAsync("busybox:other", None));
        Assert.True(File.Exists(Path.Combine(fixture.Root, "oci-layout")));
        Assert.Contains("\"org.opencontainers.image.ref.name\":\"docker.io/library/busybox:test\"", File.ReadAllText(Path.Combine(fixture.Root, "index.json")));
    }

    [Fact]
    public async Task Docker_save_import_gives_the_same_image_id()
    {
        using var fixture = new StoreFixture();
        var saved = TestImages.BuildBusyboxDockerSave("example.com/tools/busybox:1");
        var info = Assert.Single(await fixture.Store.ImportAsync(saved.OpenTar(), None));

        Assert.Equal(saved.ConfigDigest, info.Id);
        Assert.Equal(TestImages.BuildBusybox("x:y").ConfigDigest, info.Id);
        Assert.Equal(["example.com/tools/busybox:1"], info.RepoTags);
        var unpacked = await fixture.Store.UnpackAsync("example.com/tools/busybox:1", None);
        Assert.True(File.Exists(Path.Combine(unpacked.LayerDirectories[0], "bin", "busybox")));
        Assert.Equal(["sh"], unpacked.Config.Cmd);
    }

    [Fact]
    public async Task Two_tags_share_one_image_and_removing_the_last_tag_deletes_the_content()
    {
        using var fixture = new StoreFixture();
        await fixture.Store.ImportAsync(TestImages.BuildBusybox("busybox:a").OpenTar(), None);
        var info = Assert.Single(await fixture.Store.ImportAsync(TestImages.BuildBusybox("busybox:b").OpenTar(), None));
        Assert.Equal(["docker.io/library/busybox:a", "docker.io/library/busybox:b"], info.RepoTags);
        await fixture.Store.UnpackAsync("busybox:a", None);
        Assert.Single(fixture.Layers());

        await fixture.Store.RemoveImageAsync("busybox:a", None);
        var left = Assert.Single(await fixture.Store.ListImagesAsync(None));
        Assert.Equal(["docker.io/library/busybox:b"], left.RepoTags);
        Assert.Equal(3, fixture.Blobs().Length);
        Assert.Single(fixture.Layers());

        await fixture.Store.RemoveImageAsync("busybox:b", None);
        Assert.Empty(await fixture.Store.ListImagesAsync(None));
        Assert.Empty(fixture.Blobs());
        Assert.Empty(fixture.Layers());
        await fixture.Store.RemoveImageAsync("busybox:b", None);
    }

    [Fact]
    public async Task Remove_by_id_removes_every_tag()
    {
        using var fixture = new StoreFixture();
        await fixture.Store.ImportAsync(TestImages.BuildBusybox("busybox:a").OpenTar(), None);
        var info = Assert.Single(await fixture.Store.ImportAsync(TestImages.BuildBusybox("other/busybox:b").OpenTar(), None));
        await fixture.Store.RemoveImageAsync(info.Id, None);
        Assert.Empty(await fixture.Store.ListImagesAsync(None));
        Assert.Empty(fixture.Blobs());
    }

    [Theory]
    [InlineData("layer")]
    [InlineData("config")]
    [InlineData("manifest")]
    public async Task A_blob_that_does_not_match_its_digest_is_refused(string which)
    {
        using var fixture = new StoreFixture();
        var image = TestImages.BuildBusybox("busybox:bad");
        var manifest = System.Text.Json.JsonDocument.Parse(image.Files["blobs/sha256/" + image.ManifestDigest[7..]]);
        var digest = which switch
        {
            "layer" => manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!,
            "config" => image.ConfigDigest,
            _ => image.ManifestDigest,
        };
        var blob = image.Files["blobs/sha256/" + digest[7..]];
        blob[^1] ^= 0xff;

        var error = await Assert.ThrowsAsync<ImageStoreException>(() => fixture.Store.ImportAsync(image.OpenTar(), None));
        Assert.Equal(ImageErrorKind.DigestMismatch, error.Kind);
        Assert.Empty(await fixture.Store.ListImagesAsync(None));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(fixture.Root, "tmp")));
    }

    [Fact]
    public async Task An_archive_without_an_index_or_manifest_is_refused()
    {
        using var fixture = new StoreFixture();
        var tar = TestImages.TarOf(new Dictionary<string, byte[]> { ["hello.txt"] = [1, 2, 3] });
        var error = await Assert.ThrowsAsync<ImageStoreException>(() => fixture.Store.ImportAsync(new MemoryStream(tar), None));
        Assert.Equal(ImageErrorKind.InvalidContent, error.Kind);
    }

    [Fact]
    public async Task An_import_by_another_store_on_the_same_root_is_seen_at_once()
    {
        using var fixture = new StoreFixture();
        using var other = fixture.Open();
        Assert.Empty(await fixture.Store.ListImagesAsync(None));
        await other.ImportAsync(TestImages.BuildBusybox("busybox:shared").OpenTar(), None);
        Assert.NotNull(await fixture.Store.ImageStatusAsync("busybox:shared", None));
    }

    [Fact]
    public async Task Concurrent_imports_of_different_tags_all_land_in_the_index()
    {
        using var fixture = new StoreFixture();
        using var other = fixture.Open();
        var tasks = Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? fixture.Store : other).ImportAsync(TestImages.BuildBusybox($"busybox:t{i}").OpenTar(), None));
        await Task.WhenAll(tasks);
        var info = Assert.Single(await fixture.Store.ListImagesAsync(None));
        Assert.Equal(8, info.RepoTags.Count);
    }

    [Fact]
    public async Task Fs_info_counts_the_store_bytes()
    {
        using var fixture = new StoreFixture();
        var before = await fixture.Store.ImageFsInfoAsync(None);
        await fixture.Store.ImportAsync(TestImages.BuildBusybox("busybox:fs").OpenTar(), None);
        var after = await fixture.Store.ImageFsInfoAsync(None);
        Assert.Equal(fixture.Root, after.Path);
        Assert.True(after.UsedBytes - before.UsedBytes > 500_000);
        Assert.True(after.CapacityBytes > after.AvailableBytes && after.AvailableBytes > 0);
    }
}
