using System.Text.RegularExpressions;

namespace Orca.E2E.Tests;

/// <summary>
/// Node agent features seen through kubectl with real containers: active deadlines, memory-backed
/// emptyDirs, pulls from a password-protected registry with imagePullSecrets. One <see cref="AgentNode"/>
/// for the class.
/// </summary>
public sealed partial class NodeFeatureTests : IAsyncLifetime
{
    private AgentNode _node = null!;
    private Kubectl _kubectl = null!;
    private OrcaServer _server = null!;

    public async Task InitializeAsync()
    {
        await StartRegistryAsync();
        try
        {
            _node = await AgentNode.StartAsync("orcaf", RegistryArgs());
        }
        catch
        {
            StopRegistry();
            throw;
        }
        (_server, _kubectl) = (_node.Server, _node.Kubectl);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_node is not null) await _node.DisposeAsync();
        }
        finally
        {
            StopRegistry();
        }
    }

    [Fact]
    public async Task A_pod_past_its_active_deadline_is_killed_and_shows_deadline_exceeded()
    {
        (await _kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: deadline, namespace: default}
            spec:
              nodeName: e2e-node
              activeDeadlineSeconds: 5
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
            """)).ShouldSucceed();
        await WaitAsync("deadline", async () => (await _kubectl.RunAsync("get", "pod", "deadline", "-o", "jsonpath={.status.phase}")).Out == "Failed", "phase Failed");
        // kubectl shows status.reason until the killed container's own reason (Error) replaces it.
        Assert.Matches(@"^deadline\s+0/1\s+(DeadlineExceeded|Error)\s+0\s", Row(await _kubectl.RunAsync("get", "pod", "deadline")));
        await WaitAsync("deadline", async () => (await _kubectl.RunAsync("get", "pod", "deadline", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}")).Out.Length > 0,
            "container terminated");
        var status = (await _kubectl.RunAsync("get", "pod", "deadline", "-o",
            "jsonpath={.status.phase}|{.status.reason}|{.status.message}|{.status.containerStatuses[0].state.terminated.exitCode}")).ShouldSucceed().Out;
        Assert.Matches(@"^Failed\|DeadlineExceeded\|Pod was active on the node longer than the specified deadline\|(137|143)$", status);
        Assert.Contains("Normal/DeadlineExceeded: Pod was active on the node longer than the specified deadline", await EventsAsync("deadline"));
    }

    [Fact]
    public async Task A_memory_emptydir_is_a_tmpfs_of_its_size_limit_and_goes_with_the_pod()
    {
        (await _kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: ramdisk, namespace: default}
            spec:
              nodeName: e2e-node
              terminationGracePeriodSeconds: 1
              volumes:
              - name: cache
                emptyDir: {medium: Memory, sizeLimit: 32Mi}
              containers:
              - name: app
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo kept > /cache/file; exec sleep 3600"]
                volumeMounts: [{name: cache, mountPath: /cache}]
              - name: reader
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
                volumeMounts: [{name: cache, mountPath: /cache}]
            """)).ShouldSucceed();
        (await _kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/ramdisk", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();
        var uid = (await _kubectl.RunAsync("get", "pod", "ramdisk", "-o", "jsonpath={.metadata.uid}")).ShouldSucceed().Out;

        var mount = (await _kubectl.RunAsync("exec", "ramdisk", "-c", "reader", "--", "sh", "-c", "grep ' /cache ' /proc/mounts; df -k /cache | tail -n 1")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^tmpfs /cache tmpfs \S*size=32768k", mount[0]);
        Assert.Matches(@"^tmpfs\s+32768\s", mount[1]);
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("exec", "ramdisk", "-c", "reader", "--", "cat", "/cache/file")).Out == "kept",
            TimeSpan.FromSeconds(30), "the file app wrote is seen by reader");
        Assert.Contains(File.ReadAllLines("/proc/mounts"), l => l.StartsWith("tmpfs ", StringComparison.Ordinal) && l.Contains(uid, StringComparison.Ordinal));

        (await _kubectl.RunAsync(["delete", "pod", "ramdisk", "--timeout=60s"], null, timeout: TimeSpan.FromSeconds(70))).ShouldSucceed();
        Assert.DoesNotContain(File.ReadAllLines("/proc/mounts"), l => l.Contains(uid, StringComparison.Ordinal));
    }

    /// <summary>Polls with a deadline; on failure the message holds the pod's YAML and the end of the server's output.</summary>
    private async Task WaitAsync(string pod, Func<Task<bool>> condition, string what, int seconds = 60)
    {
        try
        {
            await Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(seconds), what);
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"{pod}: {what} not reached:\n{await Yaml(pod)}");
        }
    }

    private async Task<string> Yaml(string pod) => (await _kubectl.RunAsync("get", "pod", pod, "-o", "yaml")).Out + "\n" + _server.Output[^Math.Min(_server.Output.Length, 3000)..];

    private static string Row(KubectlResult r) => r.Out.Split('\n').ElementAtOrDefault(1) ?? "";

    private partial Task StartRegistryAsync();
    private partial string[] RegistryArgs();
    private partial void StopRegistry();
}
