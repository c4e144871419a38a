using System.Text;
using Orca.Runtime.Images;

namespace Orca.Runtime.Tests.Images;

/// <summary>Pulls from a real registry (Debian's docker-registry) on 127.0.0.1, pushed to with skopeo.</summary>
public sealed class ImagePullTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [RegistryFact]
    public async Task Pulls_an_image_by_tag_and_by_digest_from_an_insecure_registry()
    {
        using var registry = await RegistryProcess.StartAsync(withPassword: false);
        var image = TestImages.BuildTwoLayer("test/busybox:1");
        await registry.PushAsync(image.WriteTar(registry.Directory), "test/busybox:1");
        using var fixture = new StoreFixture([registry.Host]);

        var reference = $"{registry.Host}/test/busybox:1";
        var pulled = await fixture.Store.PullImageAsync(reference, null, None);
        Assert.Equal(image.ConfigDigest, pulled.Id);
        Assert.Equal([reference], pulled.RepoTags);
        var repoDigest = Assert.Single(pulled.RepoDigests);
        Assert.StartsWith($"{registry.Host}/test/busybox@sha256:", repoDigest);

        var unpacked = await fixture.Store.UnpackAsync(reference, None);
        Assert.Equal(2, unpacked.LayerDirectories.Count);
        Assert.True(File.Exists(Path.Combine(unpacked.LayerDirectories[0], "bin", "busybox")));
        Assert.Equal(["/bin/sh", "-c"], unpacked.Config.Entrypoint);

        var again = await fixture.Store.PullImageAsync(reference, null, None);
        Assert.Equal(pulled.Id, again.Id);
        Assert.Single(await fixture.Store.ListImagesAsync(None));

        var byDigest = await fixture.Store.PullImageAsync(repoDigest, null, None);
        Assert.Equal(pulled.Id, byDigest.Id);
        Assert.NotNull(await fixture.Store.ImageStatusAsync(repoDigest, None));

        var missing = await Assert.ThrowsAsync<ImageStoreException>(() => fixture.Store.PullImageAsync($"{registry.Host}/test/nothing:1", null, None));
        Assert.Equal(ImageErrorKind.NotFound, missing.Kind);
    }

    [RegistryFact]
    public async Task A_multi_platform_index_resolves_to_linux_amd64()
    {
        using var registry = await RegistryProcess.StartAsync(withPassword: false);
        var image = MultiPlatform(TestImages.BuildBusybox("test/multi:1"), out var indexDigest);
        await registry.PushAsync(image.WriteTar(registry.Directory), "test/multi:1", all: true);
        using var fixture = new StoreFixture([registry.Host]);

        var pulled = await fixture.Store.PullImageAsync($"{registry.Host}/test/multi:1", null, None);
        Assert.Equal(image.ConfigDigest, pulled.Id);
        Assert.Equal([$"{registry.Host}/test/multi@{indexDigest}"], pulled.RepoDigests);

        using var importer = new StoreFixture();
        var imported = Assert.Single(await importer.Store.ImportAsync(image.OpenTar(), None));
        Assert.Equal(image.ConfigDigest, imported.Id);
        Assert.Equal([$"docker.io/test/multi@{indexDigest}"], imported.RepoDigests);
    }

    [RegistryFact]
    public async Task A_password_protected_registry_needs_the_right_credentials()
    {
        using var registry = await RegistryProcess.StartAsync(withPassword: true);
        var image = TestImages.BuildBusybox("private/busybox:1");
        await registry.PushAsync(image.WriteTar(registry.Directory), "private/busybox:1");
        using var fixture = new StoreFixture([registry.Host]);
        var reference = $"{registry.Host}/private/busybox:1";

        var anonymous = await Assert.ThrowsAsync<ImageStoreException>(() => fixture.Store.PullImageAsync(reference, null, None));
        Assert.Equal(ImageErrorKind.Unauthorized, anonymous.Kind);
        var wrong = await Assert.ThrowsAsync<ImageStoreException>(() =>
            fixture.Store.PullImageAsync(reference, new RegistryCredentials(RegistryProcess.User, "wrong"), None));
        Assert.Equal(ImageErrorKind.Unauthorized, wrong.Kind);
        Assert.Empty(await fixture.Store.ListImagesAsync(None));

        var pulled = await fixture.Store.PullImageAsync(reference, new RegistryCredentials(RegistryProcess.User, RegistryProcess.Password), None);
        Assert.Equal(image.ConfigDigest, pulled.Id);
    }

    /// <summary>Wraps the image's manifest in an index listing it for linux/arm64 (first) and linux/amd64.</summary>
    private static TestImage MultiPlatform(TestImage image, out string indexDigest)
    {
        var manifest = image.Files["blobs/sha256/" + image.ManifestDigest[7..]];
        string Entry(string arch) =>
            $$$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{image.ManifestDigest}}}","size":{{{manifest.Length}}},"platform":{"architecture":"{{{arch}}}","os":"linux"}}""";
        var index = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{{{Entry("arm64")}}},{{{Entry("amd64")}}}]}""");
        indexDigest = TestImages.Digest(index);
        var files = new Dictionary<string, byte[]>(image.Files, StringComparer.Ordinal)
        {
            ["blobs/sha256/" + indexDigest[7..]] = index,
            ["index.json"] = Encoding.UTF8.GetBytes(
                $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{{indexDigest}}}","size":{{{index.Length}}},"annotations":{"org.opencontainers.image.ref.name":"{{{image.Reference}}}"}}]}"""),
        };
        return image with { Files = files };
    }
}

/// <summary>A fact skipped, with the reason, when docker-registry or skopeo is missing.</summary>
internal sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        if (!RegistryProcess.Available) Skip = "docker-registry (/usr/bin/docker-registry) or skopeo is not installed";
    }
}
