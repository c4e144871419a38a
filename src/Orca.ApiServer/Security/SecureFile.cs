namespace Orca.ApiServer.Security;

/// <summary>
/// Writes secrets so that no other user can read them at any moment: files are created with
/// mode 0600 (before the first byte is written) in a directory with mode 0700, and replaced
/// atomically by a rename so a reader never sees a half-written key.
/// </summary>
internal static class SecureFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and parents) if missing and narrows it to 0700.</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyDirectory);
        File.SetUnixFileMode(path, OwnerOnlyDirectory);
    }

    /// <summary>Creates the parent directory of <paramref name="path"/> with mode 0700 if it does not exist yet.</summary>
    public static void EnsureParentDirectory(string path)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is null || Directory.Exists(parent))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(parent);
        }
        else
        {
            Directory.CreateDirectory(parent, OwnerOnlyDirectory);
        }
    }

    /// <summary>
    /// Atomically replaces <paramref name="path"/> with <paramref name="contents"/> (UTF-8), mode 0600.
    /// The temporary file lives beside the target so the final rename never crosses file systems.
    /// </summary>
    public static void WriteAllText(string path, string contents)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
