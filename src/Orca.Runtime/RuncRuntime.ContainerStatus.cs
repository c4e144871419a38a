using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    public Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_store.LoadContainer(containerId) is { } record ? ToStatus(Refresh(record)) : null);

    public Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(string? sandboxId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContainerStatus>>(_store.LoadContainers()
            .Where(c => sandboxId is null || c.SandboxId == sandboxId)
            .Select(c => ToStatus(Refresh(c)))
            .OrderBy(c => c.CreatedAt)
            .ToList());

    /// <summary>
    /// Folds conmon's exit file into the record: once it exists the container is Exited with that
    /// code, finishedAt = the file's mtime, and a reason (OOMKilled if the memory cgroup saw an OOM
    /// kill, else Completed for 0 and Error otherwise). The transition is persisted once.
    /// </summary>
    private ContainerRecord Refresh(ContainerRecord record)
    {
        if (record.State == ContainerState.Exited)
            return record;
        var exitFile = _store.ExitFile(record.Id);
        if (!File.Exists(exitFile) || !int.TryParse(File.ReadAllText(exitFile).Trim(), out var exitCode))
            return record;
        var oom = _cgroups.WasOomKilled(record.CgroupsPath);
        var exited = ContainerLifecycle.Move(record, ContainerState.Exited) with
        {
            ExitCode = exitCode,
            FinishedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(exitFile), TimeSpan.Zero),
            Reason = oom ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error",
        };
        _store.Save(exited);
        return exited;
    }

    private static ContainerStatus ToStatus(ContainerRecord record) => new()
    {
        Id = record.Id,
        SandboxId = record.SandboxId,
        Config = record.Config,
        State = record.State,
        CreatedAt = record.CreatedAt,
        StartedAt = record.StartedAt,
        FinishedAt = record.FinishedAt,
        ExitCode = record.ExitCode,
        Reason = record.Reason,
        Message = record.Message,
        ImageRef = record.ImageRef,
        LogPath = record.LogPath,
        Pid = record.State == ContainerState.Exited ? 0 : record.Pid,
    };
}
