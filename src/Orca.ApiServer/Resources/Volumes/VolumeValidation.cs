using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Volumes;

/// <summary>PersistentVolume and PersistentVolumeClaim rules with Kubernetes' field paths and wording.</summary>
internal static class VolumeValidation
{
    public static readonly string[] AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    private static readonly string[] VolumeModes = ["Block", "Filesystem"];
    private static readonly string[] ReclaimPolicies = ["Delete", "Recycle", "Retain"];

    /// <summary>
    /// The spec members that are volume sources; everything else in PersistentVolumeSpec describes
    /// the volume. Exactly one source must be set.
    /// </summary>
    private static readonly HashSet<string> NonSourceFields =
    [
        "capacity", "accessModes", "claimRef", "persistentVolumeReclaimPolicy", "storageClassName", "mountOptions",
        "volumeMode", "nodeAffinity", "volumeAttributesClassName",
    ];

    /// <summary>ValidatePersistentVolumeClaimSpec: access modes, a positive storage request, volume mode.</summary>
    public static ErrorList ClaimSpec(PersistentVolumeClaimSpec spec, FieldPath path)
    {
        var errors = new ErrorList();
        AccessModesOf(errors, spec.AccessModes, path.Child("accessModes"), "at least 1 access mode is required");
        errors.AddRange(LabelSelectorValidator.Validate(spec.Selector, path.Child("selector")));
        var storagePath = path.Child("resources").Key("storage");
        if (spec.Resources?.Requests?.TryGetValue("storage", out var storage) != true)
            errors.Add(FieldError.Required(storagePath));
        else if (storage.Sign <= 0)
            errors.Add(FieldError.Invalid(storagePath, storage.ToString(), "must be greater than zero"));
        if (spec.VolumeMode is { } mode && !VolumeModes.Contains(mode)) errors.Add(FieldError.NotSupported(path.Child("volumeMode"), mode, VolumeModes));
        return errors;
    }

    /// <summary>ValidatePersistentVolumeSpec: capacity, access modes, reclaim policy, exactly one source.</summary>
    public static ErrorList VolumeSpec(PersistentVolumeSpec spec)
    {
        var errors = new ErrorList();
        var path = FieldPath.New("spec");
        AccessModesOf(errors, spec.AccessModes, path.Child("accessModes"), "");
        if (spec.Capacity is not { Count: > 0 } capacity) errors.Add(FieldError.Required(path.Child("capacity")));
        else if (!capacity.ContainsKey("storage") || capacity.Count > 1)
            errors.Add(FieldError.NotSupported(path.Child("capacity"), GoSyntax.Raw("core.ResourceList{...}"), ["storage"]));
        else if (capacity["storage"].Sign <= 0)
            errors.Add(FieldError.Invalid(path.Child("capacity").Key("storage"), capacity["storage"].ToString(), "must be greater than zero"));
        if (spec.PersistentVolumeReclaimPolicy is { } policy && !ReclaimPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(path.Child("persistentVolumeReclaimPolicy"), policy, ReclaimPolicies));
        if (spec.VolumeMode is { } mode && !VolumeModes.Contains(mode)) errors.Add(FieldError.NotSupported(path.Child("volumeMode"), mode, VolumeModes));
        var sources = Sources(spec);
        if (sources.Count == 0) errors.Add(FieldError.Required(path, "must specify a volume type"));
        foreach (var extra in sources.Skip(1)) errors.Add(FieldError.Forbidden(path.Child(extra), "may not specify more than 1 volume type"));
        if (spec.HostPath is { } hostPath && hostPath.Path.Length == 0) errors.Add(FieldError.Required(path.Child("hostPath", "path")));
        if (spec.Local is { } local)
        {
            if (local.Path.Length == 0) errors.Add(FieldError.Required(path.Child("local", "path")));
            if (spec.NodeAffinity?.Required is null) errors.Add(FieldError.Required(path.Child("nodeAffinity"), "Local volume requires node affinity"));
        }
        return errors;
    }

    /// <summary>The JSON names of the volume sources set in <paramref name="spec"/>, in declaration order.</summary>
    public static List<string> Sources(PersistentVolumeSpec spec) =>
        JsonSerializer.SerializeToNode(spec, ApiJson.Info<PersistentVolumeSpec>()) is JsonObject o
            ? o.Select(p => p.Key).Where(k => !NonSourceFields.Contains(k)).ToList()
            : [];

    private static void AccessModesOf(ErrorList errors, List<string>? modes, FieldPath path, string requiredDetail)
    {
        if (modes is not { Count: > 0 })
        {
            errors.Add(FieldError.Required(path, requiredDetail));
            return;
        }
        foreach (var mode in modes.Where(m => !AccessModes.Contains(m)))
            errors.Add(FieldError.NotSupported(path, mode, AccessModes));
        if (modes.Contains("ReadWriteOncePod") && modes.Count > 1)
            errors.Add(FieldError.Forbidden(path, "may not use ReadWriteOncePod with other access modes"));
    }

    /// <summary>Short access-mode names in Kubernetes' fixed order (GetAccessModesAsString): "RWO,ROX".</summary>
    public static string ShortAccessModes(IReadOnlyCollection<string>? modes)
    {
        if (modes is null) return "";
        var names = new List<string>();
        if (modes.Contains("ReadWriteOnce")) names.Add("RWO");
        if (modes.Contains("ReadOnlyMany")) names.Add("ROX");
        if (modes.Contains("ReadWriteMany")) names.Add("RWX");
        if (modes.Contains("ReadWriteOncePod")) names.Add("RWOP");
        return string.Join(",", names);
    }

    /// <summary>Whether two values are equal in their JSON form.</summary>
    public static bool Same<T>(T a, T b) => JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, ApiJson.Options), JsonSerializer.SerializeToNode(b, ApiJson.Options));
}
