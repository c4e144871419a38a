using System.Diagnostics;
using System.Text;

namespace Orca.Runtime.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class ContainerTests(RuntimeFixture fixture) : RuntimeTestBase(fixture)
{
    [Theory]
    [InlineData("echo hello-log", 0, "Completed")]
    [InlineData("echo failing; exit 3", 3, "Error")]
    public async Task Exit_code_reason_and_cri_log_line_are_recorded(string script, int exitCode, string reason)
    {
        var pod = Pod("logs");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sh", "-c", script));

        var status = await WaitForExitAsync(id);
        Assert.Equal((exitCode, reason), (status.ExitCode, status.Reason));
        Assert.NotNull(status.FinishedAt);
        Assert.Equal(Path.Combine(pod.LogDirectory, "main/0.log"), status.LogPath);
        var line = Assert.Single(File.ReadAllLines(status.LogPath));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+[+-]\d\d:\d\d stdout F " + script.Split(' ')[1].TrimEnd(';') + "$", line);
    }

    [Fact]
    public async Task Command_env_and_working_dir_follow_the_config_over_the_image()
    {
        var pod = Pod("env");
        var sandbox = await RunSandboxAsync(pod);
        var container = Container("main", "sh", "-c", "echo $FROM_IMAGE $MINE $(pwd) $(id -u)") with
        {
            Env = [new KeyValue("MINE", "mine")],
            WorkingDir = "/tmp",
            Security = new ContainerSecurity { RunAsUser = 65534 },
        };
        var id = await StartContainerAsync(sandbox, pod, container);

        var status = await WaitForExitAsync(id);
        Assert.Equal(0, status.ExitCode);
        Assert.EndsWith(" stdout F yes mine /tmp 65534", File.ReadAllLines(status.LogPath).Single());
    }

