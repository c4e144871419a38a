using Orca.Agent.Translate;
using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Eviction;

/// <summary>
/// Measures what a pod uses of a resource: memory from the runtime's container stats (working set of
/// each running container's cgroup); ephemeral storage and inodes from the containers' log directories
/// and the pod's volume directory (container writable layers are the runtime's and are not counted).
/// </summary>
internal sealed class PodUsageReader(IRuntimeService runtime, string podLogDir, Func<string, string> podDir)
{
    public async Task<PodUsage> ReadAsync(Pod pod, string resource, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid ?? "";
        var specs = pod.Spec.Containers.Concat((pod.Spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always")).ToList();
        if (resource == "memory")
        {
            var running = (await runtime.ListContainersAsync(null, ct))
                .Where(c => c.State == Orca.Runtime.ContainerState.Running && c.Config.Labels.GetValueOrDefault(RuntimeLabels.PodUid) == uid)
                .ToList();
            var containers = new List<ContainerUsage>();
            foreach (var spec in specs)
            {
                long used = 0;
                foreach (var c in running.Where(c => (c.Config.Labels.GetValueOrDefault(RuntimeLabels.ContainerName) ?? c.Config.Name) == spec.Name))
                    used += (long)((await runtime.ContainerStatsAsync(c.Id, ct))?.MemoryWorkingSetBytes ?? 0);
                containers.Add(new ContainerUsage(spec.Name, used, PodUsage.RequestOf(spec, "memory")));
            }
            return new PodUsage(pod, containers);
        }
        var inodes = resource == "inodes";
        var logs = Path.Combine(podLogDir, $"{pod.Metadata.Namespace}_{pod.Metadata.Name}_{uid}");
        var disk = specs.Select(c => new ContainerUsage(c.Name, Measure(Path.Combine(logs, c.Name), inodes), inodes ? 0 : PodUsage.RequestOf(c, "ephemeral-storage"))).ToList();
        return new PodUsage(pod, disk, Measure(Path.Combine(podDir(uid), "volumes"), inodes));
    }

    /// <summary>Bytes (or files and directories, for inodes) under a directory, not following links; 0 when it is missing.</summary>
    private static long Measure(string directory, bool inodes)
    {
        var dir = new DirectoryInfo(directory);
        if (!dir.Exists) return 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return inodes ? dir.EnumerateFileSystemInfos("*", options).LongCount() : dir.EnumerateFiles("*", options).Where(f => f.LinkTarget is null).Sum(f => f.Length);
    }
}
