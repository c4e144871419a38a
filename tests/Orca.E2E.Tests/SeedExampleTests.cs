using System.Text.RegularExpressions;

namespace Orca.E2E.Tests;

/// <summary>
/// The pod examples of the seed texts, as written but with the local busybox image in place of
/// nginx/tomcat, through kubectl on real containers: init containers preparing shared volumes, a
/// hostPort server, a log-collector sidecar, localhost between containers, a privileged container,
/// a restarting container in a pod that stays.
/// </summary>
public sealed class SeedExampleTests(NodeFixture fx) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task An_init_container_touches_a_file_in_a_shared_empty_dir_that_the_main_container_finds()
    {
        var ns = await fx.NamespaceAsync("calm");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: calm, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              restartPolicy: Never
              volumes: [{name: workdir, emptyDir: {} }]
              initContainers:
              - name: init
                image: {{NodeFixture.Image}}
                command: ["touch", "/workdir/calm.txt"]
                volumeMounts: [{name: workdir, mountPath: /workdir}]
              containers:
              - name: main
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "if [ -f /workdir/calm.txt ]; then echo found calm.txt; else echo missing; exit 1; fi"]
                volumeMounts: [{name: workdir, mountPath: /workdir}]
            """);
        await fx.WaitRowAsync(ns, "calm", @"^calm\s+0/1\s+Completed\s+0\s");
        Assert.Equal("found calm.txt", (await fx.Kubectl.RunAsync("logs", "calm", "-c", "main", "-n", ns)).ShouldSucceed().Out);
        Assert.Equal("Completed", await fx.GetAsync("pod", "calm", "{.status.initContainerStatuses[0].state.terminated.reason}", "-n", ns));
    }

    [Fact]
    public async Task An_app_copied_by_an_init_container_answers_on_the_nodes_host_port_until_the_pod_is_deleted()
    {
        var ns = await fx.NamespaceAsync("hostport");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: webapp, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              volumes: [{name: app, emptyDir: {} }]
              initContainers:
              - name: deploy
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "mkdir -p /app/www && echo 'sample app deployed by init' > /app/www/index.html && printf '#!/bin/sh\\nexec httpd -f -p 8080 -h /app/www\\n' > /app/run.sh && chmod +x /app/run.sh"]
                volumeMounts: [{name: app, mountPath: /app}]
              containers:
              - name: server
                image: {{NodeFixture.Image}}
                command: ["/app/run.sh"]
                ports: [{containerPort: 8080, hostPort: 8001}]
                volumeMounts: [{name: app, mountPath: /app}]
            """);
        await fx.WaitReadyAsync(ns, "webapp");
        var nodeIp = await fx.GetAsync("node", NodeFixture.NodeName, "{.status.addresses[?(@.type==\"InternalIP\")].address}");
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", nodeIp);
        Assert.Equal(nodeIp, await fx.GetAsync("pod", "webapp", "{.status.hostIP}", "-n", ns));
        Assert.NotEmpty(HostState.PortmapRules(fx.Bridge));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var page = "";
        await Eventually.HoldsAsync(async () =>
        {
            try { page = (await http.GetStringAsync($"http://{nodeIp}:8001/")).Trim(); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            return page == "sample app deployed by init";
        }, TimeSpan.FromSeconds(30), $"the app answers on {nodeIp}:8001 (last: {page})");

        (await fx.Kubectl.RunAsync(["delete", "pod", "webapp", "-n", ns, "--timeout=30s"], null, timeout: TimeSpan.FromSeconds(40))).ShouldSucceed();
        // portmap DEL ran with the sandbox's teardown: none of this network's DNAT rules remain.
        Assert.Empty(HostState.PortmapRules(fx.Bridge));
        await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync($"http://{nodeIp}:8001/"));
    }

    [Fact]
    public async Task A_log_collector_sidecar_reads_the_apps_log_file_from_a_shared_volume()
    {
        var ns = await fx.NamespaceAsync("collector");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: logged, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              volumes: [{name: logs, emptyDir: {} }]
              initContainers:
              - name: collector
                image: {{NodeFixture.Image}}
                restartPolicy: Always
                command: ["sh", "-c", "touch /var/log/app/app.log; exec tail -F /var/log/app/app.log"]
                volumeMounts: [{name: logs, mountPath: /var/log/app}]
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo \"app line $i\" >> /var/log/app/app.log; sleep 0.5; done"]
                volumeMounts: [{name: logs, mountPath: /var/log/app}]
            """);
        await fx.WaitReadyAsync(ns, "logged");
        Assert.Matches(@"^logged\s+2/2\s+Running\s+0\s", await fx.RowAsync(ns, "logged"));
        var logs = "";
        await Eventually.HoldsAsync(async () =>
        {
            logs = (await fx.Kubectl.RunAsync("logs", "logged", "-c", "collector", "-n", ns)).Out;
            return logs.Contains("app line 3", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), $"the collector shows the app's lines (so far: {logs})");
        Assert.StartsWith("app line 1\napp line 2\napp line 3", logs);
        // The app itself writes nothing to stdout: the lines reached the collector through the volume.
        Assert.Equal("", (await fx.Kubectl.RunAsync("logs", "logged", "-c", "app", "-n", ns)).ShouldSucceed().Out);
    }

    [Fact]
    public async Task Two_containers_of_a_pod_talk_over_localhost()
    {
        var ns = await fx.NamespaceAsync("localhost");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: pair, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: server
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "mkdir -p /www && echo hello-over-localhost > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www"]
              - name: client
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "while true; do wget -qO- http://localhost:8080/ > /tmp/last 2>&1 && cat /tmp/last; sleep 0.5; done"]
            """);
        await fx.WaitReadyAsync(ns, "pair");
        await Eventually.HoldsAsync(async () => (await fx.Kubectl.RunAsync("logs", "pair", "-c", "client", "-n", ns)).Out.Contains("hello-over-localhost", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the client container reaches the server over localhost");
        // Bound to 127.0.0.1, the server is reachable only from inside the pod.
        var other = (await fx.Kubectl.RunAsync("exec", "pair", "-c", "client", "-n", ns, "--", "sh", "-c", "wget -qO- http://$(hostname -i):8080/; echo rc=$?")).Out;
        Assert.EndsWith("rc=1", other);
    }

    [Fact]
    public async Task A_privileged_container_has_every_host_capability_host_devices_and_network_admin()
    {
        var ns = await fx.NamespaceAsync("privileged");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: priv, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: privileged
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
                securityContext: {privileged: true}
              - name: plain
                image: {{NodeFixture.Image}}
                command: ["sleep", "3600"]
            """);
        await fx.WaitReadyAsync(ns, "priv");
        const string Probe = "grep CapEff /proc/self/status; test -c /dev/kmsg && echo kmsg; ip link set lo mtu 1300 && echo netadmin; echo 1280 > /sys/class/net/lo/mtu && echo sysfs-rw";
        var hostBounding = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapBnd:", StringComparison.Ordinal)).Split('\t')[1];

        var privileged = (await fx.Kubectl.RunAsync("exec", "priv", "-c", "privileged", "-n", ns, "--", "sh", "-c", Probe)).Out;
        Assert.Equal($"CapEff:\t{hostBounding}\nkmsg\nnetadmin\nsysfs-rw", privileged);

        var plain = await fx.Kubectl.RunAsync("exec", "priv", "-c", "plain", "-n", ns, "--", "sh", "-c", Probe);
        Assert.Equal("CapEff:\t00000000a80425fb", plain.Stdout.Split('\n')[0]);
        Assert.DoesNotContain("kmsg", plain.Stdout);
        Assert.DoesNotContain("netadmin", plain.Stdout);
        Assert.DoesNotContain("sysfs-rw", plain.Stdout);
    }

    [Fact]
    public async Task A_restarting_container_keeps_the_pods_uid_and_ip_and_shows_the_previous_run()
    {
        var ns = await fx.NamespaceAsync("restart");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: phoenix, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "echo run at $(cat /proc/uptime) from $(hostname -i); sleep 1; exit 1"]
            """);
        await Eventually.HoldsAsync(async () => await fx.GetAsync("pod", "phoenix", "{.status.podIP}", "-n", ns) != "", TimeSpan.FromSeconds(30), "pod IP");
        var uid = await fx.GetAsync("pod", "phoenix", "{.metadata.uid}", "-n", ns);
        var ip = await fx.GetAsync("pod", "phoenix", "{.status.podIP}", "-n", ns);

        await fx.WaitRowAsync(ns, "phoenix", @"^phoenix\s+\S+\s+\S+\s+[1-9]\d*\s+\(");
        Assert.Equal(uid, await fx.GetAsync("pod", "phoenix", "{.metadata.uid}", "-n", ns));
        Assert.Equal(ip, await fx.GetAsync("pod", "phoenix", "{.status.podIP}", "-n", ns));
        Assert.Equal("1 Error", await fx.GetAsync("pod", "phoenix",
            "{.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}", "-n", ns));

        var previous = (await fx.Kubectl.RunAsync("logs", "phoenix", "--previous", "-n", ns)).ShouldSucceed().Out;
        Assert.Matches($@"^run at \S+ \S+ from {Regex.Escape(ip)}$", previous);
        // The current run (or, if it already ended, its log) is another run than the previous one.
        await Eventually.HoldsAsync(async () =>
        {
            var current = (await fx.Kubectl.RunAsync("logs", "phoenix", "-n", ns)).Out;
            return current.StartsWith("run at ", StringComparison.Ordinal) && current != previous;
        }, TimeSpan.FromSeconds(30), "the current run's log differs from the previous run's");
    }
}
