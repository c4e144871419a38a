using Orca.Agent.Translate;
using Orca.Runtime;

namespace Orca.Agent.Pods;

/// <summary>
/// What the runtime holds for one pod uid, read fresh at the start of each sync: its sandboxes (newest
/// first) and, per container name, its containers newest attempt first.
/// </summary>
internal sealed record PodRuntimeView(IReadOnlyList<PodSandboxStatus> Sandboxes, IReadOnlyDictionary<string, List<ContainerStatus>> Containers)
{
    public PodSandboxStatus? ReadySandbox => Sandboxes.FirstOrDefault(s => s.State == SandboxState.Ready);

    public ContainerStatus? Latest(string name) => Containers.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;

    public ContainerStatus? Previous(string name) => Containers.TryGetValue(name, out var list) && list.Count > 1 ? list[1] : null;

    public IEnumerable<ContainerStatus> All => Containers.Values.SelectMany(l => l);

    public static async Task<PodRuntimeView> ReadAsync(IRuntimeService runtime, string uid, CancellationToken ct)
    {
        var sandboxes = (await runtime.ListPodSandboxesAsync(ct))
            .Where(s => s.Config.Labels.GetValueOrDefault(RuntimeLabels.PodUid) == uid || s.Config.Uid == uid)
            .OrderByDescending(s => s.CreatedAt).ToList();
        var containers = new List<ContainerStatus>();
        foreach (var s in sandboxes) containers.AddRange(await runtime.ListContainersAsync(s.Id, ct));
        var byName = containers
            .GroupBy(c => c.Config.Labels.GetValueOrDefault(RuntimeLabels.ContainerName) ?? c.Config.Name)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Config.Attempt).ThenByDescending(c => c.CreatedAt).ToList());
        return new PodRuntimeView(sandboxes, byName);
    }
}
