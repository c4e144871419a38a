namespace Orca.Runtime.Sandbox;

/// <summary>
/// The allowed container state transitions, in one place: Created → Running → Exited, and
/// Created → Exited (a container whose start failed or that was stopped before starting).
/// Unknown is only reported, never stored. Exited is terminal.
/// </summary>
internal static class ContainerLifecycle
{
    public static bool CanMove(ContainerState from, ContainerState to) => (from, to) switch
    {
        (ContainerState.Created, ContainerState.Running) => true,
        (ContainerState.Created, ContainerState.Exited) => true,
        (ContainerState.Running, ContainerState.Exited) => true,
        _ => from == to,
    };

    /// <summary>The record moved to <paramref name="to"/>; throws InvalidOperationException for a forbidden move (a bug).</summary>
    public static ContainerRecord Move(ContainerRecord record, ContainerState to)
    {
        if (!CanMove(record.State, to))
            throw new InvalidOperationException($"container {record.Id}: {record.State} → {to} is not allowed");
        return record with { State = to };
    }
}
