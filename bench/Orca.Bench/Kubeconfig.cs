using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Orca.Bench;

/// <summary>The three things the benchmark needs from an Orca admin kubeconfig.</summary>
internal sealed record Kubeconfig(Uri Server, string Token, X509Certificate2 Ca)
{
    /// <summary>
    /// Reads the kubeconfig the Orca server writes (one cluster, one user). This is a line scan of that
    /// known layout, not a YAML parser; throws <see cref="InvalidDataException"/> when a field is missing.
    /// </summary>
    public static Kubeconfig Load(string path)
    {
        string? server = null, token = null, ca = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (Field(line, "server:") is { } s) server ??= s;
            else if (Field(line, "token:") is { } t) token ??= t;
            else if (Field(line, "certificate-authority-data:") is { } c) ca ??= c;
        }
        if (server is null || token is null || ca is null)
            throw new InvalidDataException($"{path}: expected server, token and certificate-authority-data");
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(ca));
        return new Kubeconfig(new Uri(server), token, X509Certificate2.CreateFromPem(pem));
    }

    private static string? Field(string line, string key) =>
        line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim().Trim('"') : null;
}
