namespace Orca.Controllers;

/// <summary>
/// One controller of the manager. It is built during a leadership term (after the informers it asked
/// for have synced) and runs until the term's token is cancelled; it never outlives the term.
/// </summary>
internal interface IController
{
    /// <summary>The name used by `--controllers` (e.g. "replicaset").</summary>
    string Name { get; }

    /// <summary>Runs the controller's workers until <paramref name="ct"/> is cancelled.</summary>
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// How the manager knows a controller: its name, the informers it needs (created before the factory starts
/// so that they sync with the others), and how to build it for a leadership term.
/// </summary>
internal sealed record ControllerDescriptor(
    string Name,
    Action<ControllerContext> RegisterInformers,
    Func<ControllerContext, IController> Create);
