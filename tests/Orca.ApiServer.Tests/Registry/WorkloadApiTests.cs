using System.Net;
using System.Text;
using System.Text.Json;

namespace Orca.ApiServer.Tests.Registry;

/// <summary>The workload kinds over HTTP: generation, /status, /scale, discovery and the Priority admission.</summary>
public sealed class WorkloadApiTests : IAsyncLifetime
{
    private InProcessApi _api = null!;
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"busybox:1"}]}}}}
        """;

    public async Task InitializeAsync() => _api = await InProcessApi.StartAsync();
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static long Generation(JsonElement obj) => obj.GetProperty("metadata").GetProperty("generation").GetInt64();

    private async Task<JsonElement> Ok(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var (code, result) = await _api.SendAsync(method, path, body, contentType);
        Assert.True(code is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path}: {code} {result}");
        return result;
    }

    [Fact]
    public async Task Spec_changes_bump_generation_while_metadata_and_status_writes_do_not()
    {
        Assert.Equal(1, Generation(await Ok(HttpMethod.Post, Deployments, Deployment)));
        Assert.Equal(1, Generation(await Ok(HttpMethod.Patch, $"{Deployments}/web", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json")));
        var status = await Ok(HttpMethod.Patch, $"{Deployments}/web/status",
            """{"status":{"observedGeneration":1,"replicas":2,"readyReplicas":1},"spec":{"replicas":9},"metadata":{"labels":{"c":"d"}}}""", "application/merge-patch+json");
        Assert.Equal(1, Generation(status));
        Assert.Equal(2, status.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.False(status.GetProperty("metadata").GetProperty("labels").TryGetProperty("c", out _));
        Assert.Equal(1, status.GetProperty("status").GetProperty("readyReplicas").GetInt32());
        var changed = await Ok(HttpMethod.Patch, $"{Deployments}/web",
            """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox:2"}]}}},"status":{"replicas":7}}""", "application/strategic-merge-patch+json");
        Assert.Equal(2, Generation(changed));
        Assert.Equal(2, changed.GetProperty("status").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task A_spec_map_written_in_another_key_order_is_no_spec_change()
    {
        var created = await Ok(HttpMethod.Post, Deployments, Deployment);
        var selected = await Ok(HttpMethod.Patch, $"{Deployments}/web",
            """{"spec":{"template":{"spec":{"nodeSelector":{"a":"1","b":"2"}}}}}""", "application/merge-patch+json");
        Assert.Equal(2, Generation(selected));
        var node = System.Text.Json.Nodes.JsonNode.Parse(selected.GetRawText())!;
        node["spec"]!["template"]!["spec"]!["nodeSelector"] = new System.Text.Json.Nodes.JsonObject { ["b"] = "2", ["a"] = "1" };
        node["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["relabelled"] = "yes" };

        var reordered = await Ok(HttpMethod.Put, $"{Deployments}/web", node.ToJsonString());

        Assert.Equal(2, Generation(reordered));
        Assert.Equal("yes", reordered.GetProperty("metadata").GetProperty("labels").GetProperty("relabelled").GetString());
        Assert.Equal(1, Generation(created));
    }

    [Fact]
    public async Task Deployment_status_writes_carry_the_revision_annotation_but_not_labels()
    {
        await Ok(HttpMethod.Post, Deployments, Deployment);
        var status = await Ok(HttpMethod.Patch, $"{Deployments}/web/status",
            """{"metadata":{"annotations":{"deployment.kubernetes.io/revision":"1"},"labels":{"c":"d"}},"status":{"replicas":2}}""", "application/merge-patch+json");
        Assert.Equal("1", status.GetProperty("metadata").GetProperty("annotations").GetProperty("deployment.kubernetes.io/revision").GetString());
        Assert.False(status.GetProperty("metadata").TryGetProperty("labels", out var labels) && labels.TryGetProperty("c", out _));
    }

    [Fact]
    public async Task Concurrent_patches_without_a_resource_version_all_apply()
    {
        await Ok(HttpMethod.Post, Deployments, Deployment);
        var patches = Enumerable.Range(0, 24).Select(i => _api.SendAsync(HttpMethod.Patch, $"{Deployments}/web",
            "{\"metadata\":{\"labels\":{\"l" + i + "\":\"v\"}}}", "application/merge-patch+json"));
        var answers = await Task.WhenAll(patches);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Item1));
        var labels = (await Ok(HttpMethod.Get, $"{Deployments}/web")).GetProperty("metadata").GetProperty("labels");
        Assert.All(Enumerable.Range(0, 24), i => Assert.True(labels.TryGetProperty("l" + i, out _), $"label l{i}"));
    }

    [Fact]
    public async Task Scale_reads_and_writes_spec_replicas()
    {
        await Ok(HttpMethod.Post, Deployments, Deployment);
        var scale = await Ok(HttpMethod.Get, $"{Deployments}/web/scale");
        Assert.Equal(("autoscaling/v1", "Scale"), (scale.GetProperty("apiVersion").GetString(), scale.GetProperty("kind").GetString()));
        Assert.Equal(2, scale.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal("app=web", scale.GetProperty("status").GetProperty("selector").GetString());

        var patched = await Ok(HttpMethod.Patch, $"{Deployments}/web/scale", """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(5, patched.GetProperty("spec").GetProperty("replicas").GetInt32());
        var deployment = await Ok(HttpMethod.Get, $"{Deployments}/web");
        Assert.Equal((5, 2L), (deployment.GetProperty("spec").GetProperty("replicas").GetInt32(), Generation(deployment)));

        // kubectl scale --current-replicas sends a PUT without Content-Type; a stale resourceVersion is a conflict.
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Deployments}/web/scale")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","resourceVersion":"1"},"spec":{"replicas":1}}""")),
        };
        using var conflict = await _api.Http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var rv = patched.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        using var fresh = new HttpRequestMessage(HttpMethod.Put, $"{Deployments}/web/scale")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$$"""{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","resourceVersion":"{{{rv}}}"},"spec":{"replicas":1}}""")),
        };
        using var put = await _api.Http.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var (code, invalid) = await _api.SendAsync(HttpMethod.Patch, $"{Deployments}/web/scale", """{"spec":{"replicas":-1}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", invalid.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Discovery_lists_short_names_categories_and_the_scale_subresource()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        using var response = await _api.Http.SendAsync(request);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var apps = doc.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("metadata").GetProperty("name").GetString() == "apps");
        var resources = apps.GetProperty("versions")[0].GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets"], resources.Select(r => r.GetProperty("resource").GetString()));
        var deployments = resources.Single(r => r.GetProperty("resource").GetString() == "deployments");
        Assert.Equal("deploy", deployments.GetProperty("shortNames")[0].GetString());
        Assert.Equal("all", deployments.GetProperty("categories")[0].GetString());
        var scale = deployments.GetProperty("subresources").EnumerateArray().Single(s => s.GetProperty("subresource").GetString() == "scale");
        Assert.Equal(("autoscaling", "Scale"), (scale.GetProperty("responseKind").GetProperty("group").GetString(), scale.GetProperty("responseKind").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task The_system_priority_classes_exist_from_the_start()
    {
        var list = await Ok(HttpMethod.Get, "/apis/scheduling.k8s.io/v1/priorityclasses");
        var values = list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("metadata").GetProperty("name").GetString()!, i => i.GetProperty("value").GetInt64());
        Assert.Equal(2_000_000_000, values["system-cluster-critical"]);
        Assert.Equal(2_000_001_000, values["system-node-critical"]);
    }

    private static string Pod(string name, string? className = null, int? priority = null)
    {
        var extra = (className is null ? "" : $"\"priorityClassName\":\"{className}\",") + (priority is null ? "" : $"\"priority\":{priority},");
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + extra
            + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\"}]}}";
    }

    [Fact]
    public async Task Pods_get_their_priority_from_the_priority_class()
    {
        var plain = await Ok(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("plain"));
        Assert.Equal((0, "PreemptLowerPriority"), (plain.GetProperty("spec").GetProperty("priority").GetInt32(), plain.GetProperty("spec").GetProperty("preemptionPolicy").GetString()));

        await Ok(HttpMethod.Post, "/apis/scheduling.k8s.io/v1/priorityclasses",
            """{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"batch"},"value":100,"preemptionPolicy":"Never"}""");
        var high = await Ok(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("batchy", "batch"));
        Assert.Equal((100, "Never"), (high.GetProperty("spec").GetProperty("priority").GetInt32(), high.GetProperty("spec").GetProperty("preemptionPolicy").GetString()));
        var critical = await Ok(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("critical", "system-node-critical"));
        Assert.Equal(2_000_001_000, critical.GetProperty("spec").GetProperty("priority").GetInt32());

        var (code, unknown) = await _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("lost", "nope"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("pods \"lost\" is forbidden: no PriorityClass with name nope was found", unknown.GetProperty("message").GetString());
        var (mismatch, body) = await _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("liar", "batch", 7));
        Assert.Equal(HttpStatusCode.Forbidden, mismatch);
        Assert.Equal("pods \"liar\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_global_default_class_applies_to_pods_without_one_and_only_one_default_may_exist()
    {
        const string classes = "/apis/scheduling.k8s.io/v1/priorityclasses";
        await Ok(HttpMethod.Post, classes, """{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"normal"},"value":10,"globalDefault":true}""");
        var pod = await Ok(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("defaulted"));
        Assert.Equal((10, "normal"), (pod.GetProperty("spec").GetProperty("priority").GetInt32(), pod.GetProperty("spec").GetProperty("priorityClassName").GetString()));

        var (code, second) = await _api.SendAsync(HttpMethod.Post, classes,
            """{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"other"},"value":20,"globalDefault":true}""");
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass normal is already marked as default. Only one default can exist",
            second.GetProperty("message").GetString());
        await Ok(HttpMethod.Post, classes, """{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"other"},"value":20}""");
        var (update, _) = await _api.SendAsync(HttpMethod.Patch, $"{classes}/other", """{"globalDefault":true}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.Forbidden, update);
    }

    [Fact]
    public async Task New_pods_tolerate_not_ready_and_unreachable_nodes_for_300_seconds_unless_they_say_otherwise()
    {
        var pod = await Ok(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("tolerant"));
        var tolerations = pod.GetProperty("spec").GetProperty("tolerations").EnumerateArray()
            .Select(t => (t.GetProperty("key").GetString(), t.GetProperty("operator").GetString(), t.GetProperty("effect").GetString(), t.GetProperty("tolerationSeconds").GetInt64()));
        Assert.Equal(
        [
            ("node.kubernetes.io/not-ready", "Exists", "NoExecute", 300L),
            ("node.kubernetes.io/unreachable", "Exists", "NoExecute", 300L),
        ], tolerations);
        var own = await Ok(HttpMethod.Post, "/api/v1/namespaces/default/pods",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"own"},"spec":{"tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":10}],"containers":[{"name":"c","image":"busybox:1"}]}}""");
        var keys = own.GetProperty("spec").GetProperty("tolerations").EnumerateArray().Select(t => (t.GetProperty("key").GetString(), t.GetProperty("tolerationSeconds").GetInt64()));
        Assert.Equal([("node.kubernetes.io/unreachable", 10L), ("node.kubernetes.io/not-ready", 300L)], keys);
    }

    [Fact]
    public async Task Jobs_get_a_generated_selector_and_a_status_subresource()
    {
        var job = await Ok(HttpMethod.Post, "/apis/batch/v1/namespaces/default/jobs",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1"}]}}}}""");
        var uid = job.GetProperty("metadata").GetProperty("uid").GetString();
        Assert.Equal(uid, job.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels").GetProperty("batch.kubernetes.io/controller-uid").GetString());
        Assert.Equal("pi", job.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels").GetProperty("job-name").GetString());
        var status = await Ok(HttpMethod.Patch, "/apis/batch/v1/namespaces/default/jobs/pi/status",
            """{"status":{"active":1,"startTime":"2025-01-01T00:00:00Z"}}""", "application/merge-patch+json");
        Assert.Equal((1, 1L), (status.GetProperty("status").GetProperty("active").GetInt32(), Generation(status)));
    }

    [Fact]
    public async Task Jobs_and_replica_sets_select_by_their_status_counts()
    {
        await Ok(HttpMethod.Post, "/apis/batch/v1/namespaces/default/jobs",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1"}]}}}}""");
        await Ok(HttpMethod.Patch, "/apis/batch/v1/namespaces/default/jobs/pi/status", """{"status":{"succeeded":1}}""", "application/merge-patch+json");
        var done = await Ok(HttpMethod.Get, "/apis/batch/v1/namespaces/default/jobs?fieldSelector=status.successful%3D1");
        Assert.Equal("pi", done.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString());
        Assert.Empty((await Ok(HttpMethod.Get, "/apis/batch/v1/namespaces/default/jobs?fieldSelector=status.successful%3D0")).GetProperty("items").EnumerateArray());
        var (code, _) = await _api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/replicasets?fieldSelector=status.ready%3D0");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/replicasets?fieldSelector=status.replicas%3D0")).Code);
    }
}
