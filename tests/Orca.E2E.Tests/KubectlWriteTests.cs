using System.Diagnostics;
using System.Text.Json;

namespace Orca.E2E.Tests;

/// <summary>kubectl's write paths: apply (client- and server-side), label, annotate, patch, edit, replace, delete, wait, get -w.</summary>
public sealed class KubectlWriteTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private static string Pod(string ns, string name, string labels) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          labels: {labels}
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sleep", "3600"]
            ports:
            - containerPort: 8080
        """;

    private Task<KubectlResult> K(params string[] args) => fx.Kubectl.RunAsync(args);

    private async Task<string> Jsonpath(string ns, string obj, string path) =>
        (await K("get", obj, "-n", ns, "-o", $"jsonpath={path}")).ShouldSucceed().Out;

    [Fact]
    public async Task Apply_creates_configures_and_leaves_unchanged()
    {
        var ns = await fx.NamespaceAsync("apply");
        Assert.Equal("pod/web created", (await fx.Kubectl.ApplyAsync(Pod(ns, "web", "{app: web}"))).ShouldSucceed().Out);
        Assert.Equal("pod/web configured", (await fx.Kubectl.ApplyAsync(Pod(ns, "web", "{app: web, version: v2}"))).ShouldSucceed().Out);
        Assert.Equal("v2", await Jsonpath(ns, "pod/web", "{.metadata.labels.version}"));
        Assert.Equal("pod/web unchanged", (await fx.Kubectl.ApplyAsync(Pod(ns, "web", "{app: web, version: v2}"))).ShouldSucceed().Out);
        // Removing a label from the applied configuration removes it from the object.
        Assert.Equal("pod/web configured", (await fx.Kubectl.ApplyAsync(Pod(ns, "web", "{app: web}"))).ShouldSucceed().Out);
        Assert.Equal("", await Jsonpath(ns, "pod/web", "{.metadata.labels.version}"));
    }

    [Fact]
    public async Task Server_side_apply_creates_updates_and_reports_conflicts()
    {
        var ns = await fx.NamespaceAsync("ssa");
        Assert.Equal("pod/ssa serverside-applied", (await fx.Kubectl.ApplyAsync(Pod(ns, "ssa", "{app: one}"), "--server-side")).ShouldSucceed().Out);
        Assert.Equal("pod/ssa serverside-applied", (await fx.Kubectl.ApplyAsync(Pod(ns, "ssa", "{app: two}"), "--server-side")).ShouldSucceed().Out);
        Assert.Equal("two", await Jsonpath(ns, "pod/ssa", "{.metadata.labels.app}"));
        var managers = await Jsonpath(ns, "pod/ssa", "{.metadata.managedFields[*].manager}");
        Assert.Contains("kubectl", managers);

        var conflict = await fx.Kubectl.ApplyAsync(Pod(ns, "ssa", "{app: three}"), "--server-side", "--field-manager=other");
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict", conflict.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("two", await Jsonpath(ns, "pod/ssa", "{.metadata.labels.app}"));
        (await fx.Kubectl.ApplyAsync(Pod(ns, "ssa", "{app: three}"), "--server-side", "--field-manager=other", "--force-conflicts")).ShouldSucceed();
        Assert.Equal("three", await Jsonpath(ns, "pod/ssa", "{.metadata.labels.app}"));
    }

    [Fact]
    public async Task Label_annotate_and_the_three_patch_types()
    {
        var ns = await fx.NamespaceAsync("patch");
        (await fx.Kubectl.ApplyAsync(Pod(ns, "p", "{app: p}"))).ShouldSucceed();
        Assert.Equal("pod/p labeled", (await K("label", "pod", "p", "-n", ns, "env=prod")).ShouldSucceed().Out);
        Assert.Equal("pod/p annotated", (await K("annotate", "pod", "p", "-n", ns, "note=hello")).ShouldSucceed().Out);
        (await K("label", "pod", "p", "-n", ns, "env-")).ShouldSucceed();
        Assert.Equal("", await Jsonpath(ns, "pod/p", "{.metadata.labels.env}"));
        Assert.Equal("hello", await Jsonpath(ns, "pod/p", "{.metadata.annotations.note}"));

        (await K("patch", "pod", "p", "-n", ns, "-p", """{"spec":{"containers":[{"name":"app","image":"busybox:1.37"}]}}""")).ShouldSucceed();
        Assert.Equal("busybox:1.37", await Jsonpath(ns, "pod/p", "{.spec.containers[0].image}"));
        Assert.Equal("8080", await Jsonpath(ns, "pod/p", "{.spec.containers[0].ports[0].containerPort}"));

        (await K("patch", "pod", "p", "-n", ns, "--type=merge", "-p", """{"metadata":{"labels":{"m":"1"}}}""")).ShouldSucceed();
        Assert.Equal("1", await Jsonpath(ns, "pod/p", "{.metadata.labels.m}"));

        (await K("patch", "pod", "p", "-n", ns, "--type=json", "-p", """[{"op":"replace","path":"/metadata/labels/m","value":"2"}]""")).ShouldSucceed();
        Assert.Equal("2", await Jsonpath(ns, "pod/p", "{.metadata.labels.m}"));

        var bad = await K("patch", "pod", "p", "-n", ns, "--type=json", "-p", """[{"op":"test","path":"/metadata/labels/m","value":"9"}]""");
        Assert.NotEqual(0, bad.ExitCode);

        var forbidden = await K("patch", "pod", "p", "-n", ns, "-p", """{"spec":{"restartPolicy":"Never"}}""");
        Assert.NotEqual(0, forbidden.ExitCode);
        Assert.Contains("is invalid", forbidden.Stderr);
        Assert.Contains("pod updates may not change fields", forbidden.Stderr);
    }

    [Fact]
    public async Task Edit_with_an_editor_script_and_replace()
    {
        var ns = await fx.NamespaceAsync("edit");
        (await fx.Kubectl.ApplyAsync(Pod(ns, "e", "{app: e}"))).ShouldSucceed();
        var editor = Path.Combine(fx.Kubectl.Home, "editor.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/app: e$/app: edited/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var edit = (await fx.Kubectl.RunAsync(["edit", "pod", "e", "-n", ns], null, new Dictionary<string, string> { ["EDITOR"] = editor })).ShouldSucceed();
        Assert.Equal("pod/e edited", edit.Out);
        Assert.Equal("edited", await Jsonpath(ns, "pod/e", "{.metadata.labels.app}"));

        var current = (await K("get", "pod", "e", "-n", ns, "-o", "yaml")).ShouldSucceed().Stdout;
        var replaced = current.Replace("app: edited", "app: replaced");
        Assert.Equal("pod/e replaced", (await fx.Kubectl.RunAsync(["replace", "-f", "-"], replaced)).ShouldSucceed().Out);
        Assert.Equal("replaced", await Jsonpath(ns, "pod/e", "{.metadata.labels.app}"));
        // The same stale manifest again: its resourceVersion is old now.
        var stale = await fx.Kubectl.RunAsync(["replace", "-f", "-"], current);
        Assert.NotEqual(0, stale.ExitCode);
        Assert.Contains("the object has been modified", stale.Stderr);
    }

    [Fact]
    public async Task Get_watch_shows_later_changes()
    {
        var ns = await fx.NamespaceAsync("watch");
        (await fx.Kubectl.ApplyAsync(Pod(ns, "w", "{app: w}"))).ShouldSucceed();
        var psi = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "get", "pods", "-n", ns, "-w", "--show-labels" }) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = fx.Server.Kubeconfig;
        psi.Environment["HOME"] = fx.Kubectl.Home;
        using var watch = Process.Start(psi)!;
        try
        {
            var lines = new List<string>();
            var header = await watch.StandardOutput.ReadLineAsync();
            Assert.Matches(@"^NAME\s+READY\s+STATUS", header);
            lines.Add((await watch.StandardOutput.ReadLineAsync())!);
            (await K("label", "pod", "w", "-n", ns, "seen=yes")).ShouldSucceed();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var changed = await watch.StandardOutput.ReadLineAsync(cts.Token);
            Assert.Matches(@"^w\s+0/1\s+Pending\s+0\s+\S+\s+app=w,seen=yes$", changed);
        }
        finally
        {
            watch.Kill();
            await watch.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Delete_is_graceful_for_a_pod_on_a_node_and_force_removes_it()
    {
        var ns = await fx.NamespaceAsync("del");
        (await fx.Kubectl.ApplyAsync(Pod(ns, "bound", "{app: d}"))).ShouldSucceed();
        using var http = fx.Server.CreateHttpClient();
        var binding = new StringContent("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"bound"},"target":{"kind":"Node","name":"node-1"}}""",
            System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await http.PostAsync($"/api/v1/namespaces/{ns}/pods/bound/binding", binding)).StatusCode);
        Assert.Equal("node-1", await Jsonpath(ns, "pod/bound", "{.spec.nodeName}"));

        (await K("delete", "pod", "bound", "-n", ns, "--wait=false")).ShouldSucceed();
        var table = (await K("get", "pod", "bound", "-n", ns)).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^bound\s+0/1\s+Terminating\s+", table[1]);
        Assert.Equal("30", await Jsonpath(ns, "pod/bound", "{.metadata.deletionGracePeriodSeconds}"));

        var wait = fx.Kubectl.RunAsync(["wait", "--for=delete", "pod/bound", "-n", ns, "--timeout=30s"], null);
        var force = (await K("delete", "pod", "bound", "-n", ns, "--grace-period=0", "--force")).ShouldSucceed();
        Assert.Contains("force deleted", force.Out);
        (await wait).ShouldSucceed();
        Assert.Contains("NotFound", (await K("get", "pod", "bound", "-n", ns)).Stderr);
    }

    [Fact]
    public async Task Delete_of_an_unscheduled_pod_is_immediate()
    {
        var ns = await fx.NamespaceAsync("del2");
        (await fx.Kubectl.ApplyAsync(Pod(ns, "free", "{app: d}"))).ShouldSucceed();
        Assert.Equal("pod \"free\" deleted", (await K("delete", "pod", "free", "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("No resources found in " + ns + " namespace.", (await K("get", "pods", "-n", ns)).Stderr.Trim());
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_not_found()
    {
        var r = await fx.Kubectl.ApplyAsync(Pod("nope-" + Guid.NewGuid().ToString("N")[..6], "x", "{a: b}"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Matches("Error from server \\(NotFound\\).*namespaces \"nope-\\w+\" not found", r.Stderr);
    }

    [Fact]
    public async Task Configmaps_secrets_and_services_round_trip()
    {
        var ns = await fx.NamespaceAsync("cfg");
        var yaml = $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: {{ns}}}
            data: {a: "1", b: two}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: {{ns}}}
            stringData: {password: hunter2}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc, namespace: {{ns}}}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;
        (await fx.Kubectl.ApplyAsync(yaml)).ShouldSucceed();
        var cm = (await K("get", "configmap", "-n", ns)).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^c\s+2\s+\d+s$", cm[1]);
        Assert.Equal("aHVudGVyMg==", await Jsonpath(ns, "secret/s", "{.data.password}"));
        Assert.Equal("Opaque", await Jsonpath(ns, "secret/s", "{.type}"));
        var svc = (await K("get", "svc", "svc", "-n", ns)).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$", svc[0]);
        Assert.Matches(@"^svc\s+ClusterIP\s+\S+\s+<none>\s+80/TCP\s+\d+s$", svc[1]);
    }
}

/// <summary>kubectl's generators send Kubernetes protobuf bodies; the server decodes them.</summary>
public sealed class KubectlCreateTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Create_namespace_configmap_secret_serviceaccount_and_service()
    {
        var ns = "made-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal($"namespace/{ns} created", (await fx.Kubectl.RunAsync("create", "namespace", ns)).ShouldSucceed().Out);
        Assert.Equal("configmap/cfg created", (await fx.Kubectl.RunAsync("create", "configmap", "cfg", "-n", ns, "--from-literal=a=1", "--from-literal=b=2")).ShouldSucceed().Out);
        Assert.Equal("secret/s created", (await fx.Kubectl.RunAsync("create", "secret", "generic", "s", "-n", ns, "--from-literal=k=v")).ShouldSucceed().Out);
        Assert.Equal("serviceaccount/robot created", (await fx.Kubectl.RunAsync("create", "serviceaccount", "robot", "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("service/web created", (await fx.Kubectl.RunAsync("create", "service", "clusterip", "web", "-n", ns, "--tcp=80:8080")).ShouldSucceed().Out);
        Assert.Equal("1", (await fx.Kubectl.RunAsync("get", "configmap", "cfg", "-n", ns, "-o", "jsonpath={.data.a}")).ShouldSucceed().Out);
        Assert.Equal("dg==", (await fx.Kubectl.RunAsync("get", "secret", "s", "-n", ns, "-o", "jsonpath={.data.k}")).ShouldSucceed().Out);
        Assert.Equal("8080", (await fx.Kubectl.RunAsync("get", "service", "web", "-n", ns, "-o", "jsonpath={.spec.ports[0].targetPort}")).ShouldSucceed().Out);
        var dup = await fx.Kubectl.RunAsync("create", "namespace", ns);
        Assert.Contains($"Error from server (AlreadyExists): namespaces \"{ns}\" already exists", dup.Stderr);
    }
}
