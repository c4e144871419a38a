using System.Globalization;
using System.Text;

namespace Orca.Runtime.Logs;

/// <summary>What `kubectl logs` asks for (PodLogOptions, minus container selection).</summary>
public sealed record LogOptions
{
    public bool Follow { get; init; }
    public bool Timestamps { get; init; }
    /// <summary>Only the last N lines (null = all).</summary>
    public long? TailLines { get; init; }
    /// <summary>Only lines at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>Stop after this many bytes of output (null = no limit).</summary>
    public long? LimitBytes { get; init; }
}

/// <summary>One parsed line of a CRI log file: `2016-10-06T00:17:09.669794202Z stdout F text`.</summary>
public readonly record struct CriLogLine(DateTimeOffset Time, string Stream, bool Partial, ReadOnlyMemory<byte> Content, string RawTime);

/// <summary>
/// Reads container logs in the CRI format conmon writes (one file per container attempt): each
/// line carries an RFC 3339 timestamp, the stream (stdout/stderr), a tag F (full) or P (partial:
/// the text continues on the next line) and the text. Produces what the kubelet serves for
/// `kubectl logs`: the text with partial lines joined, optionally prefixed with the timestamp,
/// limited by tail/since/limitBytes, and following the file as it grows.
/// </summary>
public static class CriLogReader
{
    /// <summary>Parses one line; false for lines not in CRI format (skipped, as the kubelet does).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out CriLogLine parsed)
    {
        parsed = default;
        var span = line.Span;
        var first = span.IndexOf((byte)' ');
        if (first <= 0) return false;
        var rawTime = Encoding.ASCII.GetString(span[..first]);
        if (!DateTimeOffset.TryParse(rawTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return false;
        var rest = span[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        if (second <= 0) return false;
        var stream = Encoding.ASCII.GetString(rest[..second]);
        var afterStream = rest[(second + 1)..];
        var partial = false;
        var contentStart = first + 1 + second + 1;
        if (afterStream.Length >= 1 && (afterStream[0] == (byte)'F' || afterStream[0] == (byte)'P') && (afterStream.Length == 1 || afterStream[1] == (byte)' '))
        {
            partial = afterStream[0] == (byte)'P';
            contentStart += afterStream.Length == 1 ? 1 : 2;
        }
        parsed = new CriLogLine(time, stream, partial, line[Math.Min(contentStart, line.Length)..], rawTime);
        return true;
    }

    /// <summary>
    /// Writes the log to <paramref name="output"/>; with Follow, keeps reading as the file grows
    /// until <paramref name="stillRunning"/> says the container stopped and the end was reached,
    /// or the token is cancelled.
    /// </summary>
    public static async Task CopyAsync(string path, LogOptions options, Stream output, Func<CancellationToken, Task<bool>> stillRunning,
        CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        var written = 0L;
        var start = options.TailLines is { } tail ? await FindTailStartAsync(file, tail, cancellationToken) : 0;
        file.Position = start;
        var pending = new List<byte>();
        var partialText = new List<byte>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await file.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                if (!options.Follow || !await stillRunning(cancellationToken))
                {
                    // The last line never got its end (a process that exited mid-line): shown as it is, like the kubelet.
                    if (partialText.Count > 0)
                    {
                        var room = options.LimitBytes is { } limit ? Math.Max(0, limit - written) : partialText.Count;
                        await output.WriteAsync(partialText.ToArray().AsMemory(0, (int)Math.Min(partialText.Count, room)), cancellationToken);
                    }
                    await output.FlushAsync(cancellationToken);
                    return;
                }
                await output.FlushAsync(cancellationToken);
                await Task.Delay(100, cancellationToken);
                continue;
            }
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    pending.Add(buffer[i]);
                    continue;
                }
                if (!await EmitAsync(pending.ToArray(), partialText, options, output, written, cancellationToken, w => written = w)) return;
                pending.Clear();
            }
        }
    }

    private static async Task<bool> EmitAsync(byte[] raw, List<byte> partialText, LogOptions options, Stream output, long written,
        CancellationToken cancellationToken, Action<long> setWritten)
    {
        if (!TryParse(raw, out var line)) return true;
        if (options.Since is { } since && line.Time < since) return true;
        partialText.AddRange(line.Content.Span.ToArray());
        if (line.Partial) return true;
        var text = new List<byte>(partialText.Count + 40);
        if (options.Timestamps) text.AddRange(Encoding.ASCII.GetBytes(FormatTimestamp(line) + " "));
        text.AddRange(partialText);
        text.Add((byte)'\n');
        partialText.Clear();
        var bytes = text.ToArray();
        if (options.LimitBytes is { } limit && written + bytes.Length > limit)
        {
            await output.WriteAsync(bytes.AsMemory(0, (int)Math.Max(0, limit - written)), cancellationToken);
            setWritten(limit);
            return false;
        }
        await output.WriteAsync(bytes, cancellationToken);
        setWritten(written + bytes.Length);
        return true;
    }

    /// <summary>
    /// RFC 3339 with nanoseconds in UTC, as `kubectl logs --timestamps` shows. The file's own text is
    /// kept when it is already UTC (.NET times stop at 100 ns; the log has nanoseconds).
    /// </summary>
    public static string FormatTimestamp(CriLogLine line)
    {
        if (line.RawTime.EndsWith('Z')) return line.RawTime;
        if (line.RawTime.EndsWith("+00:00", StringComparison.Ordinal)) return line.RawTime[..^6] + "Z";
        return line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
    }

    /// <summary>The file offset where the last <paramref name="lines"/> full log lines begin (partials count with their line).</summary>
    private static async Task<long> FindTailStartAsync(FileStream file, long lines, CancellationToken cancellationToken)
    {
        if (lines <= 0) return file.Length;
        var content = new byte[file.Length];
        file.Position = 0;
        await file.ReadExactlyAsync(content, cancellationToken);
        var ends = new List<long>();
        long lineStart = 0;
        for (long i = 0; i < content.Length; i++)
        {
            if (content[i] != (byte)'\n') continue;
            if (TryParse(content.AsMemory((int)lineStart, (int)(i - lineStart)), out var parsed) && !parsed.Partial) ends.Add(i + 1);
            lineStart = i + 1;
        }
        if (ends.Count <= lines) return 0;
        return ends[(int)(ends.Count - lines - 1)];
    }
}
