using System.Text.Json;

namespace Orca.E2E.Tests;

/// <summary>
/// The workload and storage kinds through the real kubectl against `orca server --disable-agent`:
/// objects are stored and printed with kubectl's columns; no controller acts on them here.
/// </summary>
public sealed class KubectlWorkloadTests(ApiOnlyServerFixture fx) : IClassFixture<ApiOnlyServerFixture>
{
    private Task<KubectlResult> K(params string[] args) => fx.Kubectl.RunAsync(args);

    private async Task<string> Jsonpath(string ns, string obj, string path) =>
        (await K("get", obj, "-n", ns, "-o", $"jsonpath={path}")).ShouldSucceed().Out;

    private static string Deployment(string name, string image, int replicas = 2) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: app
                image: {image}
                ports:
                - containerPort: 80
        """;

    private const string Workloads = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          replicas: 2
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "busybox:1.36"}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              nodeSelector: {kubernetes.io/os: linux}
              containers: [{name: agent, image: "busybox:1.36"}]
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: front}
        spec:
          replicas: 3
          selector: {matchLabels: {tier: front}}
          template:
            metadata: {labels: {tier: front}}
            spec:
              containers: [{name: web, image: "busybox:1.36"}]
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: legacy}
        spec:
          replicas: 1
          template:
            metadata: {labels: {app: legacy}}
            spec:
              containers: [{name: web, image: "busybox:1.36"}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: pi, image: "busybox:1.36", command: [echo, "3.14"]}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: tick}
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: tick, image: "busybox:1.36"}]
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: db}
        spec:
          maxUnavailable: 1
          selector: {matchLabels: {app: db}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: claim}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 2Gi}}
        """;

    /// <summary>The header of a kubectl table, its columns separated by runs of spaces.</summary>
    private static string[] Header(string table) => System.Text.RegularExpressions.Regex.Split(table.Split('\n')[0].Trim(), @"\s{2,}");

