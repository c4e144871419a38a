namespace Orca.Runtime.Tests.Runtime;

/// <summary>Choosing the OCI runtime: runc by default, crun only where the host has cgroup v2.</summary>
public sealed class OciRuntimeOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orca-ociruntime-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RuncRuntimeOptions Options(string runtime, bool unified)
    {
        var cgroups = Path.Combine(_dir, unified ? "v2" : "v1");
        Directory.CreateDirectory(cgroups);
        if (unified) File.WriteAllText(Path.Combine(cgroups, "cgroup.controllers"), "cpu memory pids");
        // The binary only has to exist for validation; crun is not installed on every host.
        return new RuncRuntimeOptions { Root = Path.Combine(_dir, "root"), Runtime = runtime, RuntimePath = "/bin/sh", CgroupMountRoot = cgroups };
    }

    [Fact]
    public void Runc_is_the_default_with_its_debian_path()
    {
        var options = new RuncRuntimeOptions { Root = "/x" };
        Assert.Equal("runc", options.Runtime);
        Assert.Equal("/usr/sbin/runc", options.RuntimePath);
        Assert.Equal("/usr/bin/crun", (options with { Runtime = "crun" }).RuntimePath);
    }

    [Fact]
    public void An_unknown_runtime_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Options("youki", unified: true).Validate());
        Assert.Contains("unknown OCI runtime \"youki\" (known: runc, crun)", e.Message);
    }

    [Fact]
    public void Crun_on_a_cgroup_v1_host_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => Options("crun", unified: false).Validate());
        Assert.Contains("crun needs cgroup v2", e.Message);
        Assert.Contains("use runc on this host", e.Message);
        Assert.Throws<ArgumentException>(() => new RuncRuntime(Options("crun", unified: false), new FakeImages(_dir)));
    }

    [Fact]
    public void Crun_on_a_cgroup_v2_host_and_runc_on_either_are_accepted()
    {
        Options("crun", unified: true).Validate();
        Options("runc", unified: false).Validate();
        Options("runc", unified: true).Validate();
        Assert.Null(OciRuntimes.HostProblem("runc", Path.Combine(_dir, "v1")));
    }

    [Fact]
    public void The_runtime_reports_the_chosen_name()
    {
        var runtime = new RuncRuntime(Options("crun", unified: true), new FakeImages(_dir));
        Assert.Equal("crun", runtime.RuntimeName);
    }
}
