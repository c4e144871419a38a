using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Orca.Runtime.Images;

/// <summary>
/// Unpacks one layer tar (plain or gzip) into a fresh directory the way overlayfs wants a lower
/// layer: `.wh.name` becomes a 0/0 character device `name`, `.wh..wh..opq` marks its directory
/// opaque (trusted.overlay.opaque=y). Keeps modes, owners, symlinks, hard links, devices and
/// mtimes. Entries whose path leaves the directory (.., or through a symlink) are refused.
/// The uncompressed stream must hash to the layer's diff id. Not thread-safe per target directory.
/// </summary>
internal sealed class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private static readonly byte[] OpaqueValue = "y"u8.ToArray();

    private readonly string _root;
    private readonly HashSet<string> _checkedDirectories = new(StringComparer.Ordinal);
    private readonly List<(string Path, DateTimeOffset Mtime)> _directoryTimes = [];

    private LayerUnpacker(string root) => _root = root;

    /// <summary>Unpacks <paramref name="layer"/> into <paramref name="target"/> (which must not exist yet).</summary>
    public static void Unpack(Stream layer, string target, string expectedDiffId)
    {
        Directory.CreateDirectory(target);
        using var decompressed = Decompress(layer);
        using var hashing = new HashingStream(decompressed);
        var unpacker = new LayerUnpacker(target);
        using (var reader = new TarReader(hashing, leaveOpen: true))
        {
            while (reader.GetNextEntry() is { } entry) unpacker.Apply(entry);
        }
        hashing.Drain();
        var diffId = hashing.Digest();
        if (diffId != expectedDiffId)
            throw new ImageStoreException(ImageErrorKind.DigestMismatch, $"layer content hashes to {diffId}, the config says {expectedDiffId}");
        unpacker.SetDirectoryTimes();
    }

    private static Stream Decompress(Stream layer)
    {
        var buffered = new BufferedStream(layer, 1 << 16);
        Span<byte> magic = stackalloc byte[4];
        var read = buffered.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        buffered.Seek(-read, SeekOrigin.Current);
        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return new GZipStream(buffered, CompressionMode.Decompress);
        if (read == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
            throw new ImageStoreException(ImageErrorKind.Unsupported, "zstd-compressed layers are not supported");
        return buffered;
    }

    private void Apply(TarEntry entry)
    {
        var relative = Normalise(entry.Name);
        if (relative.Length == 0) return;
        var name = Path.GetFileName(relative);
        var parent = Path.GetDirectoryName(relative) ?? "";
        var parentPath = EnsureDirectory(parent);
        if (name == OpaqueWhiteout)
        {
            Libc.Check(Libc.SetXattr(parentPath, "trusted.overlay.opaque", OpaqueValue, (nuint)OpaqueValue.Length, 0), "setxattr", parentPath);
            return;
        }
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            var hidden = Path.Combine(parentPath, name[WhiteoutPrefix.Length..]);
            RemoveExisting(hidden);
            Libc.Check(Libc.Mknod(hidden, Libc.SIfChr, Libc.MakeDev(0, 0)), "mknod", hidden);
            return;
        }
        var path = Path.Combine(parentPath, name);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                CreateDirectory(entry, path);
                return;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                RemoveExisting(path);
                WriteFile(entry, path);
                break;
            case TarEntryType.SymbolicLink:
                RemoveExisting(path);
                File.CreateSymbolicLink(path, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                var target = ResolveExisting(entry.LinkName);
                RemoveExisting(path);
                Libc.Check(Libc.Link(target, path), "link", path);
                return;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                RemoveExisting(path);
                var kind = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => Libc.SIfChr,
                    TarEntryType.BlockDevice => Libc.SIfBlk,
                    _ => Libc.SIfIfo,
                };
                var dev = entry is PosixTarEntry posix ? Libc.MakeDev((uint)posix.DeviceMajor, (uint)posix.DeviceMinor) : 0;
                Libc.Check(Libc.Mknod(path, kind | (uint)entry.Mode, dev), "mknod", path);
                break;
            default:
                return;
        }
        SetMetadata(entry, path, isSymlink: entry.EntryType == TarEntryType.SymbolicLink);
    }

    private void CreateDirectory(TarEntry entry, string path)
    {
        if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint)) { }
        else
        {
            RemoveExisting(path);
            Directory.CreateDirectory(path);
        }
        _checkedDirectories.Add(path);
        SetOwnerAndMode(entry, path, isSymlink: false);
        _directoryTimes.Add((path, entry.ModificationTime));
    }

    private static void WriteFile(TarEntry entry, string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        entry.DataStream?.CopyTo(file);
    }

    private static void SetMetadata(TarEntry entry, string path, bool isSymlink)
    {
        SetOwnerAndMode(entry, path, isSymlink);
        SetTime(path, entry.ModificationTime);
    }

    private static void SetOwnerAndMode(TarEntry entry, string path, bool isSymlink)
    {
        Libc.Check(Libc.LChown(path, entry.Uid, entry.Gid), "lchown", path);
        // After lchown, which clears set-id bits.
        if (!isSymlink) File.SetUnixFileMode(path, entry.Mode);
    }

    private static void SetTime(string path, DateTimeOffset time)
    {
        var ticks = time.ToUnixTimeMilliseconds();
        var spec = new Libc.Timespec { Seconds = ticks / 1000, Nanoseconds = ticks % 1000 * 1_000_000 };
        Libc.Check(Libc.UtimensAt(Libc.AtFdCwd, path, [spec, spec], Libc.AtSymlinkNoFollow), "utimensat", path);
    }

    private void SetDirectoryTimes()
    {
        for (var i = _directoryTimes.Count - 1; i >= 0; i--) SetTime(_directoryTimes[i].Path, _directoryTimes[i].Mtime);
    }

    /// <summary>"./a//b/" → "a/b"; refuses any ".." component.</summary>
    private static string Normalise(string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = new StringBuilder();
        foreach (var part in parts)
        {
            if (part == ".") continue;
            if (part == "..")
                throw new ImageStoreException(ImageErrorKind.InvalidContent, $"layer entry '{name}' escapes the layer directory");
            if (kept.Length > 0) kept.Append('/');
            kept.Append(part);
        }
        return kept.ToString();
    }

    /// <summary>The absolute path of a directory inside the layer, creating missing parts, refusing symlinked parts.</summary>
    private string EnsureDirectory(string relative)
    {
        var path = _root;
        if (relative.Length == 0) return path;
        foreach (var part in relative.Split('/'))
        {
            path = Path.Combine(path, part);
            if (_checkedDirectories.Contains(path)) continue;
            var info = new FileInfo(path);
            if (info.Exists || info.LinkTarget is not null)
                throw new ImageStoreException(ImageErrorKind.InvalidContent, $"layer path '{relative}' goes through a non-directory");
            if (!Directory.Exists(path)) Directory.CreateDirectory(path);
            else if (new DirectoryInfo(path).LinkTarget is not null)
                throw new ImageStoreException(ImageErrorKind.InvalidContent, $"layer path '{relative}' goes through a symlink");
            _checkedDirectories.Add(path);
        }
        return path;
    }

    private string ResolveExisting(string linkName)
    {
        var relative = Normalise(linkName);
        var parent = Path.GetDirectoryName(relative) ?? "";
        var path = Path.Combine(EnsureDirectory(parent), Path.GetFileName(relative));
        if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            throw new ImageStoreException(ImageErrorKind.InvalidContent, $"hard link target '{linkName}' is not in the layer");
        return path;
    }

    private void RemoveExisting(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            info.Delete();
            return;
        }
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
            _checkedDirectories.RemoveWhere(d => d == path || d.StartsWith(path + "/", StringComparison.Ordinal));
        }
    }
}
