namespace Orca.E2E.Tests;

/// <summary>
/// Static pods from &lt;data-dir&gt;/manifests of `orca server`, seen through kubectl: bad manifests are
/// reported and skipped, good ones run with a mirror pod that cannot be deleted, an edited file
/// replaces its pod and a removed file stops it.
/// </summary>
public sealed class StaticPodTests(NodeFixture fx) : IClassFixture<NodeFixture>
{
    private static string Manifest(string ns, string name, string message) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}, namespace: {{ns}}, labels: {app: {{name}}} }
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: web
            image: {{NodeFixture.Image}}
            command: ["sh", "-c", "echo {{message}}; exec sleep 3600"]
        """;

    [Fact]
    public async Task Bad_manifests_are_reported_and_skipped_while_the_good_one_runs()
    {
        var ns = await fx.NamespaceAsync("static-bad");
        Directory.CreateDirectory(fx.ManifestDir);
        var bad = new Dictionary<string, (string Text, string Error)>
        {
            [$"{ns}-yaml.yaml"] = ("apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: [\n", "invalid YAML"),
            [$"{ns}-nocontainers.yaml"] = ($"apiVersion: v1\nkind: Pod\nmetadata: {{name: empty, namespace: {ns}}}\nspec: {{}}\n", "spec.containers must not be empty"),
            [$"{ns}-noname.yaml"] = ("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: x}]\n", "metadata.name is required"),
            [$"{ns}-configmap.yaml"] = ($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings, namespace: {ns}}}\ndata: {{a: b}}\n", "kind ConfigMap is not Pod"),
        };
        foreach (var (file, (text, _)) in bad) await File.WriteAllTextAsync(Path.Combine(fx.ManifestDir, file), text);
        await File.WriteAllTextAsync(Path.Combine(fx.ManifestDir, $"{ns}-good.yaml"), Manifest(ns, "good", "good static pod"));

        var mirror = $"good-{NodeFixture.NodeName}";
        await fx.WaitReadyAsync(ns, mirror);
        Assert.Equal("good static pod", (await fx.Kubectl.RunAsync("logs", mirror, "-n", ns)).ShouldSucceed().Out);
        Assert.Equal($"pod/{mirror}", (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "name")).Out);

        string[] reported = [];
        await Eventually.HoldsAsync(async () =>
        {
            reported = await fx.EventMessagesAsync("default", NodeFixture.NodeName, "InvalidStaticPodManifest");
            return bad.Keys.All(file => reported.Any(m => m.Contains(file, StringComparison.Ordinal)));
        }, TimeSpan.FromSeconds(30), $"a Node event for each bad manifest (so far: {string.Join(" | ", reported)})");
        foreach (var (file, (_, error)) in bad)
        {
            Assert.Contains(reported, m => m.Contains(file, StringComparison.Ordinal) && m.Contains(error, StringComparison.Ordinal));
            Assert.Contains($"{file} is invalid: ", fx.Server.Output);
        }
        foreach (var file in bad.Keys.Append($"{ns}-good.yaml")) File.Delete(Path.Combine(fx.ManifestDir, file));
    }

    [Fact]
    public async Task A_mirror_pod_comes_back_when_deleted_an_edit_replaces_the_pod_and_removing_the_file_stops_it()
    {
        var ns = await fx.NamespaceAsync("static");
        Directory.CreateDirectory(fx.ManifestDir);
        var file = Path.Combine(fx.ManifestDir, $"{ns}.yaml");
        await File.WriteAllTextAsync(file, Manifest(ns, "web", "version one"));
        var mirror = $"web-{NodeFixture.NodeName}";
        await fx.WaitReadyAsync(ns, mirror);
        var annotations = await fx.GetAsync("pod", mirror, "{.metadata.annotations.kubernetes\\.io/config\\.mirror} {.metadata.annotations.kubernetes\\.io/config\\.source} {.metadata.ownerReferences[0].kind}", "-n", ns);
        Assert.Matches(@"^[0-9a-f]{32} file Node$", annotations);
        var firstIds = await fx.ContainerIdsAsync(ns, mirror);
        var firstUid = await fx.GetAsync("pod", mirror, "{.metadata.uid}", "-n", ns);

        // Deleting the mirror pod does not stop the static pod: the mirror comes back, same container.
        (await fx.Kubectl.RunAsync(["delete", "pod", mirror, "-n", ns, "--timeout=20s"], null, timeout: TimeSpan.FromSeconds(30))).ShouldSucceed();
        await Eventually.HoldsAsync(async () =>
        {
            var uid = await fx.GetAsync("pod", mirror, "{.metadata.uid}", "-n", ns);
            return uid != "" && uid != firstUid;
        }, TimeSpan.FromSeconds(20), "a new mirror pod");
        await fx.WaitReadyAsync(ns, mirror);
        Assert.Equal(firstIds, await fx.ContainerIdsAsync(ns, mirror));
        Assert.Equal("version one", (await fx.Kubectl.RunAsync("logs", mirror, "-n", ns)).Out);

        // Editing the file replaces the pod: new container, new output, the old one stopped.
        await File.WriteAllTextAsync(file, Manifest(ns, "web", "version two"));
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("logs", mirror, "-n", ns)).Out == "version two",
            TimeSpan.FromSeconds(30), "the edited static pod runs");
        await Eventually.HoldsAsync(() => Task.FromResult(!firstIds.Any(HostState.RuncContainers(fx.DataDir).Contains)),
            TimeSpan.FromSeconds(20), "the old version's container is gone");
        var secondIds = await fx.ContainerIdsAsync(ns, mirror);

        // Removing the file stops the pod and deletes its mirror.
        File.Delete(file);
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("get", "pod", mirror, "-n", ns)).Stderr.Contains("NotFound", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the mirror pod is deleted");
        await Eventually.HoldsAsync(() => Task.FromResult(!secondIds.Any(HostState.RuncContainers(fx.DataDir).Contains)),
            TimeSpan.FromSeconds(20), "the static pod's container is gone");
    }
}
