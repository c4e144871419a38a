using System.Text;
using Orca.Agent.Images;
using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Tests;

public sealed class PullSecretTests
{
    [Theory]
    [InlineData("registry.example", "registry.example/team/app", true)]
    [InlineData("registry.example/team", "registry.example/team/app", true)]
    [InlineData("registry.example/other", "registry.example/team/app", false)]
    [InlineData("registry.example:5000", "registry.example/team/app", false)]
    [InlineData("registry.example:5000", "registry.example:5000/team/app", true)]
    [InlineData("registry.example", "registry.example:5000/team/app", false)]
    [InlineData("*.example", "registry.example/team/app", true)]
    [InlineData("*.example", "a.registry.example/team/app", false)]
    [InlineData("reg*.example", "registry.example/app", true)]
    [InlineData("docker.io", "docker.io/library/busybox", true)]
    public void Keys_match_images_by_host_glob_port_and_path_prefix(string key, string target, bool expected) =>
        Assert.Equal(expected, DockerKeyring.Matches(key, target));

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("registry-1.docker.io", "docker.io")]
    [InlineData("http://registry.example:5000/v2/team", "registry.example:5000/team")]
    [InlineData("registry.example/", "registry.example")]
    public void Keys_are_normalized_like_docker_config_keys(string key, string expected) =>
        Assert.Equal(expected, DockerKeyring.NormalizeKey(key));

    [Fact]
    public void Both_secret_types_give_credentials_most_specific_key_first()
    {
        var json = Secret("new", DockerKeyring.DockerConfigJson, ".dockerconfigjson", """
            {"auths": {
              "registry.example": {"username": "all", "password": "p1"},
              "registry.example/team": {"auth": "dGVhbTpwMg=="},
              "https://index.docker.io/v1/": {"identitytoken": "refresh"}}}
            """);
        var cfg = Secret("old", DockerKeyring.DockerCfg, ".dockercfg", """{"127.0.0.1:5000": {"username": "u", "password": "p", "email": "e@x"}}""");
        var opaque = Secret("other", "Opaque", ".dockerconfigjson", """{"auths": {"registry.example": {"username": "no", "password": "no"}}}""");
        var keyring = DockerKeyring.FromSecrets([json, cfg, opaque]);

        Assert.Equal([new RegistryCredentials("team", "p2"), new RegistryCredentials("all", "p1")], keyring.Lookup("registry.example/team/app:1"));
        Assert.Equal([new RegistryCredentials("all", "p1")], keyring.Lookup("registry.example/x"));
        Assert.Equal([new RegistryCredentials(null, null, "refresh")], keyring.Lookup("busybox"));
        Assert.Equal([new RegistryCredentials("u", "p")], keyring.Lookup("127.0.0.1:5000/busybox:e2e"));
        Assert.Empty(keyring.Lookup("quay.example/app"));
        Assert.Empty(DockerKeyring.FromSecrets([Secret("bad", DockerKeyring.DockerConfigJson, ".dockerconfigjson", "not json")]).Lookup("registry.example/x"));
    }

    [Fact]
    public async Task A_pod_pulls_with_its_pull_secret_and_without_one_backs_off()
    {
        await using var h = await AgentHarness.StartAsync();
        const string image = "registry.example/team/app:1";
        h.Images.Protected[image] = new RegistryCredentials("orca", "s3cret");

        await h.CreateAsync(PodBuilder.Named("nosecret").OnNode().WithContainer("app", c => c.Image = image).Build());
        await h.PodWhenAsync("nosecret", p => p.Status.ContainerStatuses?[0].State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff", "pull failing");
        var failed = await h.EventuallyEventsAsync(e => e.Reason == "Failed" && e.Message!.StartsWith("Failed to pull image", StringComparison.Ordinal));
        Assert.Equal($"Failed to pull image \"{image}\": GET /v2/{image}/manifests: 401 Unauthorized", failed.Message);
        Assert.Equal([null], h.Images.Locked(i => i.PullCredentials.Distinct().ToList()));

        var withSecret = PodBuilder.Named("withsecret").OnNode().WithContainer("app", c => c.Image = image).Build();
        withSecret.Spec.ImagePullSecrets = [new LocalObjectReference { Name = "missing" }, new LocalObjectReference { Name = "regcred" }];
        await h.CreateAsync(withSecret);
        var events = await h.EventuallyEventsAsync(e => e.Reason == "FailedToRetrieveImagePullSecret");
        Assert.Equal("Unable to retrieve some image pull secrets (missing, regcred); attempting to pull the image may not succeed.", events.Message);

        await h.Client.Resource<Secret>().CreateAsync(Secret("regcred", DockerKeyring.DockerConfigJson, ".dockerconfigjson",
            """{"auths": {"registry.example": {"username": "orca", "password": "s3cret"}}}"""));
        await h.PodWhenAsync("withsecret", p => p.Status.Phase == "Running", "Running once the secret exists", tick: TimeSpan.FromSeconds(10));
        Assert.Contains(new RegistryCredentials("orca", "s3cret"), h.Images.Locked(i => i.PullCredentials.ToList()));
    }

    private static Secret Secret(string name, string type, string key, string config) => new()
    {
        ApiVersion = "v1", Kind = "Secret", Type = type,
        Metadata = new() { Name = name, Namespace = "default" },
        Data = new() { [key] = Encoding.UTF8.GetBytes(config) },
    };
}
