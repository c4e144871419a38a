namespace Orca.ApiServer.Security;

/// <summary>Locations of the cluster PKI files under <c>&lt;dataDir&gt;/pki/</c>. All PEM; keys are PKCS#8.</summary>
public sealed record PkiPaths(
    string Directory,
    string CaCertificate,
    string CaKey,
    string ServerCertificate,
    string ServerKey,
    string AdminCertificate,
    string AdminKey,
    string AdminToken)
{
    /// <summary>The standard layout for a data directory.</summary>
    public static PkiPaths For(string dataDir)
    {
        var dir = Path.Combine(Path.GetFullPath(dataDir), "pki");
        return new PkiPaths(
            dir,
            Path.Combine(dir, "ca.crt"),
            Path.Combine(dir, "ca.key"),
            Path.Combine(dir, "server.crt"),
            Path.Combine(dir, "server.key"),
            Path.Combine(dir, "admin.crt"),
            Path.Combine(dir, "admin.key"),
            Path.Combine(dir, "admin.token"));
    }
}
