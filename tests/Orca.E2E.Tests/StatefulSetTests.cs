using System.Text.RegularExpressions;

namespace Orca.E2E.Tests;

/// <summary>
/// A StatefulSet with a volumeClaimTemplate on a real node, through kubectl: ordered start, stable
/// hostname, local-path volumes provisioned and bound on the node, and data that survives the pod being
/// deleted and made again. Own bridge (orcat…), pod subnet 10.97.x.0/24 and node name; the set is deleted
/// before the node is torn down (its volumes' directories live under the server's data dir, removed with it).
/// </summary>
public sealed class StatefulSetTests : IAsyncLifetime
{
    private const string NodeName = "sts-e2e-node";
    private AgentNode _node = null!;

    public async Task InitializeAsync() => _node = await AgentNode.StartOnAsync("orcat", NodeName, $"10.97.{Random.Shared.Next(1, 250)}.0/24");

    public async Task DisposeAsync()
    {
        if (_node is null) return;
        if (_node.Server.IsRunning) await _node.Kubectl.RunAsync("delete", "statefulset", "web", "--ignore-not-found", "--wait=false");
        await _node.DisposeAsync();
    }

    private const string Manifest = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          clusterIP: None
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: default}
        spec:
          serviceName: web
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: app
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                readinessProbe:
                  exec: {command: ["test", "-d", "/data"]}
                  initialDelaySeconds: 1
                  periodSeconds: 1
                volumeMounts: [{name: www, mountPath: /data}]
          volumeClaimTemplates:
          - metadata: {name: www}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 10Mi}}
        """;

    /// <summary>name → (uid, ready) of the set's pods, from one list (so both are seen at the same moment).</summary>
    private async Task<Dictionary<string, (string Uid, bool Ready)>> PodsAsync()
    {
        var result = await _node.Kubectl.RunAsync("get", "pods", "-l", "app=web", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
        return result.ShouldSucceed().Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => (p[1], p.Length > 2 && p[2] == "True"));
    }

    [Fact]
    public async Task Pods_start_in_order_and_a_recreated_web_0_finds_its_data_again()
    {
        var k = _node.Kubectl;
        (await k.ApplyAsync(Manifest)).ShouldSucceed();
        var seen = new List<string>();
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await PodsAsync();
            seen.Add(string.Join(",", pods.Select(p => $"{p.Key}:{p.Value.Ready}")));
            Assert.False(pods.ContainsKey("web-1") && !(pods.TryGetValue("web-0", out var w0) && w0.Ready),
                $"web-1 exists while web-0 is not Ready: {string.Join(" | ", seen)}");
            return pods.Count == 2 && pods.Values.All(p => p.Ready);
        }, TimeSpan.FromSeconds(120), "web-0 and web-1 Ready", () => _node.Server.Output);
        (await k.RunAsync(["rollout", "status", "statefulset/web", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70))).ShouldSucceed();

        Assert.Equal("web-0", (await k.RunAsync("exec", "web-0", "--", "hostname")).ShouldSucceed().Out);
        (await k.RunAsync("exec", "web-0", "--", "sh", "-c", "echo kept-across-pods > /data/hello")).ShouldSucceed();

        var storage = (await k.RunAsync("get", "pv,pvc")).ShouldSucceed().Out;
        Assert.Matches(new Regex(@"^persistentvolumeclaim/www-web-0\s+Bound\s+pvc-\S+\s+10Mi\s+RWO\s+local-path\s+<unset>\s+\S+$", RegexOptions.Multiline), storage);
        Assert.Matches(new Regex(@"^persistentvolume/pvc-\S+\s+10Mi\s+RWO\s+Delete\s+Bound\s+default/www-web-1\s+local-path\s+<unset>\s+\S+$", RegexOptions.Multiline), storage);
        Assert.Matches(@"local-path \(default\)\s+orca\.dev/local-path\s+Delete\s+WaitForFirstConsumer", (await k.RunAsync("get", "sc")).ShouldSucceed().Out);

        var volume = (await k.RunAsync("get", "pvc", "www-web-0", "-o", "jsonpath={.spec.volumeName}")).ShouldSucceed().Out;
        var hostDir = (await k.RunAsync("get", "pv", volume, "-o", "jsonpath={.spec.hostPath.path}")).ShouldSucceed().Out;
        Assert.StartsWith(Path.Combine(_node.Server.DataDir, "agent", "local-path"), hostDir);
        Assert.Equal("kept-across-pods\n", File.ReadAllText(Path.Combine(hostDir, "hello")));

        var oldUid = (await PodsAsync())["web-0"].Uid;
        (await k.RunAsync(["delete", "pod", "web-0", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70))).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await PodsAsync()).TryGetValue("web-0", out var p) && p.Uid != oldUid && p.Ready,
            TimeSpan.FromSeconds(90), "a new web-0 Ready", () => _node.Server.Output);
        Assert.Equal("kept-across-pods", (await k.RunAsync("exec", "web-0", "--", "cat", "/data/hello")).ShouldSucceed().Out);
        Assert.Equal("web-0", (await k.RunAsync("exec", "web-0", "--", "hostname")).ShouldSucceed().Out);

        (await k.RunAsync("scale", "statefulset", "web", "--replicas=1")).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await PodsAsync()).Keys.SequenceEqual(["web-0"]), TimeSpan.FromSeconds(60), "web-1 gone after scale-down");
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\s*\n1\s+<none>", (await k.RunAsync("rollout", "history", "statefulset/web")).ShouldSucceed().Out);
        Assert.Contains("www-web-1", (await k.RunAsync("get", "pvc")).ShouldSucceed().Out);

        (await k.RunAsync("set", "env", "statefulset/web", "MODE=two")).ShouldSucceed();
        (await k.RunAsync(["rollout", "status", "statefulset/web", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();
        Assert.Equal("two", (await k.RunAsync("exec", "web-0", "--", "sh", "-c", "echo $MODE")).ShouldSucceed().Out);
        (await k.RunAsync("rollout", "undo", "statefulset/web")).ShouldSucceed();
        (await k.RunAsync(["rollout", "status", "statefulset/web", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await k.RunAsync("exec", "web-0", "--", "sh", "-c", "echo \"[$MODE]\"")).Out == "[]",
            TimeSpan.FromSeconds(60), "web-0 back on the first template");
        Assert.Matches(@"\n2\s+<none>\s*\n3\s+<none>", (await k.RunAsync("rollout", "history", "statefulset/web")).ShouldSucceed().Out);
        Assert.Equal("kept-across-pods", (await k.RunAsync("exec", "web-0", "--", "cat", "/data/hello")).ShouldSucceed().Out);
    }
}
