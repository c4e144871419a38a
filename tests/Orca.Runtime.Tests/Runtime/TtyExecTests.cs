using System.Text;
using System.Text.RegularExpressions;

namespace Orca.Runtime.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class TtyExecTests(RuntimeFixture fixture) : RuntimeTestBase(fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // Line ends arrive as \r\n or \r\r\n: runc turns off ONLCR on the container's pty only once it
    // holds it, so output written before that is translated twice.
    [Fact]
    public async Task Tty_exec_runs_on_a_pts_of_the_requested_size_and_reports_the_exit_code()
    {
        var id = await StartSleeperAsync("tty");
        // runc copies a resize inward asynchronously, so the script waits (bounded) for it to land.
        const string script = "i=0; while [ \"$(stty size)\" != '30 100' ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; tty; stty size; echo hello; exit 4";

        await using var session = await Runtime.ExecAsync(id, new ExecRequest(["sh", "-c", script], Stdin: false, Stdout: true, Stderr: true, Tty: true), Ct);
        await session.ResizeAsync(100, 30, Ct);
        var output = await ReadAllAsync(session);

        Assert.Null(session.Stderr);
        Assert.Contains("/dev/pts/", output);
        Assert.Matches(@"\n30 100\r+\n", output);
        Assert.Matches(@"\nhello\r+\n", output);
        Assert.Equal(4, await session.ExitCode.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Interactive_tty_exec_runs_what_is_typed_and_follows_a_later_resize()
    {
        var id = await StartSleeperAsync("ttyin");

        await using var session = await Runtime.ExecAsync(id, new ExecRequest(["sh"], Stdin: true, Stdout: true, Stderr: true, Tty: true), Ct);
        var output = new StringBuilder();
        await session.Stdin!.WriteAsync("echo $((2+3))\n"u8.ToArray());
        await ReadUntilAsync(session.Stdout!, output, new Regex(@"(^|\n)5\r+\n"));

        // The shell is running now, so this resize reaches it through runc's SIGWINCH handler.
        await session.ResizeAsync(120, 40, Ct);
        await session.Stdin.WriteAsync("until [ \"$(stty size)\" = '40 120' ]; do sleep 0.05; done; stty size; exit\n"u8.ToArray());
        await ReadUntilAsync(session.Stdout!, output, new Regex(@"\n40 120\r+\n"));

        Assert.Equal(0, await session.ExitCode.WaitAsync(Deadline));
    }

    /// <summary>Reads into <paramref name="output"/> until <paramref name="pattern"/> matches; fails at the deadline or end of output.</summary>
    private static async Task ReadUntilAsync(Stream stream, StringBuilder output, Regex pattern)
    {
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(Deadline);
        while (!pattern.IsMatch(output.ToString()))
        {
            int read;
            try { read = await stream.ReadAsync(buffer).AsTask().WaitAsync(deadline.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"no {pattern} in {output}"); }
            Assert.True(read > 0, $"output ended before {pattern}: {output}");
            output.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    [Fact]
    public async Task Disposing_a_running_tty_exec_ends_it()
    {
        var id = await StartSleeperAsync("ttykill");

        var session = await Runtime.ExecAsync(id, new ExecRequest(["sleep", "300"], Stdin: true, Stdout: true, Stderr: false, Tty: true), Ct);
        await session.DisposeAsync();

        Assert.True(session.ExitCode.IsCompleted);
        var remaining = await Runtime.ExecSyncAsync(id, ["sh", "-c", "ps | grep -c '[s]leep 300' || true"], TimeSpan.FromSeconds(5), Ct);
        Assert.Equal("0", Encoding.UTF8.GetString(remaining.Stdout).Trim());
    }

    [Fact]
    public async Task Attach_to_a_tty_container_types_into_it_and_resizes_it()
    {
        var pod = Pod("ttyattach");
        var sandbox = await RunSandboxAsync(pod);
        var container = Container("main", "sh", "-c", "read line; echo got $line; i=0; while [ \"$(stty size)\" != '30 100' ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; stty size; read rest; exit 3") with { Stdin = true, StdinOnce = true, Tty = true };
        var id = await StartContainerAsync(sandbox, pod, container);

        await using var session = await Runtime.AttachAsync(id, stdin: true, tty: true, Ct);
        Assert.Null(session.Stderr);
        await session.ResizeAsync(100, 30, Ct);
        await session.Stdin!.WriteAsync("x\n"u8.ToArray());
        var reader = new StreamReader(session.Stdout!);
        var lines = new List<string>();
        while (!lines.Contains("30 100"))
            lines.Add((await reader.ReadLineAsync().WaitAsync(Deadline) ?? throw new EndOfStreamException(string.Join('|', lines))).TrimEnd('\r'));
        Assert.Contains("got x", lines);
        await session.Stdin.WriteAsync("\n"u8.ToArray());
        Assert.Equal(3, await session.ExitCode.WaitAsync(Deadline));
    }

    private async Task<string> StartSleeperAsync(string name)
    {
        var pod = Pod(name);
        var sandbox = await RunSandboxAsync(pod);
        return await StartContainerAsync(sandbox, pod, Container("main", "sleep", "60"));
    }

    private static async Task<string> ReadAllAsync(IStreamSession session) =>
        await new StreamReader(session.Stdout!).ReadToEndAsync().WaitAsync(Deadline);
}
