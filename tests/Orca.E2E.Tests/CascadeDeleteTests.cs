namespace Orca.E2E.Tests;

/// <summary>
/// `kubectl delete --cascade=background|foreground|orphan` against the garbage collector of `orca server`:
/// a ConfigMap owns ConfigMaps and an unscheduled pod through ownerReferences.
/// </summary>
public sealed class CascadeDeleteTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private Kubectl K => fx.Kubectl;

    [Fact]
    public async Task Background_cascade_deletes_the_dependents_after_the_owner()
    {
        var ns = await OwnerWithDependentsAsync("bg");
        (await K.RunAsync("delete", "configmap", "owner", "-n", ns, "--cascade=background")).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await K.RunAsync("get", "configmaps,pods", "-n", ns, "-o", "name")).Out.Split('\n').All(l => !l.Contains("dep")),
            because: "the dependents to be collected");
    }

    [Fact]
    public async Task Foreground_cascade_returns_once_the_blocking_dependents_are_gone()
    {
        var ns = await OwnerWithDependentsAsync("fg");
        var output = (await K.RunAsync("delete", "configmap", "owner", "-n", ns, "--cascade=foreground")).ShouldSucceed().Out;
        Assert.Equal("configmap \"owner\" deleted", output);
        var left = (await K.RunAsync("get", "configmaps,pods", "-n", ns, "-o", "name")).ShouldSucceed().Out;
        Assert.DoesNotContain("dep-blocking", left);
        Assert.DoesNotContain("owner", left);
    }

    [Fact]
    public async Task Orphan_cascade_keeps_the_dependents_without_owner_references()
    {
        var ns = await OwnerWithDependentsAsync("or");
        (await K.RunAsync("delete", "configmap", "owner", "-n", ns, "--cascade=orphan")).ShouldSucceed();
        Assert.NotEqual(0, (await K.RunAsync("get", "configmap", "owner", "-n", ns)).ExitCode);
        foreach (var dep in new[] { "configmap/dep-blocking", "configmap/dep-loose", "pod/dep-pod" })
            Assert.Equal("", (await K.RunAsync("get", dep, "-n", ns, "-o", "jsonpath={.metadata.ownerReferences}")).ShouldSucceed().Out);
    }

    /// <summary>A namespace with ConfigMap "owner" and dependents: one blocking its deletion, one not, and a pod.</summary>
    private async Task<string> OwnerWithDependentsAsync(string prefix)
    {
        var ns = await fx.NamespaceAsync("cascade-" + prefix);
        (await K.RunAsync("create", "configmap", "owner", "-n", ns)).ShouldSucceed();
        var uid = (await K.RunAsync("get", "configmap", "owner", "-n", ns, "-o", "jsonpath={.metadata.uid}")).ShouldSucceed().Out;
        string Ref(bool block) => $"ownerReferences: [{{apiVersion: v1, kind: ConfigMap, name: owner, uid: {uid}{(block ? ", blockOwnerDeletion: true" : "")}}}]";
        (await K.ApplyAsync($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: dep-blocking, namespace: {{ns}}, {{Ref(true)}}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: dep-loose, namespace: {{ns}}, {{Ref(false)}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: dep-pod, namespace: {{ns}}, {{Ref(true)}}}
            spec:
              containers: [{name: c, image: busybox}]
            """)).ShouldSucceed();
        return ns;
    }
}
