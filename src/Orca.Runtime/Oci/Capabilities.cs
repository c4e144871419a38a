namespace Orca.Runtime.Oci;

/// <summary>
/// Linux capability sets: the container default (as Docker and containerd grant) and, for privileged
/// containers or "ALL", every capability this host's bounding set holds (root may lack some, e.g.
/// CAP_SYS_RESOURCE in some sandboxes; runc fails asking for a capability outside the bounding set).
/// </summary>
internal static class Capabilities
{
    public static readonly IReadOnlyList<string> Default =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Every capability the kernel knows of, indexed by its number.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    private static readonly Lazy<ulong> HostBounding = new(ReadHostBounding);

    /// <summary>The effective set under this process's bounding set.</summary>
    public static List<string> Compute(ContainerSecurity security) => Compute(security, HostBounding.Value);

    /// <summary>
    /// The effective set: default (or all of <paramref name="bounding"/> when privileged), minus drops,
    /// plus adds; "ALL" works in either list.
    /// </summary>
    public static List<string> Compute(ContainerSecurity security, ulong bounding)
    {
        if (security.Privileged)
            return Within(bounding);
        var drops = security.DropCapabilities.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var set = drops.Contains("CAP_ALL") ? [] : Default.Where(c => !drops.Contains(c)).ToList();
        foreach (var add in security.AddCapabilities.Select(Normalize))
        {
            if (add == "CAP_ALL")
                return Within(bounding);
            if (!set.Contains(add))
                set.Add(add);
        }
        return set;
    }

    private static List<string> Within(ulong bounding) => All.Where((_, bit) => (bounding >> bit & 1) == 1).ToList();

    /// <summary>CapBnd of /proc/self/status; all bits when it cannot be read.</summary>
    private static ulong ReadHostBounding()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
            return line is not null && ulong.TryParse(line["CapBnd:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, null, out var mask)
                ? mask : ulong.MaxValue;
        }
        catch (IOException)
        {
            return ulong.MaxValue;
        }
    }

    private static string Normalize(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
    }
}
