using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orca.Runtime.Sandbox;

/// <summary>
/// The on-disk layout under the runtime root and atomic JSON persistence of sandbox and container
/// records. Writes go to a temp file and are renamed, so a crash leaves the old or the new record.
/// Thread-safe for distinct ids; callers serialise writers of one id.
/// </summary>
internal sealed class StateStore(string root)
{
    public string Root { get; } = root;
    public string RuncRoot => Path.Combine(Root, "runc");
    public string ExitDir => Path.Combine(Root, "exits");
    public string SocketDir => Path.Combine(Root, "s");
    public string NetnsDir => Path.Combine(Root, "netns");
    public string IpamDir => Path.Combine(Root, "ipam");
    public string SandboxDir(string id) => Path.Combine(Root, "sandboxes", id);
    public string ContainerDir(string id) => Path.Combine(Root, "containers", id);
    public string NetnsPath(string id) => Path.Combine(NetnsDir, "orca-" + id);
    public string ExitFile(string id) => Path.Combine(ExitDir, id);

    public void EnsureLayout()
    {
        foreach (var dir in new[] { RuncRoot, ExitDir, SocketDir, NetnsDir, IpamDir, Path.Combine(Root, "sandboxes"), Path.Combine(Root, "containers") })
            Directory.CreateDirectory(dir);
    }

    public void Save(SandboxRecord record) => Write(Path.Combine(SandboxDir(record.Id), "sandbox.json"), record, RuntimeJsonContext.Default.SandboxRecord);
    public void Save(ContainerRecord record) => Write(Path.Combine(ContainerDir(record.Id), "container.json"), record, RuntimeJsonContext.Default.ContainerRecord);

    public SandboxRecord? LoadSandbox(string id) => Read(Path.Combine(SandboxDir(id), "sandbox.json"), RuntimeJsonContext.Default.SandboxRecord);
    public ContainerRecord? LoadContainer(string id) => Read(Path.Combine(ContainerDir(id), "container.json"), RuntimeJsonContext.Default.ContainerRecord);

    public IEnumerable<SandboxRecord> LoadSandboxes() => Ids("sandboxes").Select(LoadSandbox).OfType<SandboxRecord>();
    public IEnumerable<ContainerRecord> LoadContainers() => Ids("containers").Select(LoadContainer).OfType<ContainerRecord>();

    private IEnumerable<string> Ids(string kind)
    {
        var dir = Path.Combine(Root, kind);
        return Directory.Exists(dir) ? Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>().ToList() : [];
    }

    private static void Write<T>(string path, T value, JsonTypeInfo<T> typeInfo)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        File.Move(temp, path, overwrite: true);
    }

    private static T? Read<T>(string path, JsonTypeInfo<T> typeInfo) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), typeInfo);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
