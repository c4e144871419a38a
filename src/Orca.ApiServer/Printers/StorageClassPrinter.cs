using System.Text.Json.Nodes;
using Orca.Api.Meta;
using Orca.Api.Storage;

namespace Orca.ApiServer.Printers;

/// <summary>
/// storage.k8s.io/v1 storageclasses: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE
/// ALLOWVOLUMEEXPANSION AGE; the default class's name carries " (default)".
/// </summary>
internal sealed class StorageClassPrinter : TablePrinter<StorageClass>
{
    private static readonly string[] DefaultAnnotations =
        ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"];

    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Provisioner", "The driver that provisions volumes of this class."),
        Column.Text("ReclaimPolicy", "What happens to provisioned volumes when released."),
        Column.Text("VolumeBindingMode", "When volumes are bound and provisioned."),
        Column.Text("AllowVolumeExpansion", "Whether claims of this class may grow."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(StorageClass sc, DateTimeOffset now)
    {
        var isDefault = DefaultAnnotations.Any(a => sc.Metadata.Annotations?.GetValueOrDefault(a) == "true");
        return
        [
            Text(isDefault ? $"{sc.Metadata.Name} (default)" : sc.Metadata.Name),
            Text(sc.Provisioner),
            Text(sc.ReclaimPolicy ?? "Delete"),
            Text(sc.VolumeBindingMode ?? "Immediate"),
            Bool(sc.AllowVolumeExpansion ?? false),
            AgeOf(sc, now),
        ];
    }
}
