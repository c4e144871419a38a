using static Orca.Api.Protobuf.F;

namespace Orca.Api.Protobuf;

/// <summary>Field tables of k8s.io/apimachinery/pkg/apis/meta/v1 (numbers from its generated.proto).</summary>
internal static class MetaV1Schemas
{
    public static IEnumerable<ProtoMessage> All =>
    [
        new("ObjectMeta",
            Str(1, "name"), Str(2, "generateName"), Str(3, "namespace"), Str(4, "selfLink"), Str(5, "uid"),
            Str(6, "resourceVersion"), I64(7, "generation"), Time(8, "creationTimestamp"),
            OptTime(9, "deletionTimestamp"), OptI64(10, "deletionGracePeriodSeconds"),
            StrMap(11, "labels"), StrMap(12, "annotations"), Msgs(13, "ownerReferences", "OwnerReference"),
            Strs(14, "finalizers"), Msgs(17, "managedFields", "ManagedFieldsEntry")),
        new("OwnerReference",
            Str(1, "kind"), Str(3, "name"), Str(4, "uid"), Str(5, "apiVersion"),
            OptBool(6, "controller"), OptBool(7, "blockOwnerDeletion")),
        new("ManagedFieldsEntry",
            Str(1, "manager"), Str(2, "operation"), Str(3, "apiVersion"), OptTime(4, "time"),
            Str(6, "fieldsType"), new ProtoField(7, "fieldsV1", ProtoKind.FieldsV1, ProtoShape.Optional),
            Str(8, "subresource")),
        new("LabelSelector",
            StrMap(1, "matchLabels"), Msgs(2, "matchExpressions", "LabelSelectorRequirement")),
        new("LabelSelectorRequirement",
            Str(1, "key"), Str(2, "operator"), Strs(3, "values")),
        new("DeleteOptions",
            OptI64(1, "gracePeriodSeconds"), OptMsg(2, "preconditions", "Preconditions"),
            OptBool(3, "orphanDependents"), OptStr(4, "propagationPolicy"), Strs(5, "dryRun")),
        new("Preconditions",
            OptStr(1, "uid"), OptStr(2, "resourceVersion")),
        new("Condition",
            Str(1, "type"), Str(2, "status"), I64(3, "observedGeneration"), Time(4, "lastTransitionTime"),
            Str(5, "reason"), Str(6, "message")),
    ];
}
