using System.Net;
using System.Text;

namespace Orca.PodStartBench;

/// <summary>The benchmark pod (busybox sleep, bound to the bench node) as JSON for Orca and YAML for podman.</summary>
internal static class BenchPod
{
    public const string Path = "/api/v1/namespaces/default/pods";

    public static string Json(string name, string node) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"nodeName":"{{{node}}}","terminationGracePeriodSeconds":0,"restartPolicy":"Always","containers":[{"name":"app","image":"busybox:bench","imagePullPolicy":"IfNotPresent","command":["sleep","3600"]}]}}""";

    public static string Yaml(string name) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          terminationGracePeriodSeconds: 0
          restartPolicy: Always
          containers:
          - name: app
            image: localhost/busybox:bench
            imagePullPolicy: IfNotPresent
            command: ["sleep", "3600"]

        """;

    public static async Task CreateAsync(HttpClient client, string name, string node, CancellationToken ct)
    {
        using var content = new StringContent(Json(name, node), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Path, content, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"create {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    public static async Task DeleteAsync(HttpClient client, string name, CancellationToken ct)
    {
        using var response = await client.DeleteAsync($"{Path}/{name}", ct);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
            throw new InvalidOperationException($"delete {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
