using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Resources.Volumes;

namespace Orca.ApiServer.Printers;

/// <summary>
/// core/v1 persistentvolumes: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
/// VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE.
/// </summary>
internal sealed class PersistentVolumePrinter : TablePrinter<PersistentVolume>
{
    /// <summary>The pre-storageClassName way to name a class, still honoured first.</summary>
    internal const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Capacity", "Size of the volume."),
        Column.Text("Access Modes", "How the volume can be mounted."),
        Column.Text("Reclaim Policy", "What happens to the volume when its claim is released."),
        Column.Text("Status", "Phase of the volume."),
        Column.Text("Claim", "The claim bound to the volume."),
        Column.Text("StorageClass", "StorageClass of the pv"),
        Column.Text("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
        Column.Text("Reason", "Why the volume is in its phase."),
        Column.Age(),
        Column.Text("VolumeMode", "Filesystem or Block.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(PersistentVolume pv, DateTimeOffset now)
    {
        var spec = pv.Spec;
        var claim = spec.ClaimRef is { } c ? $"{c.Namespace}/{c.Name}" : "";
        return
        [
            Text(pv.Metadata.Name),
            Text(spec.Capacity?.GetValueOrDefault("storage").ToString() ?? "0"),
            Text(VolumeValidation.ShortAccessModes(spec.AccessModes)),
            Text(spec.PersistentVolumeReclaimPolicy),
            Text(pv.Metadata.DeletionTimestamp is not null ? "Terminating" : pv.Status.Phase),
            Text(claim),
            Text(pv.Metadata.Annotations?.GetValueOrDefault(BetaStorageClassAnnotation) ?? spec.StorageClassName),
            Text(spec.VolumeAttributesClassName ?? "<unset>"),
            Text(pv.Status.Reason),
            AgeOf(pv, now),
            Text(spec.VolumeMode ?? "<unset>"),
        ];
    }
}
