namespace Orca.Runtime.Cgroups;

/// <summary>cgroup v2: one unified tree; parents delegate cpu, memory and pids to their children.</summary>
internal sealed class CgroupV2Driver(string mountRoot) : CgroupDriver(mountRoot)
{
    public override bool IsUnified => true;

    public override void Create(string cgroupPath)
    {
        var current = MountRoot;
        foreach (var segment in Relative(cgroupPath).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            EnableControllers(current);
            current = Path.Combine(current, segment);
            Directory.CreateDirectory(current);
        }
    }

    public override void Remove(string cgroupPath)
    {
        if (Relative(cgroupPath).Length > 0)
            RemoveTree(Path.Combine(MountRoot, Relative(cgroupPath)));
    }

    public override void MoveProcess(int pid, string cgroupPath)
    {
        Create(cgroupPath);
        File.WriteAllText(Path.Combine(MountRoot, Relative(cgroupPath), "cgroup.procs"), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override bool WasOomKilled(string cgroupPath) =>
        ReadFlatKeyed(Path.Combine(MountRoot, Relative(cgroupPath), "memory.events")).GetValueOrDefault("oom_kill") > 0;

    public override CgroupUsage? ReadUsage(string cgroupPath)
    {
        var dir = Path.Combine(MountRoot, Relative(cgroupPath));
        if (!Directory.Exists(dir))
            return null;
        var cpuMicros = ReadFlatKeyed(Path.Combine(dir, "cpu.stat")).GetValueOrDefault("usage_usec");
        var current = ReadNumber(Path.Combine(dir, "memory.current")) ?? 0;
        var inactive = ReadFlatKeyed(Path.Combine(dir, "memory.stat")).GetValueOrDefault("inactive_file");
        return new CgroupUsage(cpuMicros * 1000, current > inactive ? current - inactive : 0);
    }

    private static void EnableControllers(string dir)
    {
        var available = File.ReadAllText(Path.Combine(dir, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wanted = new[] { "cpu", "memory", "pids" }.Where(available.Contains).Select(c => "+" + c);
        try
        {
            File.WriteAllText(Path.Combine(dir, "cgroup.subtree_control"), string.Join(' ', wanted));
        }
        catch (IOException)
        {
            // A cgroup with processes of its own cannot delegate (no internal processes rule); runc reports what it then lacks.
        }
    }
}
