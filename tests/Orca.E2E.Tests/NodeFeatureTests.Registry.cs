using System.Text.RegularExpressions;
using Orca.Runtime.Tests;
using Orca.Runtime.Tests.Images;

namespace Orca.E2E.Tests;

/// <summary>Pulls from Debian's docker-registry on 127.0.0.1 with htpasswd auth, with and without imagePullSecrets.</summary>
public sealed partial class NodeFeatureTests
{
    private RegistryProcess? _registry;

    private async partial Task StartRegistryAsync()
    {
        _registry = await RegistryProcess.StartAsync(withPassword: true);
        var image = TestImages.BuildBusybox("docker.io/library/busybox:private");
        await _registry.PushAsync(image.WriteTar(_registry.Directory, "private.tar"), "private/busybox:1");
    }

    private partial string[] RegistryArgs() => ["--insecure-registry", _registry!.Host];

    private partial void StopRegistry()
    {
        _registry?.Dispose();
        _registry = null;
    }

    [Fact]
    public async Task A_private_image_fails_to_pull_without_a_secret_and_runs_with_a_docker_registry_secret()
    {
        var image = $"{_registry!.Host}/private/busybox:1";
        (await _kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: nosecret, namespace: default}
            spec:
              nodeName: e2e-node
              terminationGracePeriodSeconds: 1
              containers:
              - {name: app, image: "{{image}}", command: ["sleep", "3600"]}
            """)).ShouldSucceed();
        var seen = new HashSet<string>();
        await WaitAsync("nosecret", async () =>
        {
            var m = Regex.Match(Row(await _kubectl.RunAsync("get", "pod", "nosecret")), @"^nosecret\s+0/1\s+(\S+)\s");
            if (m.Success) seen.Add(m.Groups[1].Value);
            return seen.Contains("ImagePullBackOff");
        }, "STATUS ImagePullBackOff");
        var events = await EventsAsync("nosecret");
        Assert.Contains($"Warning/Failed: Failed to pull image \"{image}\": ", events);
        Assert.Contains("the registry wants credentials and none were given", events);
        Assert.Contains("Warning/Failed: Error: ErrImagePull", events);
        Assert.Contains($"Normal/BackOff: Back-off pulling image \"{image}\"", events);

        (await _kubectl.RunAsync("create", "secret", "docker-registry", "regcred", "--docker-server", _registry.Host,
            "--docker-username", RegistryProcess.User, "--docker-password", RegistryProcess.Password)).ShouldSucceed();
        (await _kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: withsecret, namespace: default}
            spec:
              nodeName: e2e-node
              terminationGracePeriodSeconds: 1
              imagePullSecrets: [{name: regcred}]
              containers:
              - {name: app, image: "{{image}}", command: ["sleep", "3600"]}
            """)).ShouldSucceed();
        await WaitAsync("withsecret", async () => Regex.IsMatch(Row(await _kubectl.RunAsync("get", "pod", "withsecret")), @"^withsecret\s+1/1\s+Running\s"), "Running", 90);
        Assert.Equal("pulled", (await _kubectl.RunAsync("exec", "withsecret", "--", "echo", "pulled")).ShouldSucceed().Out);
        Assert.Contains($"Normal/Pulled: Successfully pulled image \"{image}\"", await EventsAsync("withsecret"));
    }

    private async Task<string> EventsAsync(string pod) =>
        (await _kubectl.RunAsync("get", "events", "--field-selector", $"involvedObject.name={pod}", "-o",
            "jsonpath={range .items[*]}{.type}/{.reason}: {.message}{\"\\n\"}{end}")).ShouldSucceed().Out;
}
