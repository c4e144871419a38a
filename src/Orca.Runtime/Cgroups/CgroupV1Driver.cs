namespace Orca.Runtime.Cgroups;

/// <summary>
/// cgroup v1: one hierarchy per controller. Creation skips cpuset (an empty cpuset.cpus in an
/// intermediate cgroup would stop runc from joining it; runc fills cpuset parents itself).
/// </summary>
internal sealed class CgroupV1Driver(string mountRoot) : CgroupDriver(mountRoot)
{
    private static readonly string[] CreatedControllers = ["cpu", "cpuacct", "memory", "pids", "blkio", "devices", "freezer"];
    // "unified": on a hybrid host runc also makes each container's cgroup in the v2 hierarchy mounted there,
    // and the parents it creates on the way (pod and QoS cgroups) are ours to remove.
    private static readonly string[] RemovedControllers = [.. CreatedControllers, "cpuset", "perf_event", "net_cls", "net_prio", "hugetlb", "rdma", "misc", "systemd", "unified"];

    public override bool IsUnified => false;

    public override void Create(string cgroupPath)
    {
        foreach (var controller in CreatedControllers)
        {
            var root = Path.Combine(MountRoot, controller);
            if (Directory.Exists(root))
                Directory.CreateDirectory(Path.Combine(root, Relative(cgroupPath)));
        }
    }

    public override void Remove(string cgroupPath)
    {
        if (Relative(cgroupPath).Length == 0)
            return;
        foreach (var controller in RemovedControllers.Distinct())
            RemoveTree(Path.Combine(MountRoot, controller, Relative(cgroupPath)));
    }

    public override void MoveProcess(int pid, string cgroupPath)
    {
        Create(cgroupPath);
        foreach (var controller in CreatedControllers)
        {
            var procs = Path.Combine(MountRoot, controller, Relative(cgroupPath), "cgroup.procs");
            if (File.Exists(procs))
                File.WriteAllText(procs, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public override bool WasOomKilled(string cgroupPath)
    {
        var dir = Path.Combine(MountRoot, "memory", Relative(cgroupPath));
        var control = ReadFlatKeyed(Path.Combine(dir, "memory.oom_control"));
        if (control.TryGetValue("oom_kill", out var kills))
            return kills > 0;
        return ReadNumber(Path.Combine(dir, "memory.failcnt")) > 0;
    }

    public override CgroupUsage? ReadUsage(string cgroupPath)
    {
        var memoryDir = Path.Combine(MountRoot, "memory", Relative(cgroupPath));
        var cpu = ReadNumber(Path.Combine(MountRoot, "cpuacct", Relative(cgroupPath), "cpuacct.usage"));
        var usage = ReadNumber(Path.Combine(memoryDir, "memory.usage_in_bytes"));
        if (cpu is null && usage is null)
            return null;
        var stat = ReadFlatKeyed(Path.Combine(memoryDir, "memory.stat"));
        var inactive = stat.GetValueOrDefault("total_inactive_file");
        var used = usage ?? 0;
        return new CgroupUsage(cpu ?? 0, used > inactive ? used - inactive : 0);
    }
}
