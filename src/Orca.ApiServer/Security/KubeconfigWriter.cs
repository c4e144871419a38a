using System.Text;

namespace Orca.ApiServer.Security;

/// <summary>Writes a kubeconfig that lets kubectl reach the cluster as the admin user.</summary>
public static class KubeconfigWriter
{
    /// <summary>
    /// Writes (atomically, mode 0600; the parent directory is created 0700 if missing) a kubeconfig with
    /// cluster <paramref name="contextName"/> (<paramref name="serverUrl"/>, the cluster CA), user
    /// <c>admin</c> carrying both the admin bearer token and the admin client certificate, and a context of
    /// the same name (namespace <c>default</c>) that is the current context. Replaces any existing file.
    /// </summary>
    public static void Write(string path, string serverUrl, ClusterPki pki, string contextName = "orca")
    {
        SecureFile.EnsureParentDirectory(path);
        SecureFile.WriteAllText(path, Render(serverUrl, pki, contextName));
    }

    /// <summary>The kubeconfig text <see cref="Write"/> stores.</summary>
    public static string Render(string serverUrl, ClusterPki pki, string contextName = "orca")
    {
        var name = Quote(contextName);
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\n");
        yaml.Append("kind: Config\n");
        yaml.Append("preferences: {}\n");
        yaml.Append("clusters:\n");
        yaml.Append("- name: ").Append(name).Append('\n');
        yaml.Append("  cluster:\n");
        yaml.Append("    server: ").Append(Quote(serverUrl)).Append('\n');
        yaml.Append("    certificate-authority-data: ").Append(Base64(pki.CaPem)).Append('\n');
        yaml.Append("users:\n");
        yaml.Append("- name: admin\n");
        yaml.Append("  user:\n");
        yaml.Append("    token: ").Append(Quote(pki.AdminToken)).Append('\n');
        yaml.Append("    client-certificate-data: ").Append(Base64(pki.AdminClientCertPem)).Append('\n');
        yaml.Append("    client-key-data: ").Append(Base64(pki.AdminClientKeyPem)).Append('\n');
        yaml.Append("contexts:\n");
        yaml.Append("- name: ").Append(name).Append('\n');
        yaml.Append("  context:\n");
        yaml.Append("    cluster: ").Append(name).Append('\n');
        yaml.Append("    user: admin\n");
        yaml.Append("    namespace: default\n");
        yaml.Append("current-context: ").Append(name).Append('\n');
        return yaml.ToString();
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));

    /// <summary>A YAML double-quoted scalar; escapes the two characters that need it there.</summary>
    private static string Quote(string value)
    {
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException("Kubeconfig values must not contain control characters.", nameof(value));
        }

        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
