using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orca.Runtime.Oci;

/// <summary>
/// The seccomp filters a container can run under. RuntimeDefault is Orca's own default: every syscall is
/// allowed except those that reach outside the container or into the kernel (mounting, namespaces, kernel
/// modules, rebooting, the clock, accounting, raw I/O, NUMA policy, the kernel keyring, other processes'
/// memory, …), which fail with EPERM unless the container holds the capability that governs them — the
/// same syscalls container engines' default profiles keep away from ordinary containers. Localhost
/// profiles are read from a JSON file in the OCI / Docker seccomp format.
/// </summary>
internal static class SeccompProfiles
{
    private const uint Eperm = 1;
    private const uint Enosys = 38;

    /// <summary>Syscalls denied unless the container holds the capability (null: denied to every container).</summary>
    private static readonly (string? Capability, string[] Syscalls)[] Denied =
    [
        ("CAP_SYS_ADMIN", ["mount", "umount", "umount2", "pivot_root", "unshare", "setns", "fsopen", "fsconfig", "fsmount", "fspick",
            "move_mount", "open_tree", "mount_setattr", "quotactl", "quotactl_fd", "lookup_dcookie", "fanotify_init", "swapon", "swapoff"]),
        ("CAP_SYS_MODULE", ["init_module", "finit_module", "delete_module", "create_module", "query_module", "get_kernel_syms"]),
        ("CAP_SYS_BOOT", ["reboot", "kexec_load", "kexec_file_load"]),
        ("CAP_SYS_TIME", ["settimeofday", "stime", "clock_settime", "clock_settime64", "clock_adjtime", "clock_adjtime64"]),
        ("CAP_SYS_PTRACE", ["process_vm_readv", "process_vm_writev", "kcmp", "userfaultfd"]),
        ("CAP_SYS_PACCT", ["acct"]),
        ("CAP_SYS_RAWIO", ["iopl", "ioperm"]),
        ("CAP_SYS_NICE", ["get_mempolicy", "set_mempolicy", "set_mempolicy_home_node", "mbind", "move_pages"]),
        ("CAP_DAC_READ_SEARCH", ["open_by_handle_at"]),
        ("CAP_SYSLOG", ["syslog"]),
        ("CAP_SYS_TTY_CONFIG", ["vhangup"]),
        ("CAP_BPF", ["bpf"]),
        ("CAP_PERFMON", ["perf_event_open"]),
        (null, ["keyctl", "add_key", "request_key", "uselib", "ustat", "sysfs", "_sysctl", "nfsservctl", "vm86", "vm86old"]),
    ];

