namespace Orca.Runtime.Processes;

/// <summary>An external program (runc, conmon, a CNI plugin, unshare) failed or timed out; carries its stderr.</summary>
public sealed class ExternalProcessException(string program, IReadOnlyList<string> arguments, int exitCode, string stderr, string? detail = null)
    : Exception($"{Path.GetFileName(program)} {string.Join(' ', arguments.Take(3))} failed (exit {exitCode}): {(detail ?? stderr).Trim()}")
{
    public string Program { get; } = program;
    public int ExitCode { get; } = exitCode;
    public string Stderr { get; } = stderr;
}
