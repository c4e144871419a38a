using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Orca.Agent.Node;

/// <summary>What the machine says about itself, read once from /proc, /sys and /etc. Missing files give "".</summary>
internal sealed record HostFacts
{
    public int Cpus { get; init; }
    public long MemoryBytes { get; init; }
    public long EphemeralStorageBytes { get; init; }
    public string InternalIp { get; init; } = "127.0.0.1";
    public string Hostname { get; init; } = "";
    public string KernelVersion { get; init; } = "";
    public string OsImage { get; init; } = "";
    public string MachineId { get; init; } = "";
    public string SystemUuid { get; init; } = "";
    public string BootId { get; init; } = "";

    public static HostFacts Read(string dataDir) => new()
    {
        Cpus = Environment.ProcessorCount,
        MemoryBytes = MemTotal(),
        EphemeralStorageBytes = FilesystemSize(dataDir),
        InternalIp = FirstIPv4(),
        Hostname = System.Net.Dns.GetHostName(),
        KernelVersion = ReadTrimmed("/proc/sys/kernel/osrelease"),
        OsImage = PrettyName(),
        MachineId = ReadTrimmed("/etc/machine-id"),
        SystemUuid = ReadTrimmed("/sys/class/dmi/id/product_uuid"),
        BootId = ReadTrimmed("/proc/sys/kernel/random/boot_id"),
    };

    private static long MemTotal()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && long.TryParse(parts[1], out var kb)) return kb * 1024;
        }
        return 0;
    }

    private static long FilesystemSize(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            return new DriveInfo(dir).TotalSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    private static string FirstIPv4()
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
                foreach (var a in nic.GetIPProperties().UnicastAddresses)
                {
                    if (a.Address.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a.Address))
                        return a.Address.ToString();
                }
            }
        }
        catch (NetworkInformationException)
        {
        }
        return "127.0.0.1";
    }

    private static string PrettyName()
    {
        foreach (var line in ReadLines("/etc/os-release"))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) return line["PRETTY_NAME=".Length..].Trim('"');
        }
        return "Linux";
    }

    private static string ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
