using System.Collections.Concurrent;
using Orca.Runtime.Conmon;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lostChecks = new(StringComparer.Ordinal);

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
    /// kill, else Completed for 0 and Error otherwise). A container whose conmon died and whose
    /// process is gone too will never get an exit file (both were killed, e.g. with the agent's
    /// machine state swept): it is Exited with the unknown code 255. The transition is persisted once.
    /// </summary>
    private ContainerRecord Refresh(ContainerRecord record)
    {
        if (record.State == ContainerState.Exited)
            return record;
        var exitFile = _store.ExitFile(record.Id);
        if (File.Exists(exitFile) && int.TryParse(File.ReadAllText(exitFile).Trim(), out var exitCode))
        {
            var oom = _cgroups.WasOomKilled(record.CgroupsPath);
            return SaveExited(record, exitCode, new DateTimeOffset(File.GetLastWriteTimeUtc(exitFile), TimeSpan.Zero),
                oom ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error", "");
        }
        if (LostCheckDue(record.Id) && IsLost(record))
            return SaveExited(record, 255, _time.GetUtcNow(), "Error", "the container's process and its monitor (conmon) are gone; its exit code is unknown");
        return record;
    }

    private ContainerRecord SaveExited(ContainerRecord record, int exitCode, DateTimeOffset finishedAt, string reason, string message)
    {
        var exited = ContainerLifecycle.Move(record, ContainerState.Exited) with
        {
            ExitCode = exitCode,
            FinishedAt = finishedAt,
            Reason = reason,
            Message = message,
        };
        _store.Replace(exited);
        _lostChecks.TryRemove(record.Id, out _);
        return exited;
    }

    /// <summary>
    /// Whether a status read should look for a lost monitor now: at the first read of a container by
    /// this instance (adoption after a restart) and then at most every 10 s, so relisting hundreds of
    /// running containers every second does not read hundreds of pid files. Stop paths always look.
    /// </summary>
    private bool LostCheckDue(string id)
    {
        var now = _time.GetUtcNow();
        if (_lostChecks.TryGetValue(id, out var last) && now - last < TimeSpan.FromSeconds(10))
            return false;
        _lostChecks[id] = now;
        return true;
    }

    /// <summary>True when the container has exited or can never report an exit (see <see cref="IsLost"/>).</summary>
    private bool HasExited(ContainerRecord record) => File.Exists(_store.ExitFile(record.Id)) || IsLost(record);

    /// <summary>
    /// Neither the container's conmon nor its process lives, and there is no exit file: nothing
    /// will ever write one. A record without a conmon pid file (still being created) is not lost.
    /// </summary>
    private bool IsLost(ContainerRecord record) =>
        !BeingCreated(record)
        && ConmonLauncher.TryReadPid(Path.Combine(_store.ContainerDir(record.Id), "bundle", "conmon.pid")) is { } conmon
        && !ConmonLauncher.IsAlive(conmon)
        && (record.Pid <= 0 || !ConmonLauncher.IsAlive(record.Pid))
        && !File.Exists(_store.ExitFile(record.Id));

    /// <summary>
    /// Created without a container pid yet, recently: CreateContainerAsync is still waiting for runc (or is about to
    /// record why runc failed, as StartError); its conmon may already be gone without the container being lost.
    /// </summary>
    private bool BeingCreated(ContainerRecord record) =>
        record is { State: ContainerState.Created, Pid: <= 0 } && _time.GetUtcNow() - record.CreatedAt < _options.CommandTimeout + TimeSpan.FromSeconds(5);

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
