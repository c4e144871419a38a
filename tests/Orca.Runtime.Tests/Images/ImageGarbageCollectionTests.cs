namespace Orca.Runtime.Tests.Images;

public sealed class ImageGarbageCollectionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static byte[] Layer(string content) =>
        TestImages.LayerTar(w => TestImages.File(w, "data.bin", System.Text.Encoding.UTF8.GetBytes(content + new string('x', 100_000))));

    [Fact]
    public async Task Least_recently_used_unused_images_go_first_until_the_target_is_freed()
    {
        using var fixture = new StoreFixture();
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "old", "used", "middle", "new" })
        {
            fixture.Time.Now = fixture.Time.Now.AddMinutes(1);
            var info = Assert.Single(await fixture.Store.ImportAsync(TestImages.BuildOci($"gc/{name}:1", [Layer(name)]).OpenTar(), None));
            ids[name] = info.Id;
        }
        fixture.Time.Now = fixture.Time.Now.AddMinutes(1);
        await fixture.Store.UnpackAsync("gc/old:1", None);  // now the most recently used

        var freed = await fixture.Store.CollectGarbageAsync(1, id => id == ids["used"], None);
        Assert.True(freed > 0);
        var left = (await fixture.Store.ListImagesAsync(None)).Select(i => i.RepoTags.Single()).Order().ToList();
        Assert.Equal(["docker.io/gc/new:1", "docker.io/gc/old:1", "docker.io/gc/used:1"], left);

        freed = await fixture.Store.CollectGarbageAsync(long.MaxValue, id => id == ids["used"], None);
        Assert.True(freed > 100_000, $"freed {freed}");
        Assert.Equal(["docker.io/gc/used:1"], (await fixture.Store.ListImagesAsync(None)).Single().RepoTags);
        Assert.Equal(3, fixture.Blobs().Length);
    }
}
