using Orca.Runtime.Conmon;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>The sandbox's status, or null when it does not exist. Ready only while its infra process lives.</summary>
    public Task<PodSandboxStatus?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken) =>
        Task.FromResult(_store.LoadSandbox(sandboxId) is { Pooled: false } record ? ToStatus(record) : null);

    public Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PodSandboxStatus>>(_store.LoadSandboxes().Where(r => !r.Pooled).Select(ToStatus).OrderBy(s => s.CreatedAt).ToList());

    private PodSandboxStatus ToStatus(SandboxRecord record)
    {
        // conmon reaps the infra process and writes its exit file at once, so the pid existing (no
        // /proc read) plus no exit file is enough here; listing every sandbox stays cheap.
        var ready = record.State == SandboxState.Ready && record.InfraPid > 0 && ConmonLauncher.Exists(record.InfraPid)
            && !File.Exists(_store.ExitFile(record.Id));
        return new PodSandboxStatus(record.Id, record.Config, ready ? SandboxState.Ready : SandboxState.NotReady, record.CreatedAt, record.Ip, []);
    }
}
