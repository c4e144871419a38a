using System.Net;
using System.Text;
using System.Text.Json;

namespace Orca.E2E.Tests;

/// <summary>Bad input gets a Kubernetes Status with the right code and reason, and changes nothing.</summary>
public sealed class BadInputTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private static StringContent Json(string body, string type = "application/json") => new(body, Encoding.UTF8, type);

    private static async Task<JsonElement> StatusOf(HttpResponseMessage r, HttpStatusCode code, string reason)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(code == r.StatusCode, $"expected {code}, got {r.StatusCode}: {body}");
        var status = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("Failure", status.GetProperty("status").GetString());
        Assert.Equal(reason, status.GetProperty("reason").GetString());
        Assert.Equal((int)code, status.GetProperty("code").GetInt32());
        return status;
    }

    /// <summary>The list's resourceVersion and item count: unchanged means nothing was written.</summary>
    private static async Task<(string Rv, int Count)> SnapshotAsync(HttpClient http, string ns)
    {
        var list = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/namespaces/{ns}/pods")).RootElement;
        return (list.GetProperty("metadata").GetProperty("resourceVersion").GetString()!, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Each_bad_request_gets_its_status_and_leaves_the_store_unchanged()
    {
        var ns = await fx.NamespaceAsync("bad");
        using var http = fx.Server.CreateHttpClient();
        var url = $"/api/v1/namespaces/{ns}/pods";
        var good = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"ok"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""";
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync(url, Json(good))).StatusCode);
        var before = await SnapshotAsync(http, ns);

        await StatusOf(await http.PostAsync(url, Json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",")), HttpStatusCode.BadRequest, "BadRequest");
        await StatusOf(await http.PostAsync(url, Json("kind: Pod\nmetadata: [unclosed", "application/yaml")), HttpStatusCode.BadRequest, "BadRequest");

        var invalidName = await StatusOf(await http.PostAsync(url, Json(good.Replace("\"ok\"", "\"Bad_Name\""))), HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("metadata.name: Invalid value: \"Bad_Name\"", invalidName.GetProperty("message").GetString());
        Assert.Equal("metadata.name", invalidName.GetProperty("details").GetProperty("causes")[0].GetProperty("field").GetString());

        var noContainers = await StatusOf(await http.PostAsync(url, Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"empty"},"spec":{"containers":[]}}""")),
            HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("spec.containers: Required value", noContainers.GetProperty("message").GetString());

        var wrongType = await StatusOf(await http.PostAsync(url, Json(good.Replace("\"image\":\"busybox\"", "\"image\":42"))), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("cannot be handled as a Pod", wrongType.GetProperty("message").GetString());

        var strict = await StatusOf(await http.PostAsync(url + "?fieldValidation=Strict", Json(good.Replace("\"ok\"", "\"strict\"").Replace("\"spec\":{", "\"spec\":{\"bogus\":1,"))),
            HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("unknown field \"spec.bogus\"", strict.GetProperty("message").GetString());

        await StatusOf(await http.PostAsync(url, Json(good)), HttpStatusCode.Conflict, "AlreadyExists");

        var huge = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"huge\",\"annotations\":{\"a\":\"" + new string('x', 4 * 1024 * 1024) + "\"}}}";
        await StatusOf(await http.PostAsync(url, Json(huge)), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");

        var current = JsonDocument.Parse(await http.GetStringAsync($"{url}/ok")).RootElement;
        var stale = good.Replace("\"name\":\"ok\"}", "\"name\":\"ok\",\"resourceVersion\":\"1\",\"labels\":{\"x\":\"y\"}}");
        var conflict = await StatusOf(await http.PutAsync($"{url}/ok", Json(stale)), HttpStatusCode.Conflict, "Conflict");
        Assert.Contains("the object has been modified", conflict.GetProperty("message").GetString());

        await StatusOf(await http.PatchAsync($"{url}/ok", Json("{", "application/merge-patch+json")), HttpStatusCode.BadRequest, "BadRequest");
        await StatusOf(await http.PatchAsync($"{url}/ok", Json("{}", "text/plain")), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        await StatusOf(await http.GetAsync($"{url}/missing"), HttpStatusCode.NotFound, "NotFound");
        await StatusOf(await http.GetAsync($"{url}?labelSelector=a%20in%20(("), HttpStatusCode.BadRequest, "BadRequest");
        await StatusOf(await http.GetAsync($"{url}?watch=true&resourceVersion=notanumber"), HttpStatusCode.BadRequest, "BadRequest");

        Assert.Equal(before, await SnapshotAsync(http, ns));
        Assert.Equal(current.GetProperty("metadata").GetProperty("resourceVersion").GetString(),
            JsonDocument.Parse(await http.GetStringAsync($"{url}/ok")).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task Unknown_fields_follow_field_validation()
    {
        var ns = await fx.NamespaceAsync("fv");
        using var http = fx.Server.CreateHttpClient();
        string Body(string name) => $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"bogus":true,"containers":[{"name":"c","image":"busybox","extra":1}]}}""";

        var warn = await http.PostAsync($"/api/v1/namespaces/{ns}/pods", Json(Body("warn")));
        Assert.Equal(HttpStatusCode.Created, warn.StatusCode);
        var warnings = warn.Headers.TryGetValues("Warning", out var w) ? w.ToList() : [];
        Assert.Contains(warnings, h => h.Contains("unknown field \\\"spec.bogus\\\""));
        Assert.Contains(warnings, h => h.Contains("unknown field \\\"spec.containers[0].extra\\\""));

        var ignore = await http.PostAsync($"/api/v1/namespaces/{ns}/pods?fieldValidation=Ignore", Json(Body("ignore")));
        Assert.Equal(HttpStatusCode.Created, ignore.StatusCode);
        Assert.False(ignore.Headers.Contains("Warning"));

        var strict = await http.PostAsync($"/api/v1/namespaces/{ns}/pods?fieldValidation=Strict", Json(Body("strict")));
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/namespaces/{ns}/pods/strict")).StatusCode);

        // kubectl sends fieldValidation=Strict and prints the server's error.
        var r = await fx.Kubectl.RunAsync(["apply", "-f", "-"], $"apiVersion: v1\nkind: Pod\nmetadata: {{name: k, namespace: {ns}}}\nspec:\n  bogus: 1\n  containers: [{{name: c, image: busybox}}]\n");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("unknown field \"spec.bogus\"", r.Stderr);
    }

    [Fact]
    public async Task Garbage_never_gets_a_500()
    {
        var ns = await fx.NamespaceAsync("junk");
        using var http = fx.Server.CreateHttpClient();
        var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var i = 'b'; i <= 'j'; i++) laughs += $"{i}: &{i} [*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)},*{(char)(i - 1)}]\n";
        var bodies = new (string Body, string Type)[]
        {
            ("null", "application/json"), ("[]", "application/json"), ("42", "application/json"), ("\"x\"", "application/json"),
            (new string('[', 5000) + new string(']', 5000), "application/json"),
            ("{\"metadata\":5}", "application/json"), ("{\"metadata\":{\"name\":7}}", "application/json"),
            ("{\"kind\":\"Pod\",\"spec\":{\"containers\":\"no\"}}", "application/json"),
            ("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"z\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"resources\":{\"limits\":{\"cpu\":[1]}}}]}}", "application/json"),
            (laughs, "application/yaml"), ("\t- : :", "application/yaml"), ("k8s\u0000garbage", "application/vnd.kubernetes.protobuf"),
        };
        foreach (var (body, type) in bodies)
        {
            foreach (var (method, path) in new[] { (HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods"), (HttpMethod.Put, $"/api/v1/namespaces/{ns}/pods/z"),
                         (HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods/z/binding"), (HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/z") })
            {
                using var request = new HttpRequestMessage(method, path) { Content = Json(body, type) };
                using var response = await http.SendAsync(request);
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} with {body[..Math.Min(40, body.Length)]} answered {(int)response.StatusCode}");
            }
            foreach (var patchType in new[] { "application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json", "application/apply-patch+yaml" })
            {
                using var response = await http.PatchAsync($"/api/v1/namespaces/{ns}/pods/z?fieldManager=t", Json(body, patchType));
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"PATCH {patchType} with {body[..Math.Min(40, body.Length)]} answered {(int)response.StatusCode}");
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }
}
