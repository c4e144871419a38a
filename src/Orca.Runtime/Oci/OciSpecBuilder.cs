using Orca.Runtime.Native;

namespace Orca.Runtime.Oci;

/// <summary>What a container's spec needs to know about its sandbox.</summary>
internal sealed record SandboxSpecContext(
    PodSandboxConfig Config, string? NetnsPath, int InfraPid, string HostsFile, string ResolvConfFile, string HostnameFile);

/// <summary>
/// Builds OCI runtime specs: the infra (pause) container's and an app container's from its
/// ContainerConfig, the image config and the sandbox. Pure apart from reading the hard
/// RLIMIT_NOFILE, the host's capability bounding set and (privileged) devices, and, for a named
/// image user, the rootfs's /etc/passwd and /etc/group.
/// </summary>
internal static class OciSpecBuilder
{
    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static OciSpec BuildInfra(SandboxSpecContext sandbox, string rootfs, string pausePath, string cgroupsPath)
    {
        var config = sandbox.Config;
        var namespaces = new List<OciNamespace> { new("mount"), new("ipc") };
        if (config.Network != NamespaceMode.Node)
        {
            namespaces.Add(new OciNamespace("network", sandbox.NetnsPath));
            namespaces.Add(new OciNamespace("uts"));
        }
        if (config.Pid != NamespaceMode.Node)
            namespaces.Add(new OciNamespace("pid"));
        var mounts = BaseMounts(config.Privileged);
        mounts.Add(new OciMount("/catatonit", "bind", pausePath, ["bind", "ro"]));
        return new OciSpec
        {
            Process = new OciProcess
            {
                User = new OciUser(0, 0),
                Args = ["/catatonit", "-P"],
                Env = [DefaultPath],
                Capabilities = CapabilitySet([]),
                Rlimits = Rlimits(),
                NoNewPrivileges = true,
                OomScoreAdj = OomScoreAdj(-998),
            },
            Root = new OciRoot(rootfs, Readonly: true),
            Hostname = config.Network == NamespaceMode.Node ? "" : config.Hostname,
            Mounts = mounts,
            Linux = new OciLinux
            {
                Namespaces = namespaces,
                CgroupsPath = cgroupsPath,
                Sysctl = config.Network == NamespaceMode.Node ? [] : new Dictionary<string, string>(config.Sysctls),
                MaskedPaths = [.. MaskedPaths],
                ReadonlyPaths = [.. ReadonlyPaths],
            },
        };
    }

    public static OciSpec BuildContainer(ContainerConfig container, ImageConfig image, SandboxSpecContext sandbox, string rootfs, string cgroupsPath)
    {
        var security = container.Security;
        var capabilities = Capabilities.Compute(security);
        var mounts = BaseMounts(security.Privileged);
        var fileOptions = new List<string> { "rbind", "rprivate" };
        mounts.Add(new OciMount("/etc/hosts", "bind", sandbox.HostsFile, fileOptions));
        mounts.Add(new OciMount("/etc/resolv.conf", "bind", sandbox.ResolvConfFile, fileOptions));
        mounts.Add(new OciMount("/etc/hostname", "bind", sandbox.HostnameFile, fileOptions));
        foreach (var mount in container.Mounts)
            mounts.Add(BindMount(mount));
        return new OciSpec
        {
            Process = new OciProcess
            {
                User = ImageUser.Resolve(security, image.User, rootfs),
                Args = Arguments(container, image),
                Env = Environment(container, image, sandbox.Config.Hostname),
                Cwd = container.WorkingDir.Length > 0 ? container.WorkingDir : image.WorkingDir.Length > 0 ? image.WorkingDir : "/",
                Capabilities = CapabilitySet(capabilities),
                Rlimits = Rlimits(),
                NoNewPrivileges = security.NoNewPrivileges,
                OomScoreAdj = container.Resources.OomScoreAdj == 0 ? null : OomScoreAdj((int)container.Resources.OomScoreAdj),
            },
            Root = new OciRoot(rootfs, security.ReadOnlyRootfs),
            Mounts = mounts,
            Annotations = new Dictionary<string, string>(container.Annotations),
            Linux = new OciLinux
            {
                Namespaces = ContainerNamespaces(sandbox),
                CgroupsPath = cgroupsPath,
                Resources = Resources(container.Resources, security.Privileged),
                Devices = security.Privileged ? [.. HostDevices.All] : [],
                MaskedPaths = security.Privileged ? [] : [.. MaskedPaths],
                ReadonlyPaths = security.Privileged ? [] : [.. ReadonlyPaths],
                Seccomp = security.Privileged ? null : SeccompProfiles.For(security.Seccomp, capabilities),
            },
        };
    }

