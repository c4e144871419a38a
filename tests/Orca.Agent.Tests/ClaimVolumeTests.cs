using Orca.Agent.Storage;
using Orca.Agent.Translate;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orca.Agent.Tests;

/// <summary>persistentVolumeClaim volumes: claim → bound volume → host directory; and the local-path directory clean-up.</summary>
public sealed class ClaimVolumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orca-claims-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private PodVolumes Volumes(PersistentVolumeClaim? claim, PersistentVolume? volume) =>
        new(_dir, new ConfigSources((_, _, _) => Task.FromResult<ConfigMap?>(null), (_, _, _) => Task.FromResult<Secret?>(null))
        {
            Claim = (ns, name, _) => Task.FromResult(claim is not null && claim.Metadata.Name == name && claim.Metadata.Namespace == ns ? claim : null),
            Volume = (name, _) => Task.FromResult(volume is not null && volume.Metadata.Name == name ? volume : null),
        }, () => 1L << 30);

    private static Pod PodWithClaim(string claimName)
    {
        var pod = PodBuilder.Named("p").WithContainer("a").Build();
        pod.Metadata.Uid = "uid-1";
        pod.Spec.Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claimName } }];
        return pod;
    }

    private static PersistentVolumeClaim Claim(string? volumeName, string phase) => new()
    {
        Metadata = new ObjectMeta { Name = "www", Namespace = "default" },
        Spec = new PersistentVolumeClaimSpec { VolumeName = volumeName },
        Status = new PersistentVolumeClaimStatus { Phase = phase },
    };

    private PersistentVolume LocalPathVolume(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Annotations = new() { [StorageNames.ProvisionedBy] = StorageNames.LocalPathProvisioner } },
        Spec = new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = Path.Combine(_dir, "local-path", name + "_default_www"), Type = "DirectoryOrCreate" } },
    };

    [Fact]
    public async Task A_bound_claim_mounts_its_volumes_directory_which_is_created_on_first_use()
    {
        var volume = LocalPathVolume("pvc-1");
        var (paths, error) = await Volumes(Claim("pvc-1", "Bound"), volume).PrepareAsync(PodWithClaim("www"), null, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(volume.Spec.HostPath!.Path, paths!["data"]);
        Assert.True(Directory.Exists(paths["data"]));
    }

    [Theory]
    [InlineData("other", null, "Pending", "persistentvolumeclaim \"other\" not found")]
    [InlineData("www", null, "Pending", "PVC default/www is not bound")]
    [InlineData("www", "pvc-gone", "Bound", "persistentvolume \"pvc-gone\" not found")]
    public async Task A_claim_that_cannot_be_mounted_yet_is_a_config_error_the_worker_retries(string claimName, string? volumeName, string phase, string message)
    {
        var (paths, error) = await Volumes(Claim(volumeName, phase), LocalPathVolume("pvc-1")).PrepareAsync(PodWithClaim(claimName), null, CancellationToken.None);
        Assert.Null(paths);
        Assert.Equal(message, error!.Message);
    }

    [Fact]
    public void The_cleaner_removes_only_its_own_deleted_volumes_and_sweeps_leftovers()
    {
        var root = Path.Combine(_dir, "local-path");
        var cleaner = new LocalPathCleaner(root, NullLogger.Instance);
        var gone = LocalPathVolume("pvc-gone");
        var kept = LocalPathVolume("pvc-kept");
        var leftover = Path.Combine(root, "pvc-leftover_default_x");
        var foreign = new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "manual" },
            Spec = new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = Path.Combine(root, "pvc-manual") } },
        };
        foreach (var d in new[] { gone.Spec.HostPath!.Path, kept.Spec.HostPath!.Path, leftover, foreign.Spec.HostPath.Path }) Directory.CreateDirectory(d);

        cleaner.OnDeleted(gone);
        cleaner.OnDeleted(foreign);
        Assert.False(Directory.Exists(gone.Spec.HostPath.Path));
        Assert.True(Directory.Exists(foreign.Spec.HostPath.Path));

        cleaner.Sweep([kept, foreign]);
        Assert.True(Directory.Exists(kept.Spec.HostPath.Path));
        Assert.False(Directory.Exists(leftover));
    }
}
