using System.Diagnostics;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// A DaemonSet on the real node through kubectl: its pod runs in a real container and is Ready, `kubectl get ds`
/// shows the counts, `rollout status` waits for it, a new image rolls the pod (a new pod, a new UID),
/// `rollout history` lists the revisions and `rollout undo` goes back. Own bridge, 10.98.x.0/24 pod subnet
/// and agent port; everything is swept at the end.
/// </summary>
public sealed class DaemonSetTests : IAsyncLifetime
{
    private const string Node = "e2e-ds-node";
    private AgentNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await AgentNode.StartOnAsync("orcad2", Node, $"10.98.{Random.Shared.Next(1, 250)}.0/24");
        var tar = TestImages.BuildBusybox("docker.io/library/busybox:e2e-v2").WriteTar(_node.Server.DataDir, "busybox-v2.tar");
        using var import = Process.Start(new ProcessStartInfo(OrcaServer.Binary) { ArgumentList = { "image", "import", tar, "--data-dir", _node.Server.DataDir }, RedirectStandardOutput = true })!;
        await import.WaitForExitAsync();
        Assert.Equal(0, import.ExitCode);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    private Task<KubectlResult> K(params string[] args) => _node.Kubectl.RunAsync(args, null, timeout: TimeSpan.FromSeconds(150));

    [Fact]
    public async Task A_daemon_set_runs_on_the_node_rolls_to_a_new_image_and_rolls_back()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: logger, namespace: default}
            spec:
              selector: {matchLabels: {app: logger}}
              template:
                metadata: {labels: {app: logger}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox:e2e
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
            """)).ShouldSucceed();

        Assert.Equal("daemon set \"logger\" successfully rolled out", LastLine((await K("rollout", "status", "ds/logger", "--timeout=120s")).ShouldSucceed().Out));
        var first = await PodAsync();
        Assert.Equal((Node, "True", "busybox:e2e"), (first.Node, first.Ready, first.Image));
        var row = (await K("get", "ds", "logger")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$", row[0]);
        Assert.Matches(@"^logger\s+1\s+1\s+1\s+1\s+1\s+<none>\s+\d+s$", row[1]);

        (await K("set", "image", "ds/logger", "app=busybox:e2e-v2")).ShouldSucceed();
        Assert.Equal("daemon set \"logger\" successfully rolled out", LastLine((await K("rollout", "status", "ds/logger", "--timeout=120s")).ShouldSucceed().Out));
        var second = await PodAsync();
        Assert.Equal((Node, "True", "busybox:e2e-v2"), (second.Node, second.Ready, second.Image));
        Assert.NotEqual(first.Uid, second.Uid);

        var history = (await K("rollout", "history", "ds/logger")).ShouldSucceed().Out;
        Assert.Matches(@"(?m)^1\s+<none>$", history);
        Assert.Matches(@"(?m)^2\s+<none>$", history);

        Assert.Equal("daemonset.apps/logger rolled back", (await K("rollout", "undo", "ds/logger")).ShouldSucceed().Out);
        Assert.Equal("daemon set \"logger\" successfully rolled out", LastLine((await K("rollout", "status", "ds/logger", "--timeout=120s")).ShouldSucceed().Out));
        var third = await PodAsync();
        Assert.Equal((Node, "True", "busybox:e2e"), (third.Node, third.Ready, third.Image));
        Assert.NotEqual(first.Uid, third.Uid);
        Assert.Matches(@"(?m)^3\s+<none>$", (await K("rollout", "history", "ds/logger")).ShouldSucceed().Out);
    }

    private static string LastLine(string text) => text.Split('\n')[^1];

    /// <summary>The DaemonSet's one live pod, once there is exactly one.</summary>
    private async Task<(string Uid, string Node, string Ready, string Image)> PodAsync()
    {
        string[] fields = [];
        await Eventually.HoldsAsync(async () =>
        {
            var r = await K("get", "pods", "-l", "app=logger", "-o",
                "jsonpath={range .items[*]}{.metadata.deletionTimestamp}|{.metadata.uid}|{.spec.nodeName}|{.status.conditions[?(@.type==\"Ready\")].status}|{.spec.containers[0].image}{\"\\n\"}{end}");
            var live = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('|')).ToList();
            fields = live.Count == 1 ? live[0][1..].Split('|') : [];
            return fields.Length == 4 && fields[2] == "True";
        }, TimeSpan.FromSeconds(60), "one Ready pod of the daemon set");
        return (fields[0], fields[1], fields[2], fields[3]);
    }
}
