namespace Orca.Agent.Translate;

/// <summary>
/// hostPath's type as the kubelet checks it before mounting: DirectoryOrCreate and FileOrCreate make what is
/// missing (a 0755 directory with its parents; an empty 0644 file in an existing directory), the other types
/// require the path to be of that kind, and no type checks nothing.
/// </summary>
internal static class HostPathTypes
{
    /// <summary>The kubelet's message when the path does not pass, or null.</summary>
    public static string? Check(string path, string? type)
    {
        var failed = $"hostPath type check failed: {path}";
        switch (type)
        {
            case null or "":
                return null;
            case "DirectoryOrCreate":
                if (!Exists(path)) Directory.CreateDirectory(path, (UnixFileMode)0b111_101_101);
                return Directory.Exists(path) ? null : $"{failed} is not a directory";
            case "Directory":
                return Directory.Exists(path) ? null : $"{failed} is not a directory";
            case "FileOrCreate":
                if (!Exists(path)) return Create(path);
                return File.Exists(path) ? null : $"{failed} is not a file";
            case "File":
                return File.Exists(path) ? null : $"{failed} is not a file";
            case "Socket":
                return Kind(path) == UnixFileKind.Socket ? null : $"{failed} is not a socket file";
            case "CharDevice":
                return Kind(path) == UnixFileKind.CharDevice ? null : $"{failed} is not a character device";
            case "BlockDevice":
                return Kind(path) == UnixFileKind.BlockDevice ? null : $"{failed} is not a block device";
            default:
                return $"hostPath type check failed: unknown type {type}";
        }
    }

    private enum UnixFileKind { None, Other, Socket, CharDevice, BlockDevice }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static string? Create(string path)
    {
        try
        {
            using (File.Create(path)) { }
            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static UnixFileKind Kind(string path) => (FileStat.Of(path)?.Mode & FileStat.TypeMask) switch
    {
        null => UnixFileKind.None,
        FileStat.Socket => UnixFileKind.Socket,
        FileStat.CharDevice => UnixFileKind.CharDevice,
        FileStat.BlockDevice => UnixFileKind.BlockDevice,
        _ => UnixFileKind.Other,
    };
}
