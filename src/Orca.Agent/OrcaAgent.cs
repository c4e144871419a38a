using Microsoft.Extensions.Logging;
using Orca.Agent.Node;
using Orca.Agent.Pods;
using Orca.Agent.Static;
using Orca.Api.Core;
using Orca.Client;
using Orca.Runtime;

namespace Orca.Agent;

/// <summary>
/// The node agent: registers the node and keeps its lease and status, runs the pods bound to it (and
/// static pods from the manifest directory) through the runtime, and reports their status. Start with
/// <see cref="StartAsync"/>; <see cref="DisposeAsync"/> stops the agent's loops but leaves containers
/// running (a restarted agent adopts them from the runtime).
/// </summary>
public sealed partial class OrcaAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly List<IAsyncDisposable> _owned = [];
    private WorkQueue<string>? _queue;

    private OrcaAgent(string nodeName) => NodeName = nodeName;

    public string NodeName { get; }

    /// <summary>
    /// Registers the node, writes its first status and lease, starts the pod informer and waits for its
    /// first list, reads static pods, then runs everything in the background. Throws when registration
    /// fails (the API server is unreachable or refuses).
    /// </summary>
    public static async Task<OrcaAgent> StartAsync(AgentOptions options, KubeClient client, IRuntimeService runtime, IImageService images,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        options.Validate();
        var agent = new OrcaAgent(options.ResolvedNodeName);
        try
        {
            await agent.StartCoreAsync(options, client, runtime, images, time, loggers, cancellationToken);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        _queue?.ShutDown();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var d in Enumerable.Reverse(_owned)) await d.DisposeAsync();
        _queue?.Dispose();
        _stop.Dispose();
    }

    private void Run(Func<CancellationToken, Task> loop) => _loops.Add(Task.Run(() => loop(_stop.Token), CancellationToken.None));
}
