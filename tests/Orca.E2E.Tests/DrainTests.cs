namespace Orca.E2E.Tests;

/// <summary>
/// `kubectl drain` and `kubectl uncordon` with real containers and a PodDisruptionBudget: drain cordons the
/// node and evicts; the eviction that would break the budget is refused (429) and kubectl keeps retrying
/// until the budget allows it. The server's own agent (bridge prefix "orcag").
/// </summary>
public sealed class DrainTests : IAsyncLifetime
{
    private AgentNode _node = null!;
    private Kubectl K => _node.Kubectl;

    public async Task InitializeAsync() => _node = await AgentNode.StartAsync("orcag");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Drain_evicts_within_the_budget_retries_on_429_and_uncordon_makes_the_node_schedulable_again()
    {
        (await K.RunAsync("create", "configmap", "keeper")).ShouldSucceed();
        var uid = (await K.RunAsync("get", "configmap", "keeper", "-o", "jsonpath={.metadata.uid}")).ShouldSucceed().Out;
        foreach (var name in new[] { "web-a", "web-b" })
            (await K.ApplyAsync($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{name}}
                  labels: {app: web}
                  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: keeper, uid: {{uid}}, controller: true}]
                spec:
                  terminationGracePeriodSeconds: 1
                  containers: [{name: c, image: busybox:e2e, command: [sleep, "3600"]}]
                """)).ShouldSucceed();
        (await K.ApplyAsync("""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              minAvailable: 1
              selector: {matchLabels: {app: web}}
            """)).ShouldSucceed();
        (await K.RunAsync("wait", "--for=condition=Ready", "pod/web-a", "pod/web-b", "--timeout=60s")).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await K.RunAsync("get", "pdb", "web", "-o", "jsonpath={.status.disruptionsAllowed}")).Out == "1",
            because: "the budget to allow one disruption");

        var blocked = await K.RunAsync(["drain", _node.NodeName, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=15s"], timeout: TimeSpan.FromSeconds(60));
        Assert.True(blocked.ExitCode != 0, blocked.Stdout + blocked.Stderr);
        Assert.Contains($"node/{_node.NodeName} cordoned", blocked.Out);
        Assert.True(blocked.Stderr.Contains("error when evicting pods/") && blocked.Stderr.Contains("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."),
            blocked.Stderr);
        var left = (await K.RunAsync("get", "pods", "-o", "name")).ShouldSucceed().Out.Split('\n');
        Assert.Single(left);
        Assert.Equal("true", (await K.RunAsync("get", "node", _node.NodeName, "-o", "jsonpath={.spec.unschedulable}")).Out);

        (await K.RunAsync("patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":0}}")).ShouldSucceed();
        var drained = await K.RunAsync(["drain", _node.NodeName, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s"], timeout: TimeSpan.FromSeconds(90));
        drained.ShouldSucceed();
        Assert.Contains($"node/{_node.NodeName} drained", drained.Out);
        Assert.Equal("", (await K.RunAsync("get", "pods", "-o", "name")).ShouldSucceed().Out);

        (await K.RunAsync("uncordon", _node.NodeName)).ShouldSucceed();
        Assert.Equal("", (await K.RunAsync("get", "node", _node.NodeName, "-o", "jsonpath={.spec.unschedulable}")).Out);
        await Eventually.HoldsAsync(async () => !(await K.RunAsync("get", "node", _node.NodeName, "-o", "jsonpath={.spec.taints}")).Out.Contains("unschedulable"),
            because: "the unschedulable taint to go");
    }
}
