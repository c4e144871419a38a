using System.Net;
using System.Text.Json;

namespace Orca.ApiServer.Tests.Registry;

/// <summary>Object metadata as Kubernetes keeps it: generation, finalizers, generateName, preconditions, dry run.</summary>
public sealed class MetadataSemanticsTests : IAsyncLifetime
{
    private InProcessApi _api = null!;
    private const string Pods = "/api/v1/namespaces/default/pods";
    private const string Pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox:1"}]}}""";

    public async Task InitializeAsync() => _api = await InProcessApi.StartAsync();
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static long Generation(JsonElement obj) => obj.GetProperty("metadata").GetProperty("generation").GetInt64();

    [Fact]
    public async Task Generation_starts_at_one_and_moves_only_when_the_spec_changes()
    {
        var (code, created) = await _api.SendAsync(HttpMethod.Post, Pods, Pod);
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(1, Generation(created));
        var (_, labeled) = await _api.SendAsync(HttpMethod.Patch, $"{Pods}/p", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        Assert.Equal(1, Generation(labeled));
        var (_, status) = await _api.SendAsync(HttpMethod.Patch, $"{Pods}/p/status", """{"status":{"phase":"Running"}}""", "application/merge-patch+json");
        Assert.Equal(1, Generation(status));
        var (_, imaged) = await _api.SendAsync(HttpMethod.Patch, $"{Pods}/p", """{"spec":{"containers":[{"name":"c","image":"busybox:2"}]}}""", "application/strategic-merge-patch+json");
        Assert.Equal(2, Generation(imaged));
        Assert.Equal("Running", imaged.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Concurrent_patches_without_a_resourceVersion_all_apply_and_a_stale_one_is_refused()
    {
        const string map = "/api/v1/namespaces/default/configmaps";
        var (created, body) = await _api.SendAsync(HttpMethod.Post, map, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"busy"}}""");
        Assert.Equal(HttpStatusCode.Created, created);
        var stale = body.GetProperty("metadata").GetProperty("resourceVersion").GetString();

        // Writers racing on one object: each patch is re-applied to the newest state, none gets a 409.
        var codes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _api.SendAsync(HttpMethod.Patch, $"{map}/busy",
            "{\"data\":{\"k" + i + "\":\"v\"}}", i % 2 == 0 ? "application/merge-patch+json" : "application/strategic-merge-patch+json")));
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c.Code));
        var (_, final) = await _api.SendAsync(HttpMethod.Get, $"{map}/busy");
        Assert.Equal(20, final.GetProperty("data").EnumerateObject().Count());

        var (conflict, _) = await _api.SendAsync(HttpMethod.Patch, $"{map}/busy",
            "{\"metadata\":{\"resourceVersion\":\"" + stale + "\"},\"data\":{\"late\":\"v\"}}", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.Conflict, conflict);
    }

    [Fact]
    public async Task Deletion_waits_for_finalizers_and_completes_when_the_last_goes()
    {
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","finalizers":["example.com/keep"]}}""";
        Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body)).Code);
        var (code, deleting) = await _api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/held");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(deleting.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));
        var (stillThere, _) = await _api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/held");
        Assert.Equal(HttpStatusCode.OK, stillThere);
        // Removing the last finalizer completes the deletion.
        var (patched, _) = await _api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/held",
            """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/held")).Code);
    }

    [Fact]
    public async Task GenerateName_adds_a_random_suffix()
    {
        var (code, created) = await _api.SendAsync(HttpMethod.Post, Pods, Pod.Replace("\"name\":\"p\"}", "\"generateName\":\"web-\"}"));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", created.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_preconditions_are_checked()
    {
        Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(HttpMethod.Post, Pods, Pod)).Code);
        var (code, status) = await _api.SendAsync(HttpMethod.Delete, $"{Pods}/p", """{"preconditions":{"uid":"not-the-uid"}}""");
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("Precondition failed: UID in precondition: not-the-uid", status.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"{Pods}/p")).Code);
    }

    [Fact]
    public async Task Dry_run_answers_as_if_written_but_stores_nothing()
    {
        var (code, created) = await _api.SendAsync(HttpMethod.Post, $"{Pods}?dryRun=All", Pod);
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("IfNotPresent", created.GetProperty("spec").GetProperty("containers")[0].GetProperty("imagePullPolicy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"{Pods}/p")).Code);
    }

    [Fact]
    public async Task Pod_defaults_follow_kubernetes()
    {
        var (_, pod) = await _api.SendAsync(HttpMethod.Post, Pods,
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"d"},"spec":{"containers":[{"name":"c","image":"busybox","ports":[{"containerPort":80}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}]}}""");
        var spec = pod.GetProperty("spec");
        Assert.Equal("Always", spec.GetProperty("restartPolicy").GetString());
        Assert.Equal(30, spec.GetProperty("terminationGracePeriodSeconds").GetInt32());
        Assert.Equal("ClusterFirst", spec.GetProperty("dnsPolicy").GetString());
        Assert.Equal("default-scheduler", spec.GetProperty("schedulerName").GetString());
        Assert.Equal("default", spec.GetProperty("serviceAccountName").GetString());
        Assert.True(spec.GetProperty("enableServiceLinks").GetBoolean());
        Assert.Equal(0, spec.GetProperty("priority").GetInt32());
        var c = spec.GetProperty("containers")[0];
        Assert.Equal("Always", c.GetProperty("imagePullPolicy").GetString());
        Assert.Equal("TCP", c.GetProperty("ports")[0].GetProperty("protocol").GetString());
        Assert.Equal("500m", c.GetProperty("resources").GetProperty("requests").GetProperty("cpu").GetString());
        Assert.Equal("Guaranteed", pod.GetProperty("status").GetProperty("qosClass").GetString());
        Assert.Equal(2, spec.GetProperty("tolerations").GetArrayLength());
    }

    [Fact]
    public async Task Quantities_are_normalised()
    {
        var (_, pod) = await _api.SendAsync(HttpMethod.Post, Pods,
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q"},"spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"1000m","memory":"1024Mi"}}}]}}""");
        var requests = pod.GetProperty("spec").GetProperty("containers")[0].GetProperty("resources").GetProperty("requests");
        Assert.Equal("1", requests.GetProperty("cpu").GetString());
        Assert.Equal("1Gi", requests.GetProperty("memory").GetString());
        var (code, bad) = await _api.SendAsync(HttpMethod.Post, Pods,
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q2"},"spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"lots"}}}]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("quantities must match the regular expression", bad.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Openapi_v2_is_json_for_json_clients_and_absent_for_protobuf_clients()
    {
        using var json = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        json.Headers.Accept.ParseAdd("application/json");
        using var ok = await _api.Http.SendAsync(json);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("2.0", JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("swagger").GetString());
        using var proto = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        proto.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.SendAsync(proto)).StatusCode);
    }
}
