using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Orca.E2E.Tests;

/// <summary>
/// kubectl's streaming verbs through the API server to the agent on real containers: logs with its
/// options, attach with and without a terminal, cp in both directions, exec exit codes and stdin.
/// </summary>
public sealed class StreamingTests(NodeFixture fx) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Logs_follow_new_lines_and_end_when_the_container_exits()
    {
        var ns = await fx.NamespaceAsync("follow");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: counter, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              restartPolicy: Never
              containers:
              - name: count
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "for i in 1 2 3 4; do echo line $i; sleep 1; done"]
            """);
        await fx.WaitRowAsync(ns, "counter", @"^counter\s+1/1\s+Running\s");
        await using var follow = KubectlProcess.Start(fx.Kubectl, fx.Server, "logs", "-f", "counter", "-n", ns);
        await follow.WaitForAsync("line 1\n");
        var firstSeen = Stopwatch.StartNew();
        Assert.False(follow.HasExited);
        Assert.Equal(0, await follow.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("line 1\nline 2\nline 3\nline 4\n", follow.Output);
        // Lines kept coming while kubectl followed (it did not just dump a finished log).
        Assert.True(firstSeen.Elapsed > TimeSpan.FromSeconds(1.5), $"follow ended {firstSeen.Elapsed} after the first line");
    }

    [Fact]
    public async Task Logs_honour_all_containers_tail_since_timestamps_and_limit_bytes()
    {
        var ns = await fx.NamespaceAsync("logopts");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: talker, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: first
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "echo early one; echo early two; sleep 4; echo late three; exec sleep 3600"]
              - name: second
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "echo second out; echo second err >&2; exec sleep 3600"]
            """);
        await fx.WaitReadyAsync(ns, "talker");
        async Task<string> Logs(params string[] args) => (await fx.Kubectl.RunAsync(["logs", "talker", "-n", ns, .. args], null)).ShouldSucceed().Stdout;
        await Eventually.HoldsAsync(async () => (await Logs("-c", "first")).Contains("late three", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the late line");

        Assert.Equal("late three\n", await Logs("-c", "first", "--since=3s"));
        Assert.Equal("early two\nlate three\n", await Logs("-c", "first", "--tail=2"));
        Assert.Equal("early one\nea", await Logs("-c", "first", "--limit-bytes=12"));
        var stamped = (await Logs("-c", "first", "--timestamps")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, stamped.Length);
        Assert.All(stamped, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z (early|late) \w+$", l));
        // kubectl fetches the containers in no fixed order; each container's lines keep theirs.
        var all = (await Logs("--all-containers", "--prefix")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, all.Length);
        Assert.Equal(["[pod/talker/first] early one", "[pod/talker/first] early two", "[pod/talker/first] late three"],
            all.Where(l => l.StartsWith("[pod/talker/first] ", StringComparison.Ordinal)));
        Assert.Equal(["[pod/talker/second] second out", "[pod/talker/second] second err"],
            all.Where(l => l.StartsWith("[pod/talker/second] ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Attach_sends_input_to_a_containers_stdin_with_and_without_a_terminal()
    {
        var ns = await fx.NamespaceAsync("attach");
        await fx.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: interactive, namespace: {{ns}}}
            spec:
              nodeName: {{NodeFixture.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: shell
                image: {{NodeFixture.Image}}
                command: ["sh"]
                stdin: true
                tty: true
              - name: reader
                image: {{NodeFixture.Image}}
                command: ["sh", "-c", "while read line; do echo \"got: $line\"; done"]
                stdin: true
            """);
        await fx.WaitReadyAsync(ns, "interactive");

        await using (var plain = KubectlProcess.Start(fx.Kubectl, fx.Server, "attach", "-i", "interactive", "-c", "reader", "-n", ns))
        {
            // kubectl says how to get a prompt once the stream is set up; input sent after that reaches the container.
            await plain.WaitForAsync("If you don't see a command prompt");
            await plain.WriteAsync("hello\n");
            await plain.WaitForAsync("got: hello");
            await plain.WriteAsync("world\n");
            await plain.WaitForAsync("got: world");
        }
        Assert.Equal("got: hello\ngot: world", (await fx.Kubectl.RunAsync("logs", "interactive", "-c", "reader", "-n", ns)).Out);

        await using var tty = KubectlProcess.Start(fx.Kubectl, fx.Server, terminal: true, "attach", "-it", "interactive", "-c", "shell", "-n", ns);
        await tty.WaitForAsync("If you don't see a command prompt");
        await tty.WriteAsync("echo $((6*7))-from-the-terminal\n");
        await tty.WaitForAsync("42-from-the-terminal");
        await tty.WriteAsync("tty; exit 4\n");
        await tty.WaitForAsync("/dev/pts/");
        Assert.Equal(4, await tty.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("command terminated with exit code 4", tty.Output);
    }

    [Fact]
    public async Task Cp_copies_files_and_directories_into_and_out_of_a_container()
    {
        var ns = await fx.NamespaceAsync("cp");
        await fx.RunSleeperAsync(ns, "box");
        var local = Directory.CreateTempSubdirectory("orca-e2e-cp-").FullName;
        try
        {
            var payload = string.Join('\n', Enumerable.Range(1, 2000).Select(i => $"payload line {i}")) + "\n";
            await File.WriteAllTextAsync(Path.Combine(local, "file.txt"), payload);
            Directory.CreateDirectory(Path.Combine(local, "tree", "sub"));
            await File.WriteAllTextAsync(Path.Combine(local, "tree", "top.txt"), "top\n");
            await File.WriteAllTextAsync(Path.Combine(local, "tree", "sub", "nested.txt"), "nested\n");

            (await fx.Kubectl.RunAsync("cp", Path.Combine(local, "file.txt"), $"{ns}/box:/tmp/file.txt")).ShouldSucceed();
            (await fx.Kubectl.RunAsync("cp", Path.Combine(local, "tree"), $"{ns}/box:/tmp/tree")).ShouldSucceed();
            var inside = (await fx.Kubectl.RunAsync("exec", "box", "-n", ns, "--", "sh", "-c", "md5sum /tmp/file.txt | cut -d' ' -f1; cat /tmp/tree/top.txt /tmp/tree/sub/nested.txt")).ShouldSucceed().Out;
            var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(payload)));
            Assert.Equal($"{md5}\ntop\nnested", inside);

            (await fx.Kubectl.RunAsync("exec", "box", "-n", ns, "--", "sh", "-c", "mkdir -p /srv/out/deep && echo made-inside > /srv/out/deep/made.txt && hostname > /srv/out/host.txt")).ShouldSucceed();
            var back = Path.Combine(local, "back");
            (await fx.Kubectl.RunAsync("cp", $"{ns}/box:/srv/out", back)).ShouldSucceed();
            Assert.Equal("made-inside\n", await File.ReadAllTextAsync(Path.Combine(back, "deep", "made.txt")));
            Assert.Equal("box\n", await File.ReadAllTextAsync(Path.Combine(back, "host.txt")));
            (await fx.Kubectl.RunAsync("cp", $"{ns}/box:/tmp/file.txt", Path.Combine(local, "roundtrip.txt"))).ShouldSucceed();
            Assert.Equal(payload, await File.ReadAllTextAsync(Path.Combine(local, "roundtrip.txt")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task Exec_returns_the_commands_exit_code_and_passes_stdin()
    {
        var ns = await fx.NamespaceAsync("exec");
        await fx.RunSleeperAsync(ns, "target");
        foreach (var code in new[] { 0, 1, 42, 255 })
        {
            var r = await fx.Kubectl.RunAsync("exec", "target", "-n", ns, "--", "sh", "-c", $"echo out; echo err >&2; exit {code}");
            Assert.True(r.ExitCode == code, $"exit {code}: kubectl returned {r.ExitCode}: {r.Stderr}");
            Assert.Equal("out", r.Out);
            Assert.StartsWith("err", r.Stderr);
            if (code != 0) Assert.Contains($"command terminated with exit code {code}", r.Stderr);
        }
        var cat = await fx.Kubectl.RunAsync(["exec", "-i", "target", "-n", ns, "--", "sh", "-c", "wc -l; cat /proc/1/cmdline | tr '\\0' ' '"], "a\nb\nc\n");
        Assert.Equal(0, cat.ExitCode);
        Assert.Matches(new Regex(@"^3\nsleep 3600 ?$"), cat.Out);
    }
}
