namespace Orca.Runtime.Cgroups;

/// <summary>CPU and memory counters of one cgroup.</summary>
internal sealed record CgroupUsage(ulong CpuUsageNanoseconds, ulong MemoryWorkingSetBytes);

/// <summary>
/// cgroupfs access for pod and container cgroups, v1 (per-controller hierarchies) or v2 (unified).
/// Paths are cgroup paths like /orca/burstable/pod123, the same string runc gets as cgroupsPath.
/// Thread-safe (the file system is the state).
/// </summary>
internal abstract class CgroupDriver(string mountRoot)
{
    protected string MountRoot { get; } = mountRoot;

    /// <summary>v2 when the unified hierarchy is mounted at the root, else v1.</summary>
    public static CgroupDriver Detect(string mountRoot = "/sys/fs/cgroup") =>
        File.Exists(Path.Combine(mountRoot, "cgroup.controllers")) ? new CgroupV2Driver(mountRoot) : new CgroupV1Driver(mountRoot);

    public abstract bool IsUnified { get; }

    /// <summary>Creates the cgroup and its parents. Idempotent.</summary>
    public abstract void Create(string cgroupPath);

    /// <summary>Removes the cgroup and everything below it (deepest first); empty cgroups only. Idempotent.</summary>
    public abstract void Remove(string cgroupPath);

    /// <summary>
    /// Moves process <paramref name="pid"/> into <paramref name="cgroupPath"/> (created if missing) in every
    /// hierarchy Orca manages; hierarchies it does not manage (v1 cpuset, …) keep the process where it was.
    /// </summary>
    public abstract void MoveProcess(int pid, string cgroupPath);

    /// <summary>Whether the kernel OOM-killed a process in this cgroup.</summary>
    public abstract bool WasOomKilled(string cgroupPath);

    /// <summary>CPU time and memory working set (usage minus inactive file pages), or null if the cgroup is gone.</summary>
    public abstract CgroupUsage? ReadUsage(string cgroupPath);

    protected static string Relative(string cgroupPath) => cgroupPath.TrimStart('/');

    /// <summary>rmdir of every directory under <paramref name="dir"/>, deepest first, retrying briefly while tasks drain.</summary>
    protected static void RemoveTree(string dir)
    {
        if (!Directory.Exists(dir))
            return;
        foreach (var child in Directory.EnumerateDirectories(dir))
            RemoveTree(child);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(dir);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(10); // the kernel frees a cgroup only after its last task is reaped
            }
        }
    }

    protected static IReadOnlyDictionary<string, ulong> ReadFlatKeyed(string file)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return values;
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && ulong.TryParse(parts[1], out var value))
                values[parts[0]] = value;
        }
        return values;
    }

    protected static ulong? ReadNumber(string file) =>
        File.Exists(file) && ulong.TryParse(File.ReadAllText(file).Trim(), out var value) ? value : null;
}
