using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orca.Runtime.Images;

namespace Orca.Runtime.Tests.Images;

/// <summary>Token (Bearer) auth and digest checks against an in-process fake registry speaking https.</summary>
public sealed class BearerRegistryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_bearer_challenge_is_answered_with_a_token_fetched_with_basic_credentials()
    {
        var image = TestImages.BuildBusybox("x/y:1");
        var registry = new FakeRegistry(image, "team/app");
        using var fixture = new StoreFixture(handler: registry);

        var pulled = await fixture.Store.PullImageAsync("registry.example/team/app:1", new RegistryCredentials("orca", "s3cret"), None);

        Assert.Equal(image.ConfigDigest, pulled.Id);
        Assert.Equal(["registry.example/team/app@" + image.ManifestDigest], pulled.RepoDigests);
        Assert.All(registry.Requests.Where(u => u.Host == "registry.example"), u => Assert.Equal("https", u.Scheme));
        var token = Assert.Single(registry.Requests, u => u.Host == "auth.example");
        Assert.Equal("?service=registry.example&scope=repository%3Ateam%2Fapp%3Apull", token.Query);
    }

    [Fact]
    public async Task Wrong_credentials_at_the_token_endpoint_are_unauthorized()
    {
        var registry = new FakeRegistry(TestImages.BuildBusybox("x/y:1"), "team/app");
        using var fixture = new StoreFixture(handler: registry);
        var error = await Assert.ThrowsAsync<ImageStoreException>(() =>
            fixture.Store.PullImageAsync("registry.example/team/app:1", new RegistryCredentials("orca", "nope"), None));
        Assert.Equal(ImageErrorKind.Unauthorized, error.Kind);
    }

    [Fact]
    public async Task A_blob_the_registry_corrupts_is_refused_and_not_stored()
    {
        var image = TestImages.BuildBusybox("x/y:1");
        image.Files["blobs/sha256/" + image.ConfigDigest[7..]][^2] ^= 0x01;
        var registry = new FakeRegistry(image, "team/app");
        using var fixture = new StoreFixture(handler: registry);

        var error = await Assert.ThrowsAsync<ImageStoreException>(() =>
            fixture.Store.PullImageAsync("registry.example/team/app:1", new RegistryCredentials("orca", "s3cret"), None));
        Assert.Equal(ImageErrorKind.DigestMismatch, error.Kind);
        Assert.Empty(await fixture.Store.ListImagesAsync(None));
        Assert.DoesNotContain(image.ConfigDigest[7..], fixture.Blobs());
    }

    [Fact]
    public async Task A_manifest_that_does_not_match_the_requested_digest_is_refused()
    {
        var image = TestImages.BuildBusybox("x/y:1");
        var registry = new FakeRegistry(image, "team/app");
        using var fixture = new StoreFixture(handler: registry);
        var other = "sha256:" + new string('b', 64);
        registry.ManifestAliases[other] = image.ManifestDigest;

        var error = await Assert.ThrowsAsync<ImageStoreException>(() =>
            fixture.Store.PullImageAsync("registry.example/team/app@" + other, new RegistryCredentials("orca", "s3cret"), None));
        Assert.Equal(ImageErrorKind.DigestMismatch, error.Kind);
    }

    /// <summary>Serves one image under a repository; wants "Bearer tok", issued by auth.example for orca:s3cret.</summary>
    private sealed class FakeRegistry(TestImage image, string repository) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];
        public Dictionary<string, string> ManifestAliases { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            lock (Requests) Requests.Add(uri);
            if (uri.Host == "auth.example") return Task.FromResult(Token(request));
            if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: "tok" })
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
                    $"realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:{repository}:pull\""));
                return Task.FromResult(challenge);
            }
            var prefix = $"/v2/{repository}/";
            var path = uri.AbsolutePath;
            if (path.StartsWith(prefix + "manifests/", StringComparison.Ordinal))
            {
                var reference = path[(prefix.Length + "manifests/".Length)..];
                var digest = ManifestAliases.GetValueOrDefault(reference) ?? (reference.StartsWith("sha256:") ? reference : image.ManifestDigest);
                return Task.FromResult(Blob(digest, "application/vnd.oci.image.manifest.v1+json"));
            }
            if (path.StartsWith(prefix + "blobs/", StringComparison.Ordinal))
                return Task.FromResult(Blob(path[(prefix.Length + "blobs/".Length)..], "application/octet-stream"));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        private HttpResponseMessage Blob(string digest, string mediaType)
        {
            if (!image.Files.TryGetValue("blobs/sha256/" + digest[7..], out var content)) return new HttpResponseMessage(HttpStatusCode.NotFound);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return response;
        }

        private static HttpResponseMessage Token(HttpRequestMessage request)
        {
            var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("orca:s3cret"));
            return request.Headers.Authorization is { Scheme: "Basic" } basic && basic.Parameter == expected
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"token":"tok"}""") }
                : new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }
    }
}
