using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins;

/// <summary>Binds through the API: POST pods/binding with the pod's uid and the node as target.</summary>
internal sealed class DefaultBinder(FrameworkHandle handle) : IBindPlugin
{
    public string Name => Names.DefaultBinder;

    public async Task<Status> BindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct)
    {
        try
        {
            await handle.Client.BindAsync(pod.Pod, nodeName, ct);
            return Status.Success;
        }
        catch (Exception e) when (e is Client.ApiException or HttpRequestException or IOException or TimeoutException)
        {
            return Status.FromException(e);
        }
    }
}
