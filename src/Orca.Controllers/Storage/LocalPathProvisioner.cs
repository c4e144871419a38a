using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Storage;
using Orca.Client;
using Orca.Controllers.Framework;
using NodeObject = Orca.Api.Core.Node;

namespace Orca.Controllers.Storage;

/// <summary>
/// Orca's built-in dynamic provisioner (`orca.dev/local-path`), in the role of an external provisioner:
/// for an unbound claim of a class it provisions, once the scheduler has chosen a node
/// (volume.kubernetes.io/selected-node), it creates PersistentVolume `pvc-&lt;claim uid&gt;`: a hostPath
/// directory `&lt;node's local-path root&gt;/pvc-&lt;uid&gt;_&lt;namespace&gt;_&lt;claim&gt;` (DirectoryOrCreate: the agent
/// makes it when the first pod mounts it), node affinity to that node, the claim's size and access modes,
/// the class's reclaim policy, and a claimRef to the claim (pre-bound, so the binder pairs them). The root
/// is the node's orca.dev/local-path-root annotation, which the agent publishes. Deleting a volume (reclaim
/// Delete) is the binder's; removing the directory is the agent's.
/// </summary>
internal sealed class LocalPathProvisioner : QueueController
{
    public const string ControllerName = "local-path-provisioner";

    private readonly Lister<PersistentVolumeClaim> _claims;
    private readonly Lister<PersistentVolume> _volumes;
    private readonly Lister<StorageClass> _classes;
    private readonly Lister<NodeObject> _nodes;
    private readonly ResourceClient<PersistentVolume> _volumeClient;
    private readonly EventRecorder _recorder;

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, ctx =>
    {
        ctx.Informers.For<PersistentVolumeClaim>();
        ctx.Informers.For<PersistentVolume>();
        ctx.Informers.For<StorageClass>();
        ctx.Informers.For<NodeObject>();
    }, ctx => new LocalPathProvisioner(ctx));

    private LocalPathProvisioner(ControllerContext context) : base(context, ControllerName)
    {
        _claims = context.Informers.For<PersistentVolumeClaim>().Lister;
        _volumes = context.Informers.For<PersistentVolume>().Lister;
        _classes = context.Informers.For<StorageClass>().Lister;
        _nodes = context.Informers.For<NodeObject>().Lister;
        _volumeClient = context.Client.Resource<PersistentVolume>();
        _recorder = context.Recorder(StorageNames.LocalPathProvisioner + "_" + Environment.MachineName);
    }

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return Context.Informers.For<PersistentVolumeClaim>().AddEventHandler(Enqueue, (_, c) => Enqueue(c));
        yield return Context.Informers.For<NodeObject>().AddEventHandler(null, (old, n) =>
        {
            if (old.Metadata.Annotations?.GetValueOrDefault(StorageNames.NodeLocalPathRoot) != n.Metadata.Annotations?.GetValueOrDefault(StorageNames.NodeLocalPathRoot))
                foreach (var c in _claims.List()) Enqueue(c);
        });
    }

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectKey.Split(key);
        var claim = _claims.Get(ns, name);
        if (claim is null || claim.Metadata.DeletionTimestamp is not null || !string.IsNullOrEmpty(claim.Spec.VolumeName)) return;
        if (claim.Spec.StorageClassName is not { Length: > 0 } className || _classes.Get(null, className) is not { } storageClass) return;
        if (storageClass.Provisioner != StorageNames.LocalPathProvisioner) return;
        var volumeName = "pvc-" + claim.Metadata.Uid;
        if (_volumes.Get(null, volumeName) is not null) return;
        if (claim.Metadata.Annotations?.GetValueOrDefault(StorageNames.SelectedNode) is not { Length: > 0 } nodeName)
        {
            if (storageClass.VolumeBindingMode != "WaitForFirstConsumer")
                _recorder.Event(claim, "Warning", "ProvisioningFailed", "configuration error, no node was specified");
            return;
        }
        if (_nodes.Get(null, nodeName)?.Metadata.Annotations?.GetValueOrDefault(StorageNames.NodeLocalPathRoot) is not { Length: > 0 } root)
        {
            _recorder.Event(claim, "Warning", "ProvisioningFailed",
                $"failed to provision volume with StorageClass \"{className}\": node \"{nodeName}\" publishes no {StorageNames.NodeLocalPathRoot} annotation");
            return;
        }
        _recorder.Event(claim, "Normal", "Provisioning", $"External provisioner is provisioning volume for claim \"{ns}/{name}\"");
        try
        {
            await _volumeClient.CreateAsync(Volume(claim, storageClass, volumeName, nodeName, root), ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            return;
        }
        _recorder.Event(claim, "Normal", "ProvisioningSucceeded", $"Successfully provisioned volume {volumeName}");
    }

    private static PersistentVolume Volume(PersistentVolumeClaim claim, StorageClass storageClass, string volumeName, string nodeName, string root) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolume",
        Metadata = new ObjectMeta
        {
            Name = volumeName,
            Annotations = new() { [StorageNames.ProvisionedBy] = StorageNames.LocalPathProvisioner },
        },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new() { ["storage"] = claim.Spec.Resources?.Requests?.GetValueOrDefault("storage") ?? Quantity.Parse("0") },
            AccessModes = claim.Spec.AccessModes is { Count: > 0 } modes ? [.. modes] : ["ReadWriteOnce"],
            HostPath = new HostPathVolumeSource
            {
                Path = Path.Combine(root, $"{volumeName}_{claim.Metadata.Namespace}_{claim.Metadata.Name}"),
                Type = "DirectoryOrCreate",
            },
            ClaimRef = new ObjectReference
            {
                ApiVersion = "v1",
                Kind = "PersistentVolumeClaim",
                Namespace = claim.Metadata.Namespace,
                Name = claim.Metadata.Name,
                Uid = claim.Metadata.Uid,
                ResourceVersion = claim.Metadata.ResourceVersion,
            },
            PersistentVolumeReclaimPolicy = storageClass.ReclaimPolicy ?? "Delete",
            StorageClassName = storageClass.Metadata.Name,
            VolumeMode = claim.Spec.VolumeMode ?? "Filesystem",
            NodeAffinity = new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new NodeSelectorTerm
                        {
                            MatchExpressions = [new NodeSelectorRequirement { Key = StorageNames.HostnameLabel, Operator = "In", Values = [nodeName] }],
                        },
                    ],
                },
            },
        },
    };
}
