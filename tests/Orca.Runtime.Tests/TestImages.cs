using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orca.Runtime.Tests;

/// <summary>
/// A test image as archive files (path in the tar → bytes). <see cref="Tar"/> renders an OCI
/// image-layout or `docker save` tar; tests may alter <see cref="Files"/> first (to corrupt a blob).
/// </summary>
public sealed record TestImage(
    string Reference,
    Dictionary<string, byte[]> Files,
    string ManifestDigest,
    string ConfigDigest,
    IReadOnlyList<string> DiffIds)
{
    public byte[] Tar() => TestImages.TarOf(Files);

    public MemoryStream OpenTar() => new(Tar(), writable: false);

    /// <summary>Writes the tar to &lt;directory&gt;/&lt;name&gt; and returns the path.</summary>
    public string WriteTar(string directory, string name = "image.tar")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Tar());
        return path;
    }
}

/// <summary>
/// Builds small real images from the machine's static busybox (/bin/busybox), for image-store,
/// runtime and agent tests. Deterministic: the same arguments give the same digests.
/// </summary>
public static class TestImages
{
    public const string BusyboxPath = "/bin/busybox";

    /// <summary>Applets linked to busybox in bin/.</summary>
    public static readonly IReadOnlyList<string> Applets =
    [
        "sh", "ash", "sleep", "echo", "cat", "ls", "env", "wget", "nc", "true", "false", "id", "hostname", "ps",
        "test", "[", "tar", "mkdir", "rm", "cp", "mv", "ln", "touch", "chmod", "chown", "grep", "sed", "head",
        "tail", "wc", "date", "printf", "kill", "pwd", "uname", "whoami", "df", "du", "mount", "umount", "stat",
        "readlink", "nslookup", "ping", "ip", "ifconfig", "netstat", "httpd", "find", "xargs", "sort", "uniq",
        "tr", "cut", "awk", "basename", "dirname", "seq", "yes", "top", "free", "dd", "expr", "timeout", "vi",
    ];

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<byte[]> BusyboxLayerTar = new(() => LayerTar(BusyboxEntries));

    /// <summary>An OCI image-layout tar of one gzip layer (busybox + applet links, etc/passwd, tmp) with Cmd ["sh"].</summary>
    public static TestImage BuildBusybox(string reference) => BuildOci(reference, [BusyboxLayerTar.Value]);

    /// <summary>The same image as a `docker save` tar (uncompressed layer, manifest.json with RepoTags).</summary>
    public static TestImage BuildBusyboxDockerSave(string reference) => BuildDockerSave(reference, [BusyboxLayerTar.Value]);

