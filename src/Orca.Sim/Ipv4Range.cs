using System.Net;

namespace Orca.Sim;

/// <summary>An IPv4 range (network address and prefix length) as integers.</summary>
internal readonly record struct Ipv4Range(uint Network, int PrefixLength)
{
    public long Size => 1L << (32 - PrefixLength);

    public static Ipv4Range Parse(string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var bits) || bits is < 0 or > 32)
            throw new ArgumentException($"\"{cidr}\" is not an IPv4 CIDR");
        var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
        return new Ipv4Range(ToUInt(ip) & mask, bits);
    }

    public static uint ToUInt(IPAddress ip)
    {
        Span<byte> b = stackalloc byte[4];
        ip.TryWriteBytes(b, out _);
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    public static string Format(uint address) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        if (text is null || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        address = ToUInt(ip);
        return true;
    }
}
