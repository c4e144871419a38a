using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Translate;

/// <summary>Pod container → runtime container config: command, env, mounts, resources, security, labels.</summary>
internal static class PodToContainer
{
    public static ContainerConfig Build(Pod pod, Container c, int attempt, IReadOnlyList<KeyValue> env,
        IReadOnlyDictionary<string, string> volumePaths, string terminationMessageFile, SeccompSettings? seccomp = null)
    {
        var labels = new Dictionary<string, string>
        {
            [RuntimeLabels.PodName] = pod.Metadata.Name ?? "",
            [RuntimeLabels.PodNamespace] = pod.Metadata.Namespace ?? "default",
            [RuntimeLabels.PodUid] = pod.Metadata.Uid ?? "",
            [RuntimeLabels.ContainerName] = c.Name,
        };
        return new ContainerConfig
        {
            Name = c.Name,
            Attempt = attempt,
            Image = c.Image ?? "",
            Command = c.Command ?? [],
            Args = (c.Args ?? []).Select(a => EnvResolver.Expand(a, env)).ToList(),
            WorkingDir = c.WorkingDir ?? "",
            Env = env,
            Mounts = Mounts(pod, c, volumePaths, terminationMessageFile),
            Labels = labels,
            Annotations = new Dictionary<string, string>
            {
                [RuntimeLabels.TerminationMessagePath] = terminationMessageFile,
                [RuntimeLabels.TerminationMessagePolicy] = c.TerminationMessagePolicy ?? "File",
            },
            LogPath = Path.Combine(c.Name, $"{attempt}.log"),
            Stdin = c.Stdin == true,
            StdinOnce = c.StdinOnce == true,
            Tty = c.TTY == true,
            Resources = Resources(c),
            Security = Security(pod, c, seccomp ?? SeccompSettings.Kubelet),
        };
    }

    /// <summary>cpu shares = requests.cpu milli·1024/1000 (min 2), quota = limits.cpu milli·period/1000, memory limit in bytes.</summary>
    public static LinuxResources Resources(Container c)
    {
        const long period = 100_000;
        var requestCpu = c.Resources?.Requests?.GetValueOrDefault("cpu") ?? c.Resources?.Limits?.GetValueOrDefault("cpu");
        var limitCpu = c.Resources?.Limits?.GetValueOrDefault("cpu");
        var memory = c.Resources?.Limits?.GetValueOrDefault("memory");
        var shares = requestCpu is { IsZero: false } r ? Math.Max(2, r.MilliValue() * 1024 / 1000) : 2;
        return new LinuxResources
        {
            CpuShares = shares,
            CpuQuota = limitCpu is { IsZero: false } l ? Math.Max(1000, l.MilliValue() * period / 1000) : 0,
            CpuPeriod = period,
            MemoryLimitInBytes = memory is { IsZero: false } m ? m.Value() : 0,
        };
    }

    /// <summary>The container's volume mounts; read-only when the mount or the pod's persistentVolumeClaim source says so.</summary>
    private static List<Mount> Mounts(Pod pod, Container c, IReadOnlyDictionary<string, string> volumePaths, string terminationMessageFile)
    {
        var mounts = new List<Mount>();
        foreach (var vm in c.VolumeMounts ?? [])
        {
            if (!volumePaths.TryGetValue(vm.Name, out var host)) continue;
            if (!string.IsNullOrEmpty(vm.SubPath))
            {
                host = Path.Combine(host, vm.SubPath);
                if (!File.Exists(host)) Directory.CreateDirectory(host);
            }
            var propagation = vm.MountPropagation switch { "HostToContainer" => "rslave", "Bidirectional" => "rshared", _ => "private" };
            var claimReadOnly = pod.Spec.Volumes?.FirstOrDefault(v => v.Name == vm.Name)?.PersistentVolumeClaim?.ReadOnly == true;
            mounts.Add(new Mount(vm.MountPath, host, vm.ReadOnly == true || claimReadOnly, propagation));
        }
        var path = string.IsNullOrEmpty(c.TerminationMessagePath) ? "/dev/termination-log" : c.TerminationMessagePath;
        if (!mounts.Any(m => m.ContainerPath == path)) mounts.Add(new Mount(path, terminationMessageFile));
        return mounts;
    }

    private static ContainerSecurity Security(Pod pod, Container c, SeccompSettings seccomp)
    {
        var pod_ = pod.Spec.SecurityContext;
        var sc = c.SecurityContext;
        return new ContainerSecurity
        {
            Privileged = sc?.Privileged == true,
            RunAsUser = sc?.RunAsUser ?? pod_?.RunAsUser,
            RunAsGroup = sc?.RunAsGroup ?? pod_?.RunAsGroup,
            // The fsGroup owns the pod's volumes; its processes are members of it, as with the kubelet.
            SupplementalGroups = pod_?.FsGroup is { } fsGroup ? [.. pod_.SupplementalGroups ?? [], fsGroup] : pod_?.SupplementalGroups ?? [],
            ReadOnlyRootfs = sc?.ReadOnlyRootFilesystem == true,
            NoNewPrivileges = sc?.AllowPrivilegeEscalation == false,
            AddCapabilities = sc?.Capabilities?.Add ?? [],
            DropCapabilities = sc?.Capabilities?.Drop ?? [],
            Seccomp = seccomp.Resolve(sc?.SeccompProfile ?? pod_?.SeccompProfile),
        };
    }
}
