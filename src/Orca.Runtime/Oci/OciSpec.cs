using System.Text.Json.Serialization;

namespace Orca.Runtime.Oci;

/// <summary>The subset of the OCI runtime spec (config.json) Orca writes for runc.</summary>
internal sealed record OciSpec
{
    public string OciVersion { get; init; } = "1.0.2";
    public required OciProcess Process { get; init; }
    public required OciRoot Root { get; init; }
    public string Hostname { get; init; } = "";
    public List<OciMount> Mounts { get; init; } = [];
    public Dictionary<string, string> Annotations { get; init; } = [];
    public required OciLinux Linux { get; init; }
}

internal sealed record OciProcess
{
    public bool Terminal { get; init; }
    public required OciUser User { get; init; }
    public required List<string> Args { get; init; }
    public List<string> Env { get; init; } = [];
    public string Cwd { get; init; } = "/";
    public OciCapabilities? Capabilities { get; init; }
    public List<OciRlimit> Rlimits { get; init; } = [];
    public bool NoNewPrivileges { get; init; }
    public int? OomScoreAdj { get; init; }
}

internal sealed record OciUser(uint Uid, uint Gid, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<uint>? AdditionalGids = null);

internal sealed record OciCapabilities(List<string> Bounding, List<string> Effective, List<string> Permitted, List<string> Inheritable, List<string> Ambient);

internal sealed record OciRlimit(string Type, ulong Hard, ulong Soft);

internal sealed record OciRoot(string Path, bool Readonly);

internal sealed record OciMount(string Destination, string Type, string Source, List<string> Options);

internal sealed record OciLinux
{
    public List<OciNamespace> Namespaces { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CgroupsPath { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OciResources? Resources { get; init; }
    public Dictionary<string, string> Sysctl { get; init; } = [];
    public List<string> MaskedPaths { get; init; } = [];
    public List<string> ReadonlyPaths { get; init; } = [];
    public List<OciDevice> Devices { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OciSeccomp? Seccomp { get; init; }
}

/// <summary>linux.seccomp: the action for syscalls no rule names, the architectures, and the rules.</summary>
internal sealed record OciSeccomp
{
    public string DefaultAction { get; init; } = "SCMP_ACT_ALLOW";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public uint? DefaultErrnoRet { get; init; }
    public List<string> Architectures { get; init; } = [];
    public List<OciSyscall> Syscalls { get; init; } = [];
}

/// <summary>One seccomp rule: the action for these syscalls when every argument condition holds.</summary>
internal sealed record OciSyscall
{
    public List<string> Names { get; init; } = [];
    public string Action { get; init; } = "SCMP_ACT_ERRNO";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public uint? ErrnoRet { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<OciSyscallArg>? Args { get; init; }
}

/// <summary>A condition on syscall argument <see cref="Index"/> (op SCMP_CMP_MASKED_EQ: (arg &amp; Value) == ValueTwo).</summary>
internal sealed record OciSyscallArg(uint Index, ulong Value, ulong ValueTwo, string Op);

/// <summary>A device node runc creates in the container (linux.devices).</summary>
internal sealed record OciDevice(string Type, string Path, long Major, long Minor, int FileMode, uint Uid, uint Gid);

internal sealed record OciNamespace(string Type, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path = null);

internal sealed record OciResources
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OciMemory? Memory { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OciCpu? Cpu { get; init; }
    public List<OciDeviceRule> Devices { get; init; } = [new OciDeviceRule(false, null, null, null, "rwm")];
}

internal sealed record OciDeviceRule(
    bool Allow,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Major,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Minor,
    string Access);

internal sealed record OciMemory([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Limit, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Swap);

internal sealed record OciCpu(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? Shares,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Quota,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? Period);
