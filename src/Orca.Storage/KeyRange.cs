namespace Orca.Storage;

/// <summary>
/// Prefix arithmetic shared by the stores. Keys are compared ordinally; for keys made of
/// characters of the Basic Multilingual Plane (in practice: ASCII registry paths) this is the
/// same order as SQLite's BINARY collation over UTF-8.
/// </summary>
internal static class KeyRange
{
    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="prefix"/>,
    /// or null when there is none (empty prefix, or a prefix of only U+FFFF).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == char.MaxValue)
        {
            end--;
        }
        return end == 0 ? null : string.Concat(prefix.AsSpan(0, end - 1), [(char)(prefix[end - 1] + 1)]);
    }

    public static bool Matches(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal);
}
