using System.Collections.Concurrent;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ulong CpuNanoseconds)> _stats = new(StringComparer.Ordinal);

    /// <summary>CPU and memory from the container's cgroup; null when unknown or gone. The CPU rate is the average since this instance's previous sample (0 on the first).</summary>
    public Task<ContainerStats?> ContainerStatsAsync(string containerId, CancellationToken cancellationToken)
    {
        if (_store.LoadContainer(containerId) is not { } record || _cgroups.ReadUsage(record.CgroupsPath) is not { } usage)
            return Task.FromResult<ContainerStats?>(null);
        var now = _time.GetUtcNow();
        ulong rate = 0;
        if (_stats.TryGetValue(containerId, out var previous) && now > previous.At && usage.CpuUsageNanoseconds >= previous.CpuNanoseconds)
            rate = (ulong)((usage.CpuUsageNanoseconds - previous.CpuNanoseconds) / (now - previous.At).TotalSeconds);
        _stats[containerId] = (now, usage.CpuUsageNanoseconds);
        return Task.FromResult<ContainerStats?>(new ContainerStats(now, rate, usage.CpuUsageNanoseconds, usage.MemoryWorkingSetBytes));
    }
}
