using System.Net;
using System.Text;

namespace Orca.E2E.Tests;

/// <summary>Namespace deletion: Terminating, content deleted, creation refused meanwhile, then gone.</summary>
public sealed class NamespaceTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Deleting_a_namespace_terminates_it_deletes_its_content_then_removes_it()
    {
        var ns = await fx.NamespaceAsync("gone");
        (await fx.Kubectl.RunAsync(["apply", "-f", "-"], $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: {{ns}}}
            data: {a: b}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: held, namespace: {{ns}}}
            spec:
              containers: [{name: c, image: busybox}]
            """)).ShouldSucceed();
        using var http = fx.Server.CreateHttpClient();
        var bind = await http.PostAsync($"/api/v1/namespaces/{ns}/pods/held/binding", new StringContent(
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"held"},"target":{"kind":"Node","name":"n1"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, bind.StatusCode);

        (await fx.Kubectl.RunAsync("delete", "namespace", ns, "--wait=false")).ShouldSucceed();
        var row = (await fx.Kubectl.RunAsync("get", "namespace", ns)).ShouldSucceed().Out.Split('\n')[1];
        Assert.Matches($@"^{ns}\s+Terminating\s+", row);
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("get", "configmap", "c", "-n", ns)).ExitCode != 0);

        var refused = await fx.Kubectl.RunAsync(["apply", "-f", "-"], $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: late, namespace: {ns}}}\n");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"unable to create new content in namespace {ns} because it is being terminated", refused.Stderr);

        // The pod on a node waits for its agent; forcing it lets the namespace finish.
        Assert.Equal("Terminating", (await fx.Kubectl.RunAsync("get", "namespace", ns, "-o", "jsonpath={.status.phase}")).ShouldSucceed().Out);
        (await fx.Kubectl.RunAsync("delete", "pod", "held", "-n", ns, "--grace-period=0", "--force")).ShouldSucceed();
        (await fx.Kubectl.RunAsync("wait", "--for=delete", $"namespace/{ns}", "--timeout=30s")).ShouldSucceed();
    }
}