    /// <summary>Kubernetes rules: command replaces the entrypoint (and drops the image Cmd); args replace Cmd.</summary>
    public static List<string> Arguments(ContainerConfig container, ImageConfig image)
    {
        var entrypoint = container.Command.Count > 0 ? container.Command : image.Entrypoint;
        var args = container.Args.Count > 0 ? container.Args : container.Command.Count > 0 ? [] : image.Cmd;
        var all = entrypoint.Concat(args).ToList();
        return all.Count > 0 ? all : throw new ArgumentException($"container {container.Name}: no command, and the image defines neither Entrypoint nor Cmd");
    }

    /// <summary>Image env, then HOSTNAME, then the config's env; a later key replaces an earlier one in place.</summary>
    public static List<string> Environment(ContainerConfig container, ImageConfig image, string hostname)
    {
        var ordered = new List<KeyValuePair<string, string>>();
        void Set(string key, string value)
        {
            var index = ordered.FindIndex(p => p.Key == key);
            if (index >= 0) ordered[index] = new(key, value);
            else ordered.Add(new(key, value));
        }
        foreach (var entry in image.Env)
        {
            var equals = entry.IndexOf('=');
            if (equals > 0) Set(entry[..equals], entry[(equals + 1)..]);
        }
        if (!ordered.Any(p => p.Key == "PATH"))
            Set("PATH", DefaultPath["PATH=".Length..]);
        if (hostname.Length > 0)
            Set("HOSTNAME", hostname);
        foreach (var pair in container.Env)
            Set(pair.Key, pair.Value);
        return ordered.Select(p => $"{p.Key}={p.Value}").ToList();
    }

    private static List<OciNamespace> ContainerNamespaces(SandboxSpecContext sandbox)
    {
        var config = sandbox.Config;
        var infra = $"/proc/{sandbox.InfraPid}/ns/";
        var namespaces = new List<OciNamespace> { new("mount") };
        if (config.Network != NamespaceMode.Node)
        {
            namespaces.Add(new OciNamespace("network", sandbox.NetnsPath));
            namespaces.Add(new OciNamespace("uts", infra + "uts"));
        }
        namespaces.Add(config.Ipc == NamespaceMode.Pod ? new OciNamespace("ipc", infra + "ipc") : new OciNamespace("ipc"));
        if (config.Ipc == NamespaceMode.Node) namespaces.RemoveAt(namespaces.Count - 1);
        if (config.Pid == NamespaceMode.Pod) namespaces.Add(new OciNamespace("pid", infra + "pid"));
        else if (config.Pid == NamespaceMode.Container) namespaces.Add(new OciNamespace("pid"));
        return namespaces;
    }

    /// <summary>Memory and cpu from the config; a privileged container may use every device.</summary>
    private static OciResources Resources(LinuxResources resources, bool privileged) => new()
    {
        Memory = resources.MemoryLimitInBytes > 0 ? new OciMemory(resources.MemoryLimitInBytes, null) : null,
        Cpu = resources.CpuShares > 0 || resources.CpuQuota > 0
            ? new OciCpu(
                resources.CpuShares > 0 ? (ulong)resources.CpuShares : null,
                resources.CpuQuota > 0 ? resources.CpuQuota : null,
                resources.CpuQuota > 0 ? (ulong)resources.CpuPeriod : null)
            : null,
        Devices = privileged ? [new OciDeviceRule(true, null, null, null, "rwm")] : [new OciDeviceRule(false, null, null, null, "rwm")],
    };

    private static OciMount BindMount(Mount mount)
    {
        var options = new List<string> { "rbind", mount.ReadOnly ? "ro" : "rw" };
        options.Add(mount.Propagation switch
        {
            "bidirectional" or "rshared" or "shared" => "rshared",
            "host-to-container" or "rslave" or "slave" => "rslave",
            _ => "rprivate",
        });
        return new OciMount(mount.ContainerPath, "bind", mount.HostPath, options);
    }

    private static List<OciMount> BaseMounts(bool privileged) =>
    [
        new("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
        new("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
        new("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
        new("/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
        new("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
        new("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", privileged ? "rw" : "ro"]),
        new("/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", privileged ? "rw" : "ro"]),
    ];

    /// <summary>
    /// Lowering oom_score_adj below this process's own needs CAP_SYS_RESOURCE, which root lacks on
    /// some hosts (runc then fails), so requests are clamped to at least the current value.
    /// </summary>
    private static int OomScoreAdj(int requested)
    {
        var current = int.TryParse(File.ReadAllText("/proc/self/oom_score_adj").Trim(), out var value) ? value : 0;
        return Math.Max(requested, current);
    }

    private static OciCapabilities CapabilitySet(List<string> caps) => new(caps, caps, caps, [], []);

    private static List<OciRlimit> Rlimits()
    {
        var hard = Libc.HardLimit(Libc.RlimitNofile);
        return [new OciRlimit("RLIMIT_NOFILE", hard, hard)];
    }

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];
}