    /// <summary>
    /// Busybox plus an upper layer that deletes etc/motd (whiteout), makes opt/data opaque (hiding
    /// opt/data/old.txt) and adds opt/data/new.txt. Config: Entrypoint ["/bin/sh","-c"], Cmd ["echo hi"],
    /// User "1000:1000", WorkingDir "/opt", StopSignal "SIGINT", label "test=two-layer".
    /// </summary>
    public static TestImage BuildTwoLayer(string reference)
    {
        var upper = LayerTar(writer =>
        {
            Directory(writer, "etc/");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/.wh.motd") { ModificationTime = Epoch });
            Directory(writer, "opt/");
            Directory(writer, "opt/data/");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "opt/data/.wh..wh..opq") { ModificationTime = Epoch });
            File(writer, "opt/data/new.txt", "new\n"u8.ToArray());
        });
        return BuildOci(reference, [BusyboxLayerTar.Value, upper], writer =>
        {
            writer.WriteStartArray("Entrypoint"); writer.WriteStringValue("/bin/sh"); writer.WriteStringValue("-c"); writer.WriteEndArray();
            writer.WriteStartArray("Cmd"); writer.WriteStringValue("echo hi"); writer.WriteEndArray();
            writer.WriteString("User", "1000:1000");
            writer.WriteString("WorkingDir", "/opt");
            writer.WriteString("StopSignal", "SIGINT");
            writer.WriteStartObject("Labels"); writer.WriteString("test", "two-layer"); writer.WriteEndObject();
        });
    }

    /// <summary>An OCI layout tar of the given uncompressed layer tars (gzip-compressed here).</summary>
    public static TestImage BuildOci(string reference, IReadOnlyList<byte[]> layerTars, Action<Utf8JsonWriter>? runConfig = null)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["oci-layout"] = """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray(),
        };
        var diffIds = layerTars.Select(Digest).ToList();
        var config = Config(diffIds, runConfig);
        var configDigest = AddBlob(files, config);
        var layers = layerTars.Select(Gzip).Select(gz => (Digest: AddBlob(files, gz), Size: (long)gz.Length)).ToList();
        var manifest = Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            WriteDescriptor(w, "config", "application/vnd.oci.image.config.v1+json", configDigest, config.Length);
            w.WriteStartArray("layers");
            foreach (var layer in layers) WriteDescriptor(w, null, "application/vnd.oci.image.layer.v1.tar+gzip", layer.Digest, layer.Size);
            w.WriteEndArray();
        });
        var manifestDigest = AddBlob(files, manifest);
        files["index.json"] = Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteStartArray("manifests");
            w.WriteStartObject();
            w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            w.WriteString("digest", manifestDigest);
            w.WriteNumber("size", manifest.Length);
            w.WriteStartObject("annotations"); w.WriteString("org.opencontainers.image.ref.name", reference); w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        });
        return new TestImage(reference, files, manifestDigest, configDigest, diffIds);
    }

    /// <summary>A `docker save` tar of the given uncompressed layer tars. ManifestDigest is empty (docker save has none).</summary>
    public static TestImage BuildDockerSave(string reference, IReadOnlyList<byte[]> layerTars, Action<Utf8JsonWriter>? runConfig = null)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var diffIds = layerTars.Select(Digest).ToList();
        var config = Config(diffIds, runConfig);
        var configDigest = Digest(config);
        files[configDigest[7..] + ".json"] = config;
        var layerPaths = new List<string>();
        foreach (var (layer, diffId) in layerTars.Zip(diffIds))
        {
            var path = diffId[7..] + "/layer.tar";
            files[path] = layer;
            layerPaths.Add(path);
        }
        files["manifest.json"] = JsonArray(w =>
        {
            w.WriteStartObject();
            w.WriteString("Config", configDigest[7..] + ".json");
            w.WriteStartArray("RepoTags"); w.WriteStringValue(reference); w.WriteEndArray();
            w.WriteStartArray("Layers"); foreach (var p in layerPaths) w.WriteStringValue(p); w.WriteEndArray();
            w.WriteEndObject();
        });
        return new TestImage(reference, files, "", configDigest, diffIds);
    }

    /// <summary>An uncompressed layer tar written by <paramref name="write"/>.</summary>
    public static byte[] LayerTar(Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true)) write(writer);
        return buffer.ToArray();
    }

    public static void Directory(TarWriter writer, string name, UnixFileMode mode = (UnixFileMode)0b111_101_101) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode, ModificationTime = Epoch });

    public static void File(TarWriter writer, string name, byte[] content, UnixFileMode mode = (UnixFileMode)0b110_100_100, int uid = 0, int gid = 0) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode, Uid = uid, Gid = gid, ModificationTime = Epoch, DataStream = new MemoryStream(content),
        });

    public static void Symlink(TarWriter writer, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, ModificationTime = Epoch, Mode = (UnixFileMode)0b111_111_111 });

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] TarOf(IReadOnlyDictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var directory in files.Keys.Select(Path.GetDirectoryName).Where(d => !string.IsNullOrEmpty(d)).Distinct().Order())
                Directory(writer, directory + "/");
            foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal)) File(writer, name, content);
        }
        return buffer.ToArray();
    }

    private static void BusyboxEntries(TarWriter writer)
    {
        foreach (var dir in new[] { "bin/", "etc/", "root/", "proc/", "sys/", "dev/", "opt/", "opt/data/", "var/" })
            Directory(writer, dir);
        Directory(writer, "tmp/", (UnixFileMode)0b1_111_111_111);
        File(writer, "bin/busybox", System.IO.File.ReadAllBytes(BusyboxPath), (UnixFileMode)0b111_101_101);
        foreach (var applet in Applets) Symlink(writer, "bin/" + applet, "busybox");
        File(writer, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"u8.ToArray());
        File(writer, "etc/group", "root:x:0:\nnogroup:x:65534:\n"u8.ToArray());
        File(writer, "etc/hosts", "127.0.0.1 localhost\n"u8.ToArray());
        File(writer, "etc/motd", "welcome\n"u8.ToArray());
        File(writer, "opt/data/old.txt", "old\n"u8.ToArray());
    }

    private static byte[] Config(IReadOnlyList<string> diffIds, Action<Utf8JsonWriter>? runConfig) => Json(w =>
    {
        w.WriteString("architecture", "amd64");
        w.WriteString("os", "linux");
        w.WriteStartObject("config");
        w.WriteStartArray("Env"); w.WriteStringValue("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"); w.WriteEndArray();
        if (runConfig is null) { w.WriteStartArray("Cmd"); w.WriteStringValue("sh"); w.WriteEndArray(); }
        else runConfig(w);
        w.WriteEndObject();
        w.WriteStartObject("rootfs");
        w.WriteString("type", "layers");
        w.WriteStartArray("diff_ids"); foreach (var d in diffIds) w.WriteStringValue(d); w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string AddBlob(Dictionary<string, byte[]> files, byte[] content)
    {
        var digest = Digest(content);
        files["blobs/sha256/" + digest[7..]] = content;
        return digest;
    }

    private static void WriteDescriptor(Utf8JsonWriter w, string? property, string mediaType, string digest, long size)
    {
        if (property is null) w.WriteStartObject(); else w.WriteStartObject(property);
        w.WriteString("mediaType", mediaType);
        w.WriteString("digest", digest);
        w.WriteNumber("size", size);
        w.WriteEndObject();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] JsonArray(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            body(writer);
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }
}
