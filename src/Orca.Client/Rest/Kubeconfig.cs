using System.Text;
using YamlDotNet.RepresentationModel;

namespace Orca.Client;

/// <summary>Reads the parts of a kubeconfig the client needs: the current context's cluster and user.</summary>
internal static class Kubeconfig
{
    public static KubeClientOptions Load(string path, string? context = null) => Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, context);

    /// <summary>
    /// Parses kubeconfig YAML. File references (certificate-authority, client-certificate, client-key,
    /// tokenFile) are resolved relative to <paramref name="baseDir"/>. Throws <see cref="InvalidDataException"/>
    /// when the context, cluster or user is missing.
    /// </summary>
    public static KubeClientOptions Parse(string yaml, string baseDir, string? context = null)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException("kubeconfig is empty");
        var contextName = context ?? Scalar(root, "current-context") ?? throw new InvalidDataException("kubeconfig has no current-context");
        var ctx = Named(root, "contexts", contextName, "context");
        var cluster = Named(root, "clusters", Scalar(ctx, "cluster") ?? "", "cluster");
        var user = Named(root, "users", Scalar(ctx, "user") ?? "", "user");

        var server = Scalar(cluster, "server") ?? throw new InvalidDataException($"cluster of context {contextName} has no server");
        var token = Scalar(user, "token") ?? ReadFile(baseDir, Scalar(user, "tokenFile"))?.Trim();
        return new KubeClientOptions
        {
            Server = new Uri(server),
            CaPem = Data(cluster, "certificate-authority-data") ?? ReadFile(baseDir, Scalar(cluster, "certificate-authority")),
            InsecureSkipTlsVerify = Scalar(cluster, "insecure-skip-tls-verify") == "true",
            BearerToken = string.IsNullOrEmpty(token) ? null : token,
            ClientCertificatePem = Data(user, "client-certificate-data") ?? ReadFile(baseDir, Scalar(user, "client-certificate")),
            ClientKeyPem = Data(user, "client-key-data") ?? ReadFile(baseDir, Scalar(user, "client-key")),
        };
    }

    private static YamlMappingNode Named(YamlMappingNode root, string section, string name, string body)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(section), out var list) && list is YamlSequenceNode items)
        {
            foreach (var item in items.OfType<YamlMappingNode>())
            {
                if (Scalar(item, "name") == name && item.Children.TryGetValue(new YamlScalarNode(body), out var node) && node is YamlMappingNode map)
                    return map;
            }
        }
        throw new InvalidDataException($"kubeconfig has no {body} named \"{name}\"");
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;

    private static string? Data(YamlMappingNode map, string key) =>
        Scalar(map, key) is { Length: > 0 } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;

    private static string? ReadFile(string baseDir, string? path) =>
        string.IsNullOrEmpty(path) ? null : File.ReadAllText(Path.IsPathRooted(path) ? path : Path.Combine(baseDir, path));
}
