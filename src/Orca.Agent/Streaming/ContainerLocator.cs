using Orca.Agent.Translate;
using Orca.Runtime;

namespace Orca.Agent.Streaming;

/// <summary>Finds the runtime container of a pod's container by the labels the agent sets on it.</summary>
internal sealed class ContainerLocator(IRuntimeService runtime)
{
    /// <summary>
    /// The newest attempt of the container (or the one before it when <paramref name="previous"/>),
    /// newest first by creation time; null when there is none.
    /// </summary>
    public async Task<ContainerStatus?> FindAsync(string ns, string pod, string container, bool previous, CancellationToken cancellationToken)
    {
        var all = await runtime.ListContainersAsync(null, cancellationToken);
        var attempts = all
            .Where(c => Label(c, RuntimeLabels.PodNamespace) == ns && Label(c, RuntimeLabels.PodName) == pod && Label(c, RuntimeLabels.ContainerName) == container)
            .OrderByDescending(c => c.CreatedAt)
            .ToList();
        return previous ? attempts.Skip(1).FirstOrDefault() : attempts.FirstOrDefault();
    }

    private static string? Label(ContainerStatus c, string key) => c.Config.Labels.TryGetValue(key, out var v) ? v : null;
}
