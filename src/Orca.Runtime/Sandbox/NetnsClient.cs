using Orca.Runtime.Native;
using Orca.Runtime.Processes;

namespace Orca.Runtime.Sandbox;

/// <summary>
/// Persistent network namespaces as bind-mounted files (what `ip netns add` does, but under the
/// runtime's own directory): created with util-linux `unshare --net=FILE`, removed by unmounting.
/// </summary>
internal sealed class NetnsClient(string unsharePath, TimeSpan timeout)
{
    /// <summary>Creates a fresh network namespace pinned at <paramref name="path"/>; no-op when already pinned.</summary>
    public async Task CreateAsync(string path, CancellationToken cancellationToken)
    {
        if (IsPinned(path))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        await ProcessRunner.RunCheckedAsync(unsharePath, ["--net=" + path, "true"], timeout, cancellationToken);
    }

    /// <summary>Unmounts and deletes the namespace file. Idempotent.</summary>
    public static void Remove(string path)
    {
        Libc.Unmount(path);
        File.Delete(path);
    }

    /// <summary>Whether a namespace is bind-mounted at <paramref name="path"/> (it then lives in nsfs).</summary>
    public static bool IsPinned(string path)
    {
        if (!File.Exists(path))
            return false;
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && fields[4] == path)
                return true;
        }
        return false;
    }
}
