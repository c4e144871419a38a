namespace Orca.Runtime.Oci;

/// <summary>
/// The host's device nodes, for privileged containers (which see every host device, as Kubernetes
/// grants). Read from /sys/dev/{char,block}/MAJOR:MINOR/uevent (DEVNAME) and kept when /dev/DEVNAME
/// exists. The pseudo-terminal devices and the console are left out: runc gives the container its own.
/// </summary>
internal static class HostDevices
{
    private static readonly Lazy<IReadOnlyList<OciDevice>> Cached = new(() => Read("/sys/dev", "/dev"));

    public static IReadOnlyList<OciDevice> All => Cached.Value;

    /// <summary>Devices under <paramref name="sysDev"/> whose node exists under <paramref name="dev"/>, by path.</summary>
    public static IReadOnlyList<OciDevice> Read(string sysDev, string dev)
    {
        var devices = new List<OciDevice>();
        foreach (var (kind, type) in new[] { ("char", "c"), ("block", "b") })
        {
            var dir = Path.Combine(sysDev, kind);
            if (!Directory.Exists(dir)) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
            {
                if (Parse(entry, type, dev) is { } device) devices.Add(device);
            }
        }
        return devices.DistinctBy(d => d.Path).OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
    }

    private static OciDevice? Parse(string entry, string type, string dev)
    {
        var numbers = Path.GetFileName(entry).Split(':');
        if (numbers.Length != 2 || !long.TryParse(numbers[0], out var major) || !long.TryParse(numbers[1], out var minor)) return null;
        string? name;
        try
        {
            name = File.ReadLines(Path.Combine(entry, "uevent")).FirstOrDefault(l => l.StartsWith("DEVNAME=", StringComparison.Ordinal))?["DEVNAME=".Length..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (string.IsNullOrEmpty(name) || name.StartsWith("pts/", StringComparison.Ordinal) || name is "console" or "ptmx" || name.Contains("..", StringComparison.Ordinal))
            return null;
        var path = Path.Combine(dev, name);
        if (!File.Exists(path)) return null;
        var mode = (int)File.GetUnixFileMode(path) & 0b111_111_111;
        return new OciDevice(type, "/dev/" + name, major, minor, mode, 0, 0);
    }
}
