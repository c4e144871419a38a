using System.Text;
using System.Text.RegularExpressions;

namespace Orca.Runtime.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class TtyExecTests(RuntimeFixture fixture) : RuntimeTestBase(fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

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
        Assert.Contains("30 100\r\n", output);
        Assert.Contains("hello\r\n", output);
        Assert.Equal(4, await session.ExitCode.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Interactive_tty_exec_runs_what_is_typed()
    {
        var id = await StartSleeperAsync("ttyin");

        await using var session = await Runtime.ExecAsync(id, new ExecRequest(["sh"], Stdin: true, Stdout: true, Stderr: true, Tty: true), Ct);
        var reading = ReadAllAsync(session);
        await session.Stdin!.WriteAsync("echo $((2+3))\nexit\n"u8.ToArray());
        var output = await reading;

        Assert.Matches(new Regex(@"(^|\n)5\r\n"), output);
        Assert.Equal(0, await session.ExitCode.WaitAsync(Deadline));
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

    private async Task<string> StartSleeperAsync(string name)
    {
        var pod = Pod(name);
        var sandbox = await RunSandboxAsync(pod);
        return await StartContainerAsync(sandbox, pod, Container("main", "sleep", "60"));
    }

    private static async Task<string> ReadAllAsync(IStreamSession session) =>
        await new StreamReader(session.Stdout!).ReadToEndAsync().WaitAsync(Deadline);
}
