namespace Orca.Runtime;

/// <summary>
/// The OCI runtime could not start the container's process (a missing executable, a mount it could not make, …).
/// As with containerd, the container then exists as Exited with exit code 128 and reason "StartError", the
/// runtime's words as its message; starting it throws this exception with the same message.
/// </summary>
public sealed class ContainerStartException(string message) : InvalidOperationException(message)
{
    public const int ExitCode = 128;
    public const string Reason = "StartError";
}