    /// <summary>The clone flags that make new namespaces (CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET).</summary>
    private static readonly ulong[] NamespaceFlags = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000];

    /// <summary>The filter for <paramref name="profile"/> and the container's effective capabilities; null when unconfined.</summary>
    public static OciSeccomp? For(SeccompProfile profile, IReadOnlyCollection<string> capabilities) => profile.Kind switch
    {
        SeccompKind.RuntimeDefault => RuntimeDefault(capabilities),
        SeccompKind.Localhost => Load(profile.LocalhostPath ?? throw new ArgumentException("a Localhost seccomp profile needs a path"), capabilities),
        _ => null,
    };

    public static OciSeccomp RuntimeDefault(IReadOnlyCollection<string> capabilities)
    {
        var rules = new List<OciSyscall>();
        var denied = Denied.Where(d => d.Capability is null || !capabilities.Contains(d.Capability)).SelectMany(d => d.Syscalls).ToList();
        rules.Add(new OciSyscall { Names = denied, Action = "SCMP_ACT_ERRNO", ErrnoRet = Eperm });
        if (!capabilities.Contains("CAP_SYS_ADMIN"))
        {
            // clone with a namespace flag fails; clone3 (whose flags sit in memory a filter cannot read)
            // answers ENOSYS so that libc falls back to clone.
            foreach (var flag in NamespaceFlags)
                rules.Add(new OciSyscall { Names = ["clone"], Action = "SCMP_ACT_ERRNO", ErrnoRet = Eperm, Args = [new OciSyscallArg(0, flag, flag, "SCMP_CMP_MASKED_EQ")] });
            rules.Add(new OciSyscall { Names = ["clone3"], Action = "SCMP_ACT_ERRNO", ErrnoRet = Enosys });
        }
        return new OciSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Architectures = NativeArchitectures(), Syscalls = rules };
    }

    /// <summary>
    /// Reads a profile in the OCI or Docker seccomp JSON format (defaultAction, defaultErrnoRet, architectures or
    /// archMap, syscalls with names or name, action, errnoRet, args, and Docker's includes/excludes by capability).
    /// Throws ArgumentException naming the file when it cannot be read or is not such a profile.
    /// </summary>
    public static OciSeccomp Load(string path, IReadOnlyCollection<string> capabilities)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            var profile = new OciSeccomp
            {
                DefaultAction = root.GetProperty("defaultAction").GetString() ?? throw new FormatException("defaultAction is empty"),
                DefaultErrnoRet = root.TryGetProperty("defaultErrnoRet", out var errno) ? errno.GetUInt32() : null,
                Architectures = Architectures(root),
            };
            if (root.TryGetProperty("syscalls", out var syscalls) && syscalls.ValueKind == JsonValueKind.Array)
            {
                foreach (var rule in syscalls.EnumerateArray())
                {
                    if (Applies(rule, capabilities)) profile.Syscalls.Add(Rule(rule));
                }
            }
            return profile;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"cannot load seccomp profile \"{path}\": {e.Message}", e);
        }
    }

    private static List<string> Architectures(JsonElement root)
    {
        if (root.TryGetProperty("architectures", out var list) && list.ValueKind == JsonValueKind.Array)
            return [.. list.EnumerateArray().Select(a => a.GetString()!)];
        if (!root.TryGetProperty("archMap", out var map) || map.ValueKind != JsonValueKind.Array) return [];
        var native = NativeArchitectures();
        foreach (var entry in map.EnumerateArray())
        {
            var arch = entry.GetProperty("architecture").GetString();
            if (native.Count > 0 && arch != native[0]) continue;
            var all = new List<string> { arch! };
            if (entry.TryGetProperty("subArchitectures", out var subs)) all.AddRange(subs.EnumerateArray().Select(s => s.GetString()!));
            return all;
        }
        return [];
    }

    /// <summary>Docker's conditions: includes.caps all held, excludes.caps none held.</summary>
    private static bool Applies(JsonElement rule, IReadOnlyCollection<string> capabilities)
    {
        if (rule.TryGetProperty("includes", out var inc) && inc.TryGetProperty("caps", out var need)
            && need.EnumerateArray().Any(c => !capabilities.Contains(c.GetString()!)))
            return false;
        return !(rule.TryGetProperty("excludes", out var exc) && exc.TryGetProperty("caps", out var not)
            && not.EnumerateArray().Any(c => capabilities.Contains(c.GetString()!)));
    }

    private static OciSyscall Rule(JsonElement rule)
    {
        List<string> names = rule.TryGetProperty("names", out var many) ? [.. many.EnumerateArray().Select(n => n.GetString()!)]
            : rule.TryGetProperty("name", out var one) ? [one.GetString()!] : throw new FormatException("a syscall rule has no names");
        List<OciSyscallArg>? args = null;
        if (rule.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0)
        {
            args = [.. a.EnumerateArray().Select(x => new OciSyscallArg(
                x.GetProperty("index").GetUInt32(), x.GetProperty("value").GetUInt64(),
                x.TryGetProperty("valueTwo", out var two) ? two.GetUInt64() : 0, x.GetProperty("op").GetString()!))];
        }
        return new OciSyscall
        {
            Names = names,
            Action = rule.GetProperty("action").GetString()!,
            ErrnoRet = rule.TryGetProperty("errnoRet", out var errno) ? errno.GetUInt32() : null,
            Args = args,
        };
    }

    /// <summary>This machine's architecture and the ones its kernel also runs (so a 32-bit call cannot slip past).</summary>
    private static List<string> NativeArchitectures() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
        Architecture.Arm64 => ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
        _ => [],
    };
}
