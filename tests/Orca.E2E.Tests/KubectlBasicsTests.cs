using System.Text.Json;

namespace Orca.E2E.Tests;

/// <summary>What a user sees from the real kubectl: version, discovery, get/describe/explain.</summary>
public sealed class KubectlBasicsTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private static string PodYaml(string ns, string name = "web", string labels = "app: web") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            {labels}
        spec:
          containers:
          - name: nginx
            image: nginx:1.27
            ports:
            - containerPort: 80
          - name: sidecar
            image: busybox
            command: ["sleep", "3600"]
        """;

    [Fact]
    public async Task Version_reports_kubernetes_1_32()
    {
        var r = (await fx.Kubectl.RunAsync("version", "-o", "json")).ShouldSucceed();
        var server = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("serverVersion");
        Assert.Equal("1", server.GetProperty("major").GetString());
        Assert.Equal("32", server.GetProperty("minor").GetString());
        Assert.StartsWith("v1.32.", server.GetProperty("gitVersion").GetString());
    }

    [Fact]
    public async Task Api_resources_lists_the_served_kinds_with_short_names()
    {
        var r = (await fx.Kubectl.RunAsync("api-resources")).ShouldSucceed();
        var lines = r.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("pods ") && l.Contains(" po ") && l.Contains("true") && l.TrimEnd().EndsWith("Pod"));
        Assert.Contains(lines, l => l.StartsWith("namespaces ") && l.Contains("false"));
        Assert.Contains(lines, l => l.StartsWith("leases ") && l.Contains("coordination.k8s.io/v1"));
        Assert.Contains(lines, l => l.StartsWith("events ") && l.Contains("events.k8s.io/v1"));
    }

    [Fact]
    public async Task Builtin_namespaces_and_default_service_accounts_exist()
    {
        var ns = (await fx.Kubectl.RunAsync("get", "namespaces", "-o", "name")).ShouldSucceed().Out.Split('\n');
        foreach (var n in new[] { "default", "kube-system", "kube-public", "kube-node-lease" }) Assert.Contains($"namespace/{n}", ns);
        var created = await fx.NamespaceAsync("sa");
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("get", "serviceaccount", "default", "-n", created)).ExitCode == 0);
    }

    [Fact]
    public async Task Get_prints_tables_wide_yaml_json_jsonpath_and_custom_columns()
    {
        var ns = await fx.NamespaceAsync("get");
        (await fx.Kubectl.ApplyAsync(PodYaml(ns))).ShouldSucceed();

        var table = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns)).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", table[0]);
        Assert.Matches(@"^web\s+0/2\s+Pending\s+0\s+\d+s$", table[1]);

        var wide = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "wide")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$", wide[0]);
        Assert.Matches(@"^web\s+0/2\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$", wide[1]);

        var yaml = (await fx.Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o", "yaml")).ShouldSucceed().Stdout;
        Assert.Contains("kind: Pod", yaml);
        Assert.Contains("imagePullPolicy: IfNotPresent", yaml);
        Assert.Contains("terminationGracePeriodSeconds: 30", yaml);

        var json = JsonDocument.Parse((await fx.Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o", "json")).ShouldSucceed().Stdout).RootElement;
        Assert.Equal("Pending", json.GetProperty("status").GetProperty("phase").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("metadata").GetProperty("uid").GetString()));
        Assert.Equal("BestEffort", json.GetProperty("status").GetProperty("qosClass").GetString());

        var path = (await fx.Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.spec.containers[1].image}")).ShouldSucceed();
        Assert.Equal("busybox", path.Out);

        var cc = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "custom-columns=NAME:.metadata.name,POLICY:.spec.restartPolicy")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^web\s+Always$", cc[1]);
    }

    [Fact]
    public async Task Get_all_namespaces_label_and_field_selectors()
    {
        var ns = await fx.NamespaceAsync("sel");
        (await fx.Kubectl.ApplyAsync(PodYaml(ns, "a", "tier: front"))).ShouldSucceed();
        (await fx.Kubectl.ApplyAsync(PodYaml(ns, "b", "tier: back"))).ShouldSucceed();

        var all = (await fx.Kubectl.RunAsync("get", "pods", "-A")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAMESPACE\s+NAME\s+READY", all[0]);
        Assert.Contains(all, l => l.StartsWith(ns) && l.Contains(" a "));

        var front = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "tier=front", "-o", "name")).ShouldSucceed();
        Assert.Equal("pod/a", front.Out);
        var notFront = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "tier!=front", "-o", "name")).ShouldSucceed();
        Assert.Equal("pod/b", notFront.Out);
        var inSet = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "tier in (front,back)", "-o", "name")).ShouldSucceed();
        Assert.Equal("pod/a\npod/b", inSet.Out);

        var byName = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "metadata.name=b", "-o", "name")).ShouldSucceed();
        Assert.Equal("pod/b", byName.Out);
        var pending = (await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "status.phase=Pending", "-o", "name")).ShouldSucceed();
        Assert.Equal("pod/a\npod/b", pending.Out);
        var bad = await fx.Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "spec.foo=bar");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("field label not supported: spec.foo", bad.Stderr);
    }

    [Fact]
    public async Task Describe_shows_the_pod_and_its_events()
    {
        var ns = await fx.NamespaceAsync("desc");
        (await fx.Kubectl.ApplyAsync(PodYaml(ns))).ShouldSucceed();
        var uid = (await fx.Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.metadata.uid}")).ShouldSucceed().Out;
        var ev = $$"""
            apiVersion: v1
            kind: Event
            metadata: {name: web.1, namespace: {{ns}}}
            involvedObject: {kind: Pod, name: web, namespace: {{ns}}, uid: {{uid}}, apiVersion: v1}
            reason: Scheduled
            message: Successfully assigned {{ns}}/web to node-1
            type: Normal
            source: {component: default-scheduler}
            firstTimestamp: "2026-01-01T00:00:00Z"
            lastTimestamp: "2026-01-01T00:00:00Z"
            count: 1
            """;
        (await fx.Kubectl.RunAsync(["create", "-f", "-"], ev)).ShouldSucceed();
        var d = (await fx.Kubectl.RunAsync("describe", "pod", "web", "-n", ns)).ShouldSucceed().Stdout;
        Assert.Matches(@"Name:\s+web", d);
        Assert.Matches(@"Namespace:\s+" + ns, d);
        Assert.Matches(@"Status:\s+Pending", d);
        Assert.Contains("Events:", d);
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned " + ns + "/web to node-1", d);

        var events = (await fx.Kubectl.RunAsync("get", "events", "-n", ns)).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$", events[0]);
        Assert.Matches(@"Normal\s+Scheduled\s+pod/web\s+Successfully assigned", events[1]);
    }

    [Fact]
    public async Task Explain_walks_the_openapi_schema()
    {
        var r = (await fx.Kubectl.RunAsync("explain", "pod.spec.containers")).ShouldSucceed().Stdout;
        Assert.Contains("KIND:       Pod", r);
        Assert.Contains("FIELD: containers <[]Container>", r);
        Assert.Matches(@"image\s+<string>", r);
        Assert.Matches(@"livenessProbe\s+<Probe>", r);
    }

    [Fact]
    public async Task Anonymous_requests_get_401_but_health_and_version_are_open()
    {
        using var http = fx.Server.CreateHttpClient(authenticated: false);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/pods")).StatusCode);
        var status = JsonDocument.Parse(await (await http.GetAsync("/api/v1/pods")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("Unauthorized", status.GetProperty("reason").GetString());
        foreach (var p in new[] { "/healthz", "/livez", "/readyz", "/version" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(p)).StatusCode);
    }
}
