using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Orca.E2E.Tests;

/// <summary>The store keeps what it acknowledged: across a clean restart and across kill -9 mid-load.</summary>
public sealed class DurabilityTests
{
    private static StringContent PodJson(string ns, string name) => new(
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","labels":{"load":"yes"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""",
        Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_restart_on_the_same_data_dir_keeps_every_object()
    {
        await using var server = await OrcaServer.StartAsync();
        using var kubectl = new Kubectl(server);
        (await kubectl.RunAsync(["apply", "-f", "-"], """
            apiVersion: v1
            kind: Namespace
            metadata: {name: keep}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: keep}
            data: {mode: durable}
            """)).ShouldSucceed();
        (await kubectl.RunAsync(["apply", "-f", "-"], "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: keep}\nspec:\n  containers: [{name: c, image: busybox}]\n")).ShouldSucceed();
        var before = (await kubectl.RunAsync("get", "pod", "p", "-n", "keep", "-o", "jsonpath={.metadata.uid} {.metadata.resourceVersion}")).ShouldSucceed().Out;

        await server.StopProcessAsync();
        await server.StartProcessAsync();

        Assert.Equal(before, (await kubectl.RunAsync("get", "pod", "p", "-n", "keep", "-o", "jsonpath={.metadata.uid} {.metadata.resourceVersion}")).ShouldSucceed().Out);
        Assert.Equal("durable", (await kubectl.RunAsync("get", "configmap", "settings", "-n", "keep", "-o", "jsonpath={.data.mode}")).ShouldSucceed().Out);
        // Writes continue with higher resource versions after the restart.
        (await kubectl.RunAsync("label", "pod", "p", "-n", "keep", "after=restart")).ShouldSucceed();
        var rv = long.Parse((await kubectl.RunAsync("get", "pod", "p", "-n", "keep", "-o", "jsonpath={.metadata.resourceVersion}")).ShouldSucceed().Out);
        Assert.True(rv > long.Parse(before.Split(' ')[1]));
    }

    [Fact]
    public async Task Every_acknowledged_create_survives_kill_9_mid_load()
    {
        await using var server = await OrcaServer.StartAsync();
        var acknowledged = new ConcurrentBag<string>();
        using (var http = server.CreateHttpClient())
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"load-{w}-{i}";
                    try
                    {
                        var response = await http.PostAsync("/api/v1/namespaces/default/pods", PodJson("default", name), stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add(name);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToArray();
            await Eventually.HoldsAsync(() => Task.FromResult(acknowledged.Count >= 400), TimeSpan.FromSeconds(60), "creates under load");
            await server.StopProcessAsync(kill: true);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= 400);

        await server.StartProcessAsync();
        using var kubectl = new Kubectl(server);
        var names = (await kubectl.RunAsync("get", "pods", "-n", "default", "-l", "load=yes", "-o", "name")).ShouldSucceed()
            .Out.Split('\n').Select(l => l.Replace("pod/", "")).ToHashSet();
        var missing = acknowledged.Where(a => !names.Contains(a)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged pods lost, e.g. {string.Join(", ", missing.Take(5))}");
    }
}
