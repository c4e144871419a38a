using System.Net;
using System.Text;

namespace Orca.Bench;

/// <summary>The pod the benchmark writes: one container, a few labels, requests, a port — kubectl-run sized.</summary>
internal static class Pods
{
    public const string Path = "/api/v1/namespaces/default/pods";

    private const string Template =
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","labels":{"app":"bench","tier":"web","run":"NAME"}},"spec":{"containers":[{"name":"app","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}],"restartPolicy":"Always"}}""";

    public static string Json(string name) => Template.Replace("NAME", name, StringComparison.Ordinal);

    /// <summary>POSTs one pod; returns the status code (0 when the request itself failed).</summary>
    public static async Task<(HttpStatusCode Status, string? Error)> CreateAsync(HttpClient client, string name, CancellationToken ct)
    {
        try
        {
            using var content = new StringContent(Json(name), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(Path, content, ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                await response.Content.CopyToAsync(Stream.Null, ct);
                return (response.StatusCode, null);
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode, body.Length > 300 ? body[..300] : body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (0, e.Message);
        }
    }
}
