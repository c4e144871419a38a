using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orca.Runtime.Sandbox;

/// <summary>
/// The on-disk layout under the runtime root and atomic JSON persistence of sandbox and container
/// records. Writes go to a temp file and are renamed, so a crash leaves the old or the new record.
/// Records are also kept in memory: the disk is read once, on first use, so a new instance over the
/// same root sees what an earlier process created, and later reads (the agent relists every
/// second) cost no I/O. One instance owns a root at a time. Thread-safe; callers serialise writers
/// of one id, and <see cref="Replace(ContainerRecord)"/> never resurrects a deleted record.
/// </summary>
internal sealed class StateStore
{
    private readonly object _gate = new();
    private readonly Lazy<(ConcurrentDictionary<string, SandboxRecord> Sandboxes, ConcurrentDictionary<string, ContainerRecord> Containers)> _cache;

    public StateStore(string root)
    {
        Root = root;
        _cache = new(() => (
            new ConcurrentDictionary<string, SandboxRecord>(ReadAll("sandboxes", "sandbox.json", RuntimeJsonContext.Default.SandboxRecord), StringComparer.Ordinal),
            new ConcurrentDictionary<string, ContainerRecord>(ReadAll("containers", "container.json", RuntimeJsonContext.Default.ContainerRecord), StringComparer.Ordinal)));
    }

    public string Root { get; }
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

    public void Save(SandboxRecord record)
    {
        lock (_gate)
        {
            Write(Path.Combine(SandboxDir(record.Id), "sandbox.json"), record, RuntimeJsonContext.Default.SandboxRecord);
            _cache.Value.Sandboxes[record.Id] = record;
        }
    }

    public void Save(ContainerRecord record)
    {
        lock (_gate)
        {
            Write(Path.Combine(ContainerDir(record.Id), "container.json"), record, RuntimeJsonContext.Default.ContainerRecord);
            _cache.Value.Containers[record.Id] = record;
        }
    }

    /// <summary>Saves <paramref name="record"/> only if its container still exists (a status refresh racing a removal loses).</summary>
    public void Replace(ContainerRecord record)
    {
        lock (_gate)
        {
            if (_cache.Value.Containers.ContainsKey(record.Id))
                Save(record);
        }
    }

    public SandboxRecord? LoadSandbox(string id) => _cache.Value.Sandboxes.GetValueOrDefault(id);
    public ContainerRecord? LoadContainer(string id) => _cache.Value.Containers.GetValueOrDefault(id);

    public IEnumerable<SandboxRecord> LoadSandboxes() => _cache.Value.Sandboxes.Values;
    public IEnumerable<ContainerRecord> LoadContainers() => _cache.Value.Containers.Values;

    /// <summary>Deletes the sandbox's directory and forgets its record. Idempotent.</summary>
    public void DeleteSandbox(string id) => Delete(SandboxDir(id), () => _cache.Value.Sandboxes.TryRemove(id, out _));

    /// <summary>Deletes the container's directory (its writable layer included) and forgets its record. Idempotent.</summary>
    public void DeleteContainer(string id) => Delete(ContainerDir(id), () => _cache.Value.Containers.TryRemove(id, out _));

    private void Delete(string dir, Func<bool> forget)
    {
        lock (_gate)
        {
            forget();
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    private IEnumerable<KeyValuePair<string, T>> ReadAll<T>(string kind, string file, JsonTypeInfo<T> typeInfo) where T : class
    {
        var dir = Path.Combine(Root, kind);
        if (!Directory.Exists(dir))
            yield break;
        foreach (var entry in Directory.EnumerateDirectories(dir))
        {
            if (Read(Path.Combine(entry, file), typeInfo) is { } record)
                yield return new(Path.GetFileName(entry), record);
        }
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