    [Fact]
    public async Task Exec_sync_returns_output_and_exit_code()
    {
        var pod = Pod("exec");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sleep", "60"));

        var result = await Runtime.ExecSyncAsync(id, ["sh", "-c", "echo out; echo err >&2; exit 5"], TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("out\n", Encoding.UTF8.GetString(result.Stdout));
        Assert.Equal("err\n", Encoding.UTF8.GetString(result.Stderr));
        await Assert.ThrowsAsync<TimeoutException>(() => Runtime.ExecSyncAsync(id, ["sleep", "30"], TimeSpan.FromMilliseconds(300), Ct));
    }

    [Fact]
    public async Task Interactive_exec_pipes_stdin_to_stdout()
    {
        var pod = Pod("iexec");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sleep", "60"));

        await using var session = await Runtime.ExecAsync(id, new ExecRequest(["cat"], Stdin: true, Stdout: true, Stderr: true, Tty: false), Ct);
        await session.Stdin!.WriteAsync("ping\n"u8.ToArray());
        session.Stdin.Close();
        var output = await new StreamReader(session.Stdout!).ReadToEndAsync();
        Assert.Equal("ping\n", output);
        Assert.Equal(0, await session.ExitCode);
    }

    [Fact]
    public async Task Attach_sends_stdin_and_demultiplexes_stdout_and_stderr()
    {
        var pod = Pod("attach");
        var sandbox = await RunSandboxAsync(pod);
        var container = Container("main", "sh", "-c", "read line; echo got $line; echo oops >&2; read rest; exit 4") with { Stdin = true, StdinOnce = true };
        var id = await StartContainerAsync(sandbox, pod, container);

        await using var session = await Runtime.AttachAsync(id, stdin: true, tty: false, Ct);
        await session.Stdin!.WriteAsync("x\n"u8.ToArray());
        var stdout = new StreamReader(session.Stdout!);
        var stderr = new StreamReader(session.Stderr!);
        Assert.Equal("got x", await stdout.ReadLineAsync());
        Assert.Equal("oops", await stderr.ReadLineAsync());
        session.Stdin.Close();
        Assert.Equal(4, await session.ExitCode.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_created_container_runs_only_once_started_and_runc_then_reports_it_running()
    {
        var pod = Pod("start");
        var sandbox = await RunSandboxAsync(pod);
        var id = await Runtime.CreateContainerAsync(sandbox, Container("main", "sh", "-c", "echo started; sleep 60"), pod, Ct);
        Assert.Equal("created", RuncStatus(id));
        Assert.True(File.Exists(Path.Combine(RuncRoot, id, "exec.fifo")));

        await Runtime.StartContainerAsync(id, Ct);

        Assert.Equal("running", RuncStatus(id));
        Assert.False(File.Exists(Path.Combine(RuncRoot, id, "exec.fifo")));
        var status = await Runtime.ContainerStatusAsync(id, Ct);
        Assert.Equal(ContainerState.Running, status!.State);
        await WaitUntilAsync(() => Task.FromResult(File.Exists(status.LogPath) && File.ReadAllText(status.LogPath).Contains(" stdout F started")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Runtime.StartContainerAsync(id, Ct));
    }

    [Fact]
    public async Task Starting_a_container_whose_process_died_before_start_fails()
    {
        var pod = Pod("dead");
        var sandbox = await RunSandboxAsync(pod);
        var id = await Runtime.CreateContainerAsync(sandbox, Container("main", "true"), pod, Ct);
        var pid = (await Runtime.ContainerStatusAsync(id, Ct))!.Pid;
        Process.GetProcessById(pid).Kill();

        // Refused either way: through the fifo ("container process is already dead") or, once conmon has recorded
        // the exit, because the container is no longer Created.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Runtime.StartContainerAsync(id, Ct));

        Assert.True(error.Message.Contains("already dead", StringComparison.Ordinal) || error.Message.Contains("not Created", StringComparison.Ordinal), error.Message);
        var status = await WaitForExitAsync(id);
        Assert.Null(status.StartedAt);
    }

    private string RuncRoot => Path.Combine(Fixture.Options.Root, "runc");

    private string RuncStatus(string id)
    {
        using var runc = Process.Start(new ProcessStartInfo("runc", ["--root", RuncRoot, "state", id]) { RedirectStandardOutput = true })!;
        var state = System.Text.Json.JsonDocument.Parse(runc.StandardOutput.ReadToEnd());
        runc.WaitForExit();
        return state.RootElement.GetProperty("status").GetString()!;
    }

    [Theory]
    [InlineData("missing", "/no/such/binary", "", "exec: \"/no/such/binary\": stat /no/such/binary: no such file or directory")]
    [InlineData("badmount", "true", "/nonexistent/orca-test-path", "/nonexistent/orca-test-path")]
    public async Task A_process_runc_refuses_leaves_an_exited_container_with_start_error_and_no_mounts(string name, string command, string mountSource, string expected)
    {
        var pod = Pod(name);
        var sandbox = await RunSandboxAsync(pod);
        var container = Container("main", command);
        if (mountSource.Length > 0) container = container with { Mounts = [new Mount("/data", mountSource)] };

        var id = await Runtime.CreateContainerAsync(sandbox, container, pod, Ct);

        var status = await Runtime.ContainerStatusAsync(id, Ct);
        Assert.Equal((ContainerState.Exited, 128, "StartError"), (status!.State, status.ExitCode, status.Reason));
        Assert.Null(status.StartedAt);
        Assert.Contains(expected, status.Message);
        Assert.DoesNotContain("{", status.Message);
        Assert.Empty(RuntimeFixture.MountsBelow(Path.Combine(Fixture.Options.Root, "containers")));
        var error = await Assert.ThrowsAsync<ContainerStartException>(() => Runtime.StartContainerAsync(id, Ct));
        Assert.Equal(status.Message, error.Message);
        await Runtime.RemoveContainerAsync(id, Ct);
        Assert.Empty(await Runtime.ListContainersAsync(sandbox, Ct));
    }

    [Theory]
    [InlineData("trap 'exit 7' TERM; while true; do sleep 0.05; done", 7, false)]
    [InlineData("trap '' TERM; while true; do sleep 0.05; done", 137, true)]
    public async Task Stop_sends_sigterm_then_sigkill_after_the_timeout(string script, int exitCode, bool waitsForTimeout)
    {
        var pod = Pod("stop");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sh", "-c", script));
        await WaitUntilAsync(async () => (await Runtime.ExecSyncAsync(id, ["true"], TimeSpan.FromSeconds(5), Ct)).ExitCode == 0);

        var timeout = TimeSpan.FromMilliseconds(800);
        var clock = Stopwatch.StartNew();
        await Runtime.StopContainerAsync(id, timeout, Ct);
        clock.Stop();

        var status = await Runtime.ContainerStatusAsync(id, Ct);
        Assert.Equal((ContainerState.Exited, exitCode), (status!.State, status.ExitCode));
        Assert.Equal(waitsForTimeout, clock.Elapsed >= timeout);
        await Runtime.StopContainerAsync(id, timeout, Ct);
    }

    [Fact]
    public async Task Exceeding_the_memory_limit_is_reported_as_OOMKilled()
    {
        var pod = Pod("oom");
        var sandbox = await RunSandboxAsync(pod);
        var container = Container("hog", "sh", "-c", "head -c 64m /dev/zero | tail") with
        {
            Resources = new LinuxResources { MemoryLimitInBytes = 16 * 1024 * 1024 },
        };
        var id = await StartContainerAsync(sandbox, pod, container);

        var status = await WaitForExitAsync(id, TimeSpan.FromSeconds(20));
        Assert.Equal("OOMKilled", status.Reason);
        Assert.NotEqual(0, status.ExitCode);
    }

    [Fact]
    public async Task Stats_report_memory_and_cpu_of_a_running_container()
    {
        var pod = Pod("stats");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sh", "-c", "x=$(head -c 2000000 /dev/zero | tr '\\0' a); sleep 60; echo ${#x}"));
        await WaitUntilAsync(async () => (await Runtime.ContainerStatsAsync(id, Ct))!.MemoryWorkingSetBytes > 1_000_000);

        var stats = await Runtime.ContainerStatsAsync(id, Ct);
        Assert.True(stats!.CpuUsageCoreNanoSeconds > 0);
    }

    [Fact]
    public async Task Removing_a_container_unmounts_its_root_and_forgets_it()
    {
        var pod = Pod("remove");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sleep", "60"));

        await Runtime.RemoveContainerAsync(id, Ct);
        await Runtime.RemoveContainerAsync(id, Ct);

        Assert.Null(await Runtime.ContainerStatusAsync(id, Ct));
        Assert.DoesNotContain(RuntimeFixture.MountsBelow(Fixture.Options.Root), m => m.Contains(id));
        Assert.False(Directory.Exists(Path.Combine(Fixture.Options.Root, "containers", id)));
    }
}
