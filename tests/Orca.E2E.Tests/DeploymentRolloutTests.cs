using System.Diagnostics;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// Deployments through kubectl with real containers: a rolling update with maxUnavailable 0 keeps every
/// replica serving (busybox httpd polled on each pod IP throughout), a deleted pod comes back as a new
/// object, and `kubectl rollout undo` brings the old image back. Own bridge (orcad…), node and pod subnet
/// (10.97.x.0/24); everything is swept at the end.
/// </summary>
public sealed class DeploymentRolloutTests : IAsyncLifetime
{
    private const string NewImage = "busybox:e2e-v2";
    private AgentNode _node = null!;
    private string _ns = "";

    private Kubectl Kubectl => _node.Kubectl;

    public async Task InitializeAsync()
    {
        _node = await AgentNode.StartOnAsync("orcad", "e2e-deploy-node", $"10.97.{Random.Shared.Next(1, 250)}.0/24");
        var tar = TestImages.BuildBusybox("docker.io/library/" + NewImage).WriteTar(_node.Server.DataDir, "busybox-v2.tar");
        using var import = Process.Start(new ProcessStartInfo(OrcaServer.Binary) { ArgumentList = { "image", "import", tar, "--data-dir", _node.Server.DataDir }, RedirectStandardOutput = true })!;
        await import.WaitForExitAsync();
        Assert.Equal(0, import.ExitCode);
        _ns = "deploy-" + Guid.NewGuid().ToString("N")[..6];
        (await Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
    }

    public async Task DisposeAsync()
    {
        if (_node is null) return;
        // Without a garbage collector, remove the owners first so that the node's pod cleanup is final.
        await Kubectl.RunAsync("delete", "deployment", "--all", "-n", _ns, "--cascade=orphan");
        await Kubectl.RunAsync("delete", "replicasets", "--all", "-n", _ns, "--cascade=orphan");
        await _node.DisposeAsync();
    }

    private Task<KubectlResult> RunAsync(params string[] args) => Kubectl.RunAsync([.. args, "-n", _ns], null, timeout: TimeSpan.FromSeconds(150));

    /// <summary>Ready pods that are not terminating: name, uid, IP and image.</summary>
    private async Task<List<(string Name, string Uid, string Ip, string Image)>> ReadyPodsAsync()
    {
        var r = await RunAsync("get", "pods", "-l", "app=web", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.status.podIP} {.spec.containers[0].image} {.metadata.deletionTimestamp}|{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
        var pods = new List<(string, string, string, string)>();
        foreach (var line in r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (fields, ready) = (line.Split('|')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), line.Split('|')[1]);
            if (fields.Length == 4 && ready == "True") pods.Add((fields[0], fields[1], fields[2], fields[3]));
        }
        return pods;
    }

    private static async Task<int> ServingAsync(HttpClient http, IEnumerable<string> ips)
    {
        var answers = await Task.WhenAll(ips.Select(async ip =>
        {
            try
            {
                return (await http.GetStringAsync($"http://{ip}:8080/")).StartsWith("web-", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }));
        return answers.Count(a => a);
    }

    [Fact]
    public async Task A_rollout_keeps_every_replica_serving_a_deleted_pod_is_replaced_and_undo_restores_the_image()
    {
        (await Kubectl.ApplyAsync($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: {{_ns}}}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: web
                    image: busybox:e2e
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    readinessProbe:
                      httpGet: {path: /, port: 8080}
                      periodSeconds: 1
            """)).ShouldSucceed();
        (await RunAsync("rollout", "status", "deployment/web", "--timeout=120s")).ShouldSucceed();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Assert.Equal(3, await ServingAsync(http, (await ReadyPodsAsync()).Select(p => p.Ip)));

        // (1) Roll to a new image while polling every ready pod's httpd.
        (await RunAsync("set", "image", "deployment/web", "web=" + NewImage)).ShouldSucceed();
        var status = RunAsync("rollout", "status", "deployment/web", "--timeout=120s");
        var minServing = int.MaxValue;
        var samples = 0;
        while (!status.IsCompleted)
        {
            var serving = await ServingAsync(http, (await ReadyPodsAsync()).Select(p => p.Ip));
            minServing = Math.Min(minServing, serving);
            samples++;
        }
        var done = (await status).ShouldSucceed();
        Assert.Contains("deployment \"web\" successfully rolled out", done.Out);
        Assert.True(samples > 0);
        Assert.True(minServing >= 3, $"only {minServing} pods answered during the rollout ({samples} samples)");
        var rolled = await ReadyPodsAsync();
        Assert.Equal(3, rolled.Count);
        Assert.All(rolled, p => Assert.Equal(NewImage, p.Image));
        Assert.Equal(3, await ServingAsync(http, rolled.Select(p => p.Ip)));

        // (2) A deleted pod is replaced by a new object.
        var victim = rolled[0];
        (await RunAsync("delete", "pod", victim.Name, "--wait=false")).ShouldSucceed();
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await ReadyPodsAsync();
            return pods.Count == 3 && pods.All(p => p.Uid != victim.Uid);
        }, TimeSpan.FromSeconds(90), "a replacement pod with a new uid");

        // (3) Undo goes back to revision 1's image.
        var history = (await RunAsync("rollout", "history", "deployment/web")).ShouldSucceed().Out;
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\s+1\s+<none>\s+2\s+<none>", history);
        (await RunAsync("rollout", "undo", "deployment/web")).ShouldSucceed();
        (await RunAsync("rollout", "status", "deployment/web", "--timeout=120s")).ShouldSucceed();
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await ReadyPodsAsync();
            return pods.Count == 3 && pods.All(p => p.Image == "busybox:e2e");
        }, TimeSpan.FromSeconds(60), "3 ready pods on the old image");
        Assert.Equal("3", (await RunAsync("get", "deployment", "web", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).Out);
    }
}
