namespace Orca.E2E.Tests;

/// <summary>
/// securityContext through kubectl on real containers: users and groups with fsGroup owning the volumes,
/// runAsNonRoot, read-only root, no privilege escalation, dropped capabilities and seccomp profiles.
/// </summary>
public sealed class SecurityContextTests(NodeFixture fx) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Users_groups_and_fs_group_own_the_volumes_and_file_modes_follow_default_mode()
    {
        var ns = await fx.NamespaceAsync("ids");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: conf, namespace: {{ns}}}
            data: {key: value}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ids, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              restartPolicy: Never
              securityContext: {runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000], fsGroup: 2000}
              volumes:
              - {name: data, emptyDir: {} }
              - {name: conf, configMap: {name: conf, defaultMode: 0400} }
              containers:
              - name: main
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "id; stat -c 'data %g %A' /data; touch /data/f && stat -c 'file %u %g' /data/f; stat -Lc 'conf %a %g' /conf/key; cat /conf/key"]
                volumeMounts: [{name: data, mountPath: /data}, {name: conf, mountPath: /conf}]
            """);
        await fx.WaitRowAsync(ns, "ids", @"\sCompleted\s");
        var output = (await fx.Kubectl.RunAsync("logs", "ids", "-n", ns)).Out;
        var lines = output.Split('\n');
        Assert.True(lines.Length == 5, output);

        Assert.Matches(@"^uid=1000 gid=3000 groups=(4000,2000|2000,4000)$", lines[0]);
        Assert.Equal("data 2000 drwxrwsrwx", lines[1]);
        Assert.Equal("file 1000 2000", lines[2]);
        Assert.Equal("conf 440 2000", lines[3]);
        Assert.Equal("value", lines[4]);
    }

    [Fact]
    public async Task Run_as_non_root_refuses_an_image_that_runs_as_root_and_accepts_a_non_root_user()
    {
        var ns = await fx.NamespaceAsync("nonroot");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: rooted, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              securityContext: {runAsNonRoot: true}
              containers:
              - {name: app, image: {{NodeFixture.Image}}, command: ["sleep", "3600"]}
              - {name: user, image: {{NodeFixture.Image}}, command: ["sleep", "3600"], securityContext: {runAsUser: 1000} }
            """);
        await fx.WaitRowAsync(ns, "rooted", @"^rooted\s+1/2\s+CreateContainerConfigError\s");
        var uid = await fx.GetAsync("pod", "rooted", "{.metadata.uid}", "-n", ns);
        Assert.Equal($"container has runAsNonRoot and image will run as root (pod: \"rooted_{ns}({uid})\", container: app)",
            await fx.GetAsync("pod", "rooted", "{.status.containerStatuses[?(@.name==\"app\")].state.waiting.message}", "-n", ns));
        Assert.Equal("true", await fx.GetAsync("pod", "rooted", "{.status.containerStatuses[?(@.name==\"user\")].ready}", "-n", ns));
        Assert.Contains(await fx.EventMessagesAsync(ns, "rooted", "Failed"), m => m.StartsWith("Error: container has runAsNonRoot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_only_root_no_privilege_escalation_and_dropped_capabilities_hold_inside_the_container()
    {
        var ns = await fx.NamespaceAsync("locked");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: locked, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              restartPolicy: Never
              volumes: [{name: scratch, emptyDir: {} }]
              containers:
              - name: main
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "touch /x 2>&1; grep '^NoNewPrivs:' /proc/self/status; touch /scratch/f; chown 1:1 /scratch/f 2>&1; echo chown=$?"]
                volumeMounts: [{name: scratch, mountPath: /scratch}]
                securityContext:
                  readOnlyRootFilesystem: true
                  allowPrivilegeEscalation: false
                  capabilities: {drop: ["CHOWN"]}
            """);
        await fx.WaitRowAsync(ns, "locked", @"\sCompleted\s");
        var output = (await fx.Kubectl.RunAsync("logs", "locked", "-n", ns)).Out;

        Assert.Contains("Read-only file system", output);
        Assert.Contains("NoNewPrivs:\t1", output);
        Assert.Contains("Operation not permitted", output);
        Assert.Contains("chown=1", output);
    }

    [Fact]
    public async Task Seccomp_profiles_apply_per_container_over_the_pod_and_a_missing_localhost_profile_is_a_create_error()
    {
        var ns = await fx.NamespaceAsync("seccomp");
        var profiles = Path.Combine(fx.DataDir, "seccomp", ns);
        Directory.CreateDirectory(profiles);
        await File.WriteAllTextAsync(Path.Combine(profiles, "no-mkdir.json"),
            """{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}""");
        const string probe = "grep '^Seccomp:' /proc/self/status; unshare -n true 2>&1; mkdir /tmp/d 2>&1; echo done";
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: filtered, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              restartPolicy: Never
              securityContext: {seccompProfile: {type: RuntimeDefault} }
              containers:
              - {name: inherits, image: {{NodeFixture.Image}}, command: ["sh", "-c", "{{probe}}"]}
              - name: open
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "{{probe}}"]
                securityContext: {seccompProfile: {type: Unconfined} }
              - name: local
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "{{probe}}"]
                securityContext: {seccompProfile: {type: Localhost, localhostProfile: {{ns}}/no-mkdir.json} }
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: missing, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              securityContext: {seccompProfile: {type: Localhost, localhostProfile: {{ns}}/absent.json} }
              containers:
              - {name: app, image: {{NodeFixture.Image}}, command: ["sleep", "3600"]}
            """);
        await fx.WaitRowAsync(ns, "filtered", @"\sCompleted\s");
        async Task<string> Logs(string container) => (await fx.Kubectl.RunAsync("logs", "filtered", "-c", container, "-n", ns)).Out;

        var inherits = await Logs("inherits");
        Assert.Contains("Seccomp:\t2", inherits);
        Assert.Contains("Operation not permitted", inherits);
        var open = await Logs("open");
        Assert.Contains("Seccomp:\t0", open);
        Assert.DoesNotContain("mkdir:", open);
        var local = await Logs("local");
        Assert.Contains("Seccomp:\t2", local);
        Assert.Contains("mkdir: can't create directory '/tmp/d': Operation not permitted", local);

        await fx.WaitRowAsync(ns, "missing", @"^missing\s+0/1\s+CreateContainerError\s");
        Assert.Contains("cannot load seccomp profile", await fx.GetAsync("pod", "missing", "{.status.containerStatuses[0].state.waiting.message}", "-n", ns));
        (await fx.Kubectl.RunAsync("delete", "pod", "missing", "-n", ns, "--grace-period=0", "--force")).ShouldSucceed();
    }
}
