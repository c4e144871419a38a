namespace Orca.ApiServer.Registry;

/// <summary>generateName: the prefix plus five random characters from Kubernetes' alphabet (no vowels, no look-alikes).</summary>
internal static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int MaxNameLength = 63;
    private const int SuffixLength = 5;

    public static string Generate(string prefix)
    {
        if (prefix.Length > MaxNameLength - SuffixLength) prefix = prefix[..(MaxNameLength - SuffixLength)];
        Span<char> suffix = stackalloc char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++) suffix[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        return prefix + new string(suffix);
    }
}
