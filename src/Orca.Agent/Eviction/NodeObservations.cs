using System.Runtime.InteropServices;

namespace Orca.Agent.Eviction;

/// <summary>What the eviction signals measure, at one moment: available amount and capacity per signal.</summary>
internal sealed record NodeObservations(
    long MemoryAvailable, long MemoryCapacity,
    long NodeFsAvailable, long NodeFsCapacity, long NodeFsInodesFree, long NodeFsInodes,
    long ImageFsAvailable, long ImageFsCapacity, long ImageFsInodesFree, long ImageFsInodes)
{
    /// <summary>(available, capacity) of a signal.</summary>
    public (long Available, long Capacity) Of(string signal) => signal switch
    {
        EvictionSignals.MemoryAvailable => (MemoryAvailable, MemoryCapacity),
        EvictionSignals.NodeFsAvailable => (NodeFsAvailable, NodeFsCapacity),
        EvictionSignals.NodeFsInodesFree => (NodeFsInodesFree, NodeFsInodes),
        EvictionSignals.ImageFsAvailable => (ImageFsAvailable, ImageFsCapacity),
        EvictionSignals.ImageFsInodesFree => (ImageFsInodesFree, ImageFsInodes),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "unknown eviction signal"),
    };
}

/// <summary>
/// Measures the node: memory from /proc/meminfo (MemAvailable of MemTotal), the node and image
/// filesystems with statvfs of the agent's data directory and of the image store's directory.
/// </summary>
internal static class HostObserver
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Statvfs
    {
        public ulong Bsize, Frsize, Blocks, Bfree, Bavail, Files, Ffree, Favail, Fsid, Flag, Namemax;
        private readonly int _spare0, _spare1, _spare2, _spare3, _spare4, _spare5;
    }

    [DllImport("libc", EntryPoint = "statvfs", SetLastError = true)]
    private static extern int StatvfsNative(string path, out Statvfs buffer);

    public static NodeObservations Observe(string nodeFsPath, string imageFsPath)
    {
        var (memAvailable, memTotal) = Memory();
        var node = Filesystem(nodeFsPath);
        var image = Filesystem(imageFsPath);
        return new NodeObservations(memAvailable, memTotal, node.Available, node.Capacity, node.InodesFree, node.Inodes,
            image.Available, image.Capacity, image.InodesFree, image.Inodes);
    }

    private static (long Available, long Total) Memory()
    {
        long available = 0, total = 0;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], out var kb)) continue;
            if (parts[0] == "MemAvailable:") available = kb * 1024;
            else if (parts[0] == "MemTotal:") total = kb * 1024;
        }
        return (available, total);
    }

    private static (long Available, long Capacity, long InodesFree, long Inodes) Filesystem(string path)
    {
        if (StatvfsNative(path, out var s) != 0) throw new IOException($"statvfs {path} failed: errno {Marshal.GetLastPInvokeError()}");
        var unit = (long)(s.Frsize > 0 ? s.Frsize : s.Bsize);
        return ((long)s.Bavail * unit, (long)s.Blocks * unit, (long)s.Ffree, (long)s.Files);
    }
}
