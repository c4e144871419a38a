namespace Orca.ApiServer.Proxy;

/// <summary>
/// Reads the body of an agent's non-101 answer to an upgrade request from the raw connection: as many
/// bytes as Content-Length says, a chunked body (decoded), or up to EOF; at most 64 KiB. The client
/// must get the decoded body (a metav1.Status), not the agent's transfer framing.
/// </summary>
internal static class AgentErrorBody
{
    private const int Max = 64 * 1024;

    public static async Task<byte[]> ReadAsync(Stream stream, IReadOnlyList<(string Name, string Value)> headers, byte[] alreadyRead, CancellationToken ct)
    {
        var chunked = headers.Any(h => h.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.TryParse(h.Value, out var l) ? l : -1).FirstOrDefault(-1);
        var data = new List<byte>(alreadyRead);
        var buffer = new byte[4096];
        while (data.Count < Max && !Complete(data, chunked, length))
        {
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0) break;
            data.AddRange(buffer.AsSpan(0, n));
        }
        var bytes = data.ToArray();
        if (chunked) return Dechunk(bytes).Body;
        return length >= 0 && length < bytes.Length ? bytes[..length] : bytes;
    }

    private static bool Complete(List<byte> data, bool chunked, int length) =>
        chunked ? Dechunk(data.ToArray()).Complete : length >= 0 && data.Count >= length;

    /// <summary>Decodes chunks (size in hex, optional extensions, CRLF, data, CRLF) up to the zero-size chunk.</summary>
    public static (byte[] Body, bool Complete) Dechunk(byte[] data)
    {
        var body = new List<byte>();
        var pos = 0;
        while (true)
        {
            var eol = IndexOfCrlf(data, pos);
            if (eol < 0) return (body.ToArray(), false);
            var sizeText = System.Text.Encoding.ASCII.GetString(data, pos, eol - pos).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
                return (body.ToArray(), true);
            if (size == 0) return (body.ToArray(), true);
            var start = eol + 2;
            if (start + size > data.Length) return (body.ToArray(), false);
            body.AddRange(data.AsSpan(start, size));
            pos = start + size + 2;
            if (pos > data.Length) return (body.ToArray(), false);
        }
    }

    private static int IndexOfCrlf(byte[] data, int from)
    {
        for (var i = from; i + 1 < data.Length; i++)
            if (data[i] == '\r' && data[i + 1] == '\n') return i;
        return -1;
    }
}
