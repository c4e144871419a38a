using Orca.Agent.Translate;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Agent.Tests;

public sealed class MemoryVolumeTests
{
    private const long Gi = 1L << 30, Mi = 1L << 20;

    [Theory]
    [InlineData(null, null, null, 8 * Gi)]          // nothing set: node allocatable
    [InlineData("64Mi", null, null, 64 * Mi)]       // sizeLimit
    [InlineData("1Gi", "128Mi", "128Mi", 256 * Mi)] // every container limited: the pod's limit wins over a larger sizeLimit
    [InlineData("64Mi", "128Mi", "128Mi", 64 * Mi)] // a smaller sizeLimit wins over the pod's limit
    [InlineData(null, "128Mi", null, 8 * Gi)]       // one container without a limit: no pod limit
    [InlineData("16Gi", null, null, 8 * Gi)]        // a sizeLimit over allocatable is capped
    public void A_memory_volume_is_sized_like_the_kubelet_does(string? sizeLimit, string? limitA, string? limitB, long expected)
    {
        var pod = PodBuilder.Named("p").WithContainer("a", c => Limit(c, limitA)).WithContainer("b", c => Limit(c, limitB)).Build();
        var emptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = sizeLimit is null ? null : new Quantity(sizeLimit) };
        Assert.Equal(expected, PodVolumes.MemoryVolumeSize(pod, emptyDir, 8 * Gi));
    }

    private static void Limit(Container c, string? memory)
    {
        if (memory is not null) c.Resources = new ResourceRequirements { Limits = new() { ["memory"] = new Quantity(memory) } };
    }

    [Fact]
    public async Task A_memory_emptydir_is_a_tmpfs_of_its_size_until_the_pod_directory_is_removed()
    {
        var dir = Directory.CreateTempSubdirectory("orca-tmpfs-").FullName;
        try
        {
            var sources = new ConfigSources((_, _, _) => Task.FromResult<ConfigMap?>(null), (_, _, _) => Task.FromResult<Secret?>(null));
            var volumes = new PodVolumes(dir, sources, () => 8 * Gi);
            var pod = PodBuilder.Named("p").WithContainer("a").Build();
            pod.Metadata.Uid = "uid-1";
            pod.Spec.Volumes = [new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new Quantity("64Mi") } },
                new Volume { Name = "disk", EmptyDir = new EmptyDirVolumeSource() }];

            var (paths, error) = await volumes.PrepareAsync(pod, null, CancellationToken.None);
            Assert.Null(error);
            var cache = paths!["cache"];
            Assert.Equal((cache, "tmpfs", "64Mi"), Mount(cache));
            Assert.Null(Mount(paths["disk"]));
            await File.WriteAllTextAsync(Path.Combine(cache, "data"), "in memory");
            (paths, _) = await volumes.PrepareAsync(pod, null, CancellationToken.None);
            Assert.Equal("in memory", await File.ReadAllTextAsync(Path.Combine(paths!["cache"], "data")));
            Assert.Single(Tmpfs.MountPointsUnder(dir));

            volumes.RemovePodDir("uid-1");
            Assert.Empty(Tmpfs.MountPointsUnder(dir));
            Assert.False(Directory.Exists(volumes.PodDir("uid-1")));
            volumes.RemovePodDir("uid-1");
        }
        finally
        {
            Tmpfs.UnmountAll(dir);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>(mount point, fs type, size from df's view) of the mount at a path, from /proc/self/mountinfo and statfs.</summary>
    private static (string, string, string)? Mount(string path)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var f = line.Split(' ');
            if (f[4] != path) continue;
            var type = f[Array.IndexOf(f, "-") + 1];
            var size = new DriveInfo(path).TotalSize;
            return (path, type, size % Mi == 0 ? $"{size / Mi}Mi" : size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return null;
    }
}
