using System.Text;
using Orca.Agent.Translate;
using RuntimeContainer = Orca.Runtime.ContainerStatus;

namespace Orca.Agent.Status;

/// <summary>
/// The termination message of an exited container: the runtime's message if it has one, then the file the
/// container wrote (at most 4096 bytes) or, with FallbackToLogsOnError and a failure exit, the last 80 lines
/// (at most 2048 bytes) of its log.
/// </summary>
internal static class TerminationMessages
{
    public static string? Read(RuntimeContainer c, string logDirectory)
    {
        if (c.State != Runtime.ContainerState.Exited) return null;
        var own = Own(c, logDirectory);
        // The runtime's own words (e.g. why a StartError) come first, as the kubelet reports them.
        if (c.Message.Length == 0) return own;
        return own.Length == 0 ? c.Message : $"{c.Message}: {own}";
    }

    private static string Own(RuntimeContainer c, string logDirectory)
    {
        var policy = c.Config.Annotations.GetValueOrDefault(RuntimeLabels.TerminationMessagePolicy);
        var file = c.Config.Annotations.GetValueOrDefault(RuntimeLabels.TerminationMessagePath);
        var message = file is null ? "" : Head(file, 4096);
        if (message.Length > 0 || policy != "FallbackToLogsOnError" || c.ExitCode == 0) return message;
        var log = !string.IsNullOrEmpty(c.LogPath) ? c.LogPath : Path.Combine(logDirectory, c.Config.LogPath);
        return Tail(log, 80, 2048);
    }

    private static string Head(string path, int max)
    {
        try
        {
            if (!File.Exists(path)) return "";
            using var f = File.OpenRead(path);
            var buffer = new byte[max];
            var n = f.ReadAtLeast(buffer, max, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The last lines of a CRI-format log ("time stream tag message"), message parts only.</summary>
    private static string Tail(string path, int lines, int maxBytes)
    {
        try
        {
            if (!File.Exists(path)) return "";
            var all = File.ReadAllLines(path);
            var text = string.Join('\n', all.TakeLast(lines).Select(l => l.Split(' ', 4) is { Length: 4 } p ? p[3] : l));
            var bytes = Encoding.UTF8.GetBytes(text);
            return bytes.Length <= maxBytes ? text : Encoding.UTF8.GetString(bytes, bytes.Length - maxBytes, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
