using Orca.Runtime.Images;

namespace Orca.Runtime.Tests.Images;

public sealed class ImageReferenceTests
{
    private const string Sha = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("foo/bar:1", "docker.io/foo/bar:1")]
    [InlineData("docker.io/busybox", "docker.io/library/busybox:latest")]
    [InlineData("index.docker.io/library/busybox:x", "docker.io/library/busybox:x")]
    [InlineData("localhost/x", "localhost/x:latest")]
    [InlineData("localhost:5000/x", "localhost:5000/x:latest")]
    [InlineData("127.0.0.1:5000/a/b/c:v1.0-rc_1", "127.0.0.1:5000/a/b/c:v1.0-rc_1")]
    [InlineData("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10")]
    [InlineData("busybox@" + Sha, "docker.io/library/busybox@" + Sha)]
    [InlineData("quay.io/a/b:t@" + Sha, "quay.io/a/b:t@" + Sha)]
    [InlineData("my-repo/name__x.y", "docker.io/my-repo/name__x.y:latest")]
    public void Normalises_like_docker(string input, string expected) =>
        Assert.Equal(expected, ImageReference.TryParse(input)?.ToString());

    [Theory]
    [InlineData("")]
    [InlineData("BusyBox")]
    [InlineData("busybox:")]
    [InlineData("busybox@sha256:short")]
    [InlineData("-bad/name")]
    [InlineData("a//b")]
    [InlineData("busybox:tag with space")]
    public void Refuses_invalid_references(string input) => Assert.Null(ImageReference.TryParse(input));

    [Fact]
    public void Digest_wins_over_tag_when_asking_a_registry()
    {
        var reference = ImageReference.TryParse("quay.io/a/b:t@" + Sha)!;
        Assert.Equal(Sha, reference.ManifestReference);
        Assert.Equal("quay.io/a/b", reference.Name);
        Assert.Equal("latest", ImageReference.TryParse("x")!.ManifestReference);
    }
}