    [Fact]
    public async Task Each_kind_prints_with_kubectl_columns()
    {
        var ns = await fx.NamespaceAsync("wl");
        (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27"), "-n", ns)).ShouldSucceed();
        (await fx.Kubectl.ApplyAsync(Workloads, "-n", ns)).ShouldSucceed();

        var deploy = (await K("get", "deploy", "-n", ns)).ShouldSucceed().Out;
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], Header(deploy));
        Assert.Matches(@"\nweb\s+0/2\s+0\s+0\s+\d+s$", deploy);
        var wide = (await K("get", "deploy", "-n", ns, "-o", "wide")).ShouldSucceed().Out;
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], Header(wide));
        Assert.Matches(@"\nweb\s+0/2\s+0\s+0\s+\d+s\s+app\s+nginx:1.27\s+app=web$", wide);

        (string Kind, string[] Columns, string Row)[] expected =
        [
            ("rs", ["NAME", "DESIRED", "CURRENT", "READY", "AGE"], @"\nfront\s+3\s+0\s+0\s+\d+s$"),
            ("sts", ["NAME", "READY", "AGE"], @"\ndb\s+0/2\s+\d+s$"),
            ("ds", ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"], @"\nagent\s+0\s+0\s+0\s+0\s+0\s+kubernetes.io/os=linux\s+\d+s$"),
            ("rc", ["NAME", "DESIRED", "CURRENT", "READY", "AGE"], @"\nlegacy\s+1\s+0\s+0\s+\d+s$"),
            ("job", ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], @"\npi\s+Running\s+0/1\s+\d+s$"),
            ("cj", ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"], @"\ntick\s+\*/5 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s$"),
            ("pdb", ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"], @"\ndb\s+N/A\s+1\s+0\s+\d+s$"),
            ("pvc", ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"], @"(?m)\nclaim\s+Pending\s+local-path\s+<unset>\s+\d+s$"),
        ];
        foreach (var (kind, columns, row) in expected)
        {
            var table = (await K("get", kind, "-n", ns)).ShouldSucceed().Out;
            Assert.Equal(columns, Header(table));
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(table, row), $"{kind}: {row} not in\n{table}");
        }
        var job = (await K("get", "job", "pi", "-n", ns, "-o", "json")).ShouldSucceed().Stdout;
        var spec = JsonDocument.Parse(job).RootElement.GetProperty("spec");
        Assert.Equal((1, 1, 6, "NonIndexed"), (spec.GetProperty("completions").GetInt32(), spec.GetProperty("parallelism").GetInt32(),
            spec.GetProperty("backoffLimit").GetInt32(), spec.GetProperty("completionMode").GetString()));
        Assert.True(spec.GetProperty("selector").GetProperty("matchLabels").TryGetProperty("batch.kubernetes.io/controller-uid", out _));
    }

    [Fact]
    public async Task Cluster_scoped_storage_and_priority_kinds_print_with_kubectl_columns()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        (await fx.Kubectl.ApplyAsync($"""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {"{"}name: fast-{suffix}{"}"}
            provisioner: orca.io/local-path
            volumeBindingMode: WaitForFirstConsumer
            ---
            apiVersion: v1
            kind: PersistentVolume
            metadata: {"{"}name: pv-{suffix}{"}"}
            spec:
              capacity: {"{"}storage: 5Gi{"}"}
              accessModes: [ReadWriteOnce, ReadOnlyMany]
              storageClassName: fast-{suffix}
              hostPath: {"{"}path: /tmp/pv-{suffix}{"}"}
            """)).ShouldSucceed();
        var sc = (await K("get", "sc", $"fast-{suffix}")).ShouldSucceed().Out;
        Assert.Equal(["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"], Header(sc));
        Assert.Matches($@"\nfast-{suffix}\s+orca.io/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+\d+s$", sc);
        var pv = (await K("get", "pv", $"pv-{suffix}")).ShouldSucceed().Out;
        Assert.Equal(["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"], Header(pv));
        Assert.Matches($@"\npv-{suffix}\s+5Gi\s+RWO,ROX\s+Retain\s+(Pending|Available)\s+fast-{suffix}\s+<unset>\s+\d+s$", pv);

        (await K("create", "priorityclass", $"pc-{suffix}", "--value=1000", "--description=test")).ShouldSucceed();
        var pc = (await K("get", "pc")).ShouldSucceed().Out;
        Assert.Equal(["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"], Header(pc));
        Assert.Matches($@"\npc-{suffix}\s+1000\s+false\s+\d+s\s+PreemptLowerPriority", pc);
        Assert.Matches(@"\nsystem-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority", pc);
        Assert.Matches(@"\nsystem-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority", pc);
    }

    [Fact]
    public async Task Kubectl_create_subcommands_send_protobuf_bodies_the_server_reads()
    {
        var ns = await fx.NamespaceAsync("create");
        Assert.Equal("job.batch/once created", (await K("create", "job", "once", "-n", ns, "--image=busybox:1.36", "--", "echo", "hi")).ShouldSucceed().Out);
        Assert.Equal("cronjob.batch/nightly created", (await K("create", "cronjob", "nightly", "-n", ns, "--image=busybox:1.36", "--schedule=0 3 * * *")).ShouldSucceed().Out);
        Assert.Equal("poddisruptionbudget.policy/budget created", (await K("create", "pdb", "budget", "-n", ns, "--selector=app=web", "--min-available=50%")).ShouldSucceed().Out);
        Assert.Equal("deployment.apps/made created", (await K("create", "deployment", "made", "-n", ns, "--image=nginx:1.27", "--replicas=2")).ShouldSucceed().Out);
        Assert.Equal("echo hi", await Jsonpath(ns, "job/once", "{.spec.template.spec.containers[0].command[0]} {.spec.template.spec.containers[0].command[1]}"));
        Assert.Equal("0 3 * * * Allow", await Jsonpath(ns, "cronjob/nightly", "{.spec.schedule} {.spec.concurrencyPolicy}"));
        Assert.Equal("50%", await Jsonpath(ns, "pdb/budget", "{.spec.minAvailable}"));
        Assert.Equal("job.batch/manual created", (await K("create", "job", "manual", "-n", ns, "--from=cronjob/nightly")).ShouldSucceed().Out);
    }

    [Fact]
    public async Task Scale_changes_spec_replicas_and_the_generation()
    {
        var ns = await fx.NamespaceAsync("scale");
        (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27"), "-n", ns)).ShouldSucceed();
        Assert.Equal("deployment.apps/web scaled", (await K("scale", "deploy/web", "--replicas=3", "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("3 2", await Jsonpath(ns, "deploy/web", "{.spec.replicas} {.metadata.generation}"));
        // --current-replicas makes kubectl PUT the Scale with a precondition.
        (await K("scale", "deploy/web", "--current-replicas=3", "--replicas=1", "-n", ns)).ShouldSucceed();
        Assert.Equal("1", await Jsonpath(ns, "deploy/web", "{.spec.replicas}"));
        var wrong = await K("scale", "deploy/web", "--current-replicas=5", "--replicas=2", "-n", ns);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("Expected replicas to be 5, was 1", wrong.Stderr);

        (await fx.Kubectl.ApplyAsync(Workloads, "-n", ns)).ShouldSucceed();
        (await K("scale", "sts/db", "rs/front", "rc/legacy", "--replicas=4", "-n", ns)).ShouldSucceed();
        Assert.Equal("4 4 4", (await K("get", "sts/db", "rs/front", "rc/legacy", "-n", ns, "-o", "jsonpath={.items[*].spec.replicas}")).ShouldSucceed().Out);
    }

    [Fact]
    public async Task Apply_twice_set_image_and_rollout_restart_patch_the_template()
    {
        var ns = await fx.NamespaceAsync("roll");
        Assert.Equal("deployment.apps/web created", (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27"), "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("deployment.apps/web unchanged", (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27"), "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("deployment.apps/web configured", (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.28", replicas: 4), "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("nginx:1.28 4 2 80", await Jsonpath(ns, "deploy/web",
            "{.spec.template.spec.containers[0].image} {.spec.replicas} {.metadata.generation} {.spec.template.spec.containers[0].ports[0].containerPort}"));

        Assert.Equal("deployment.apps/web image updated", (await K("set", "image", "deploy/web", "app=nginx:1.29", "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("nginx:1.29 3", await Jsonpath(ns, "deploy/web", "{.spec.template.spec.containers[0].image} {.metadata.generation}"));
        Assert.Equal("deployment.apps/web restarted", (await K("rollout", "restart", "deploy/web", "-n", ns)).ShouldSucceed().Out);
        Assert.NotEqual("", await Jsonpath(ns, "deploy/web", "{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"));
        Assert.Equal("4", await Jsonpath(ns, "deploy/web", "{.metadata.generation}"));

        // Switching to Recreate drops rollingUpdate through the strategy's retainKeys.
        var recreate = Deployment("web", "nginx:1.29", replicas: 4).Replace("  replicas: 4\n", "  replicas: 4\n  strategy:\n    type: Recreate\n");
        (await fx.Kubectl.ApplyAsync(recreate, "-n", ns)).ShouldSucceed();
        Assert.Equal("Recreate", await Jsonpath(ns, "deploy/web", "{.spec.strategy.type}{.spec.strategy.rollingUpdate}"));
    }

    [Fact]
    public async Task Get_all_lists_the_workloads()
    {
        var ns = await fx.NamespaceAsync("all");
        (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27"), "-n", ns)).ShouldSucceed();
        (await fx.Kubectl.ApplyAsync(Workloads, "-n", ns)).ShouldSucceed();
        // Pods the controllers make for these workloads come and go; the workloads themselves are the subject.
        var names = (await K("get", "all", "-n", ns, "-o", "name")).ShouldSucceed().Out.Split('\n').Where(n => !n.StartsWith("pod/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "replicationcontroller/legacy", "daemonset.apps/agent", "deployment.apps/web", "replicaset.apps/front",
            "statefulset.apps/db", "cronjob.batch/tick", "job.batch/pi",
        ], names);
    }

    [Fact]
    public async Task Explain_walks_the_workload_schemas()
    {
        var spec = (await K("explain", "deployment.spec")).ShouldSucceed().Stdout;
        Assert.Contains("GROUP:      apps", spec);
        Assert.Contains("FIELD: spec <DeploymentSpec>", spec);
        Assert.Matches(@"replicas\s+<integer>", spec);
        Assert.Matches(@"selector\s+<LabelSelector> -required-", spec);
        Assert.Matches(@"strategy\s+<DeploymentStrategy>", spec);
        var cron = (await K("explain", "cronjob.spec.jobTemplate.spec.template.spec.restartPolicy")).ShouldSucceed().Stdout;
        Assert.Contains("FIELD: restartPolicy <string>", cron);
        Assert.Contains("KIND:       PriorityClass", (await K("explain", "priorityclass")).ShouldSucceed().Stdout);
    }

    [Fact]
    public async Task Invalid_objects_get_kubernetes_errors()
    {
        var ns = await fx.NamespaceAsync("bad");
        var mismatch = await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27").Replace("labels: {app: web}", "labels: {app: other}"), "-n", ns);
        Assert.NotEqual(0, mismatch.ExitCode);
        Assert.Contains("The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`", mismatch.Stderr);
        (await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27"), "-n", ns)).ShouldSucceed();
        var immutable = await fx.Kubectl.ApplyAsync(Deployment("web", "nginx:1.27").Replace("{app: web}", "{app: web2}"), "-n", ns);
        Assert.NotEqual(0, immutable.ExitCode);
        Assert.Contains("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable", immutable.Stderr);
        var cron = await K("create", "cronjob", "broken", "-n", ns, "--image=busybox:1.36", "--schedule=* * *");
        Assert.Contains("spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]", cron.Stderr);
    }

    [Fact]
    public async Task Pods_get_priority_from_their_class_and_default_tolerations()
    {
        var ns = await fx.NamespaceAsync("prio");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        (await K("create", "priorityclass", $"batch-{suffix}", "--value=500", "--preemption-policy=Never")).ShouldSucceed();
        (await K("run", "hi", "-n", ns, "--image=busybox:1.36", $"--overrides={{\"spec\":{{\"priorityClassName\":\"batch-{suffix}\"}}}}")).ShouldSucceed();
        Assert.Equal("500 Never", await Jsonpath(ns, "pod/hi", "{.spec.priority} {.spec.preemptionPolicy}"));
        (await K("run", "plain", "-n", ns, "--image=busybox:1.36")).ShouldSucceed();
        Assert.Equal("0 PreemptLowerPriority", await Jsonpath(ns, "pod/plain", "{.spec.priority} {.spec.preemptionPolicy}"));
        Assert.Equal(
            "node.kubernetes.io/not-ready:NoExecute:300 node.kubernetes.io/unreachable:NoExecute:300",
            await Jsonpath(ns, "pod/plain", "{range .spec.tolerations[*]}{.key}:{.effect}:{.tolerationSeconds} {end}"));

        var lost = await K("run", "lost", "-n", ns, "--image=busybox:1.36", "--overrides={\"spec\":{\"priorityClassName\":\"nope\"}}");
        Assert.NotEqual(0, lost.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods \"lost\" is forbidden: no PriorityClass with name nope was found", lost.Stderr);
    }
}
