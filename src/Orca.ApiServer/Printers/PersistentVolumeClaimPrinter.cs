using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Resources.Volumes;

namespace Orca.ApiServer.Printers;

/// <summary>
/// core/v1 persistentvolumeclaims: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
/// VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. Capacity and access modes show once a volume is named.
/// </summary>
internal sealed class PersistentVolumeClaimPrinter : TablePrinter<PersistentVolumeClaim>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Status", "Phase of the claim."),
        Column.Text("Volume", "The volume the claim is bound to."),
        Column.Text("Capacity", "Size of the bound volume."),
        Column.Text("Access Modes", "How the bound volume can be mounted."),
        Column.Text("StorageClass", "StorageClass of the pvc"),
        Column.Text("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
        Column.Age(),
        Column.Text("VolumeMode", "Filesystem or Block.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(PersistentVolumeClaim pvc, DateTimeOffset now)
    {
        var spec = pvc.Spec;
        var bound = !string.IsNullOrEmpty(spec.VolumeName);
        return
        [
            Text(pvc.Metadata.Name),
            Text(pvc.Metadata.DeletionTimestamp is not null ? "Terminating" : pvc.Status.Phase),
            Text(spec.VolumeName),
            Text(bound ? pvc.Status.Capacity?.GetValueOrDefault("storage").ToString() ?? "0" : ""),
            Text(bound ? VolumeValidation.ShortAccessModes(pvc.Status.AccessModes) : ""),
            Text(pvc.Metadata.Annotations?.GetValueOrDefault(PersistentVolumePrinter.BetaStorageClassAnnotation) ?? spec.StorageClassName),
            Text(spec.VolumeAttributesClassName ?? "<unset>"),
            AgeOf(pvc, now),
            Text(spec.VolumeMode ?? "<unset>"),
        ];
    }
}
