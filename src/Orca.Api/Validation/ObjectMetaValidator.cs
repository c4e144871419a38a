using Orca.Api.Meta;

namespace Orca.Api.Validation;

/// <summary>
/// metadata validation for create and update, as Kubernetes' ValidateObjectMeta / ValidateObjectMetaUpdate
/// do (pkg/api/validation/objectmeta.go). Errors come back in Kubernetes' order; map keys are visited in
/// ordinal order so the output is deterministic. Thread safe.
/// </summary>
public static class ObjectMetaValidator
{
    /// <summary>Total bytes of annotation keys plus values allowed on one object (256 KiB).</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    public const string FieldImmutableErrorMsg = "field is immutable";
    public const string IsNegativeErrorMsg = "must be greater than or equal to 0";

    /// <summary>
    /// Validates metadata of an object being created. <paramref name="nameValidator"/> checks a full name
    /// (e.g. <see cref="NameValidators.Dns1123Subdomain"/>); for generateName it is called on the prefix with a
    /// trailing '-' masked, as Kubernetes does.
    /// </summary>
    public static ErrorList Validate(ObjectMeta meta, bool namespaced, Func<string, IEnumerable<string>> nameValidator, FieldPath path)
    {
        var errs = new ErrorList();
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            foreach (var msg in nameValidator(MaskTrailingDash(meta.GenerateName)))
                errs.Add(FieldError.Invalid(path.Child("generateName"), meta.GenerateName, msg));
        }
        if (string.IsNullOrEmpty(meta.Name))
        {
            errs.Add(FieldError.Required(path.Child("name"), "name or generateName is required"));
        }
        else
        {
            foreach (var msg in nameValidator(meta.Name))
                errs.Add(FieldError.Invalid(path.Child("name"), meta.Name, msg));
        }
        if (namespaced)
        {
            if (string.IsNullOrEmpty(meta.Namespace)) errs.Add(FieldError.Required(path.Child("namespace")));
            else
            {
                foreach (var msg in NameValidators.Dns1123Label(meta.Namespace))
                    errs.Add(FieldError.Invalid(path.Child("namespace"), meta.Namespace, msg));
            }
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errs.Add(FieldError.Forbidden(path.Child("namespace"), "not allowed on this type"));
        }
        if (meta.Generation is < 0) errs.Add(FieldError.Invalid(path.Child("generation"), meta.Generation.Value, IsNegativeErrorMsg));
        errs.AddRange(ValidateLabels(meta.Labels, path.Child("labels")));
        errs.AddRange(ValidateAnnotations(meta.Annotations, path.Child("annotations")));
        errs.AddRange(OwnerReferenceValidator.Validate(meta.OwnerReferences, path.Child("ownerReferences")));
        errs.AddRange(ValidateFinalizers(meta.Finalizers, path.Child("finalizers")));
        return errs;
    }

    /// <summary>
    /// Validates metadata of an update: name, namespace, uid, creationTimestamp, deletionTimestamp and
    /// deletionGracePeriodSeconds are immutable, generation may not go down, resourceVersion must be set,
    /// no finalizer may be added once deletion started, and labels/annotations/ownerReferences are valid.
    /// </summary>
    public static ErrorList ValidateUpdate(ObjectMeta newMeta, ObjectMeta oldMeta, FieldPath path)
    {
        var errs = new ErrorList();
        if (oldMeta.DeletionTimestamp is not null)
        {
            var added = (newMeta.Finalizers ?? []).Except(oldMeta.Finalizers ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (added.Count > 0)
            {
                errs.Add(FieldError.Forbidden(path.Child("finalizers"),
                    "no new finalizers can be added if the object is being deleted, found new finalizers " + GoText.Value(added)));
            }
        }
        if (string.IsNullOrEmpty(newMeta.ResourceVersion))
            errs.Add(FieldError.Invalid(path.Child("resourceVersion"), newMeta.ResourceVersion ?? "", "must be specified for an update"));
        if ((newMeta.Generation ?? 0) < (oldMeta.Generation ?? 0))
            errs.Add(FieldError.Invalid(path.Child("generation"), newMeta.Generation ?? 0, "must not be decremented"));

        Immutable(errs, newMeta.Name ?? "", oldMeta.Name ?? "", path.Child("name"));
        Immutable(errs, newMeta.Namespace ?? "", oldMeta.Namespace ?? "", path.Child("namespace"));
        Immutable(errs, newMeta.Uid ?? "", oldMeta.Uid ?? "", path.Child("uid"));
        Immutable(errs, Seconds(newMeta.CreationTimestamp), Seconds(oldMeta.CreationTimestamp), path.Child("creationTimestamp"));
        Immutable(errs, Seconds(newMeta.DeletionTimestamp), Seconds(oldMeta.DeletionTimestamp), path.Child("deletionTimestamp"));
        Immutable(errs, newMeta.DeletionGracePeriodSeconds, oldMeta.DeletionGracePeriodSeconds, path.Child("deletionGracePeriodSeconds"));

        errs.AddRange(ValidateLabels(newMeta.Labels, path.Child("labels")));
        errs.AddRange(ValidateAnnotations(newMeta.Annotations, path.Child("annotations")));
        errs.AddRange(OwnerReferenceValidator.Validate(newMeta.OwnerReferences, path.Child("ownerReferences")));
        return errs;
    }

    /// <summary>Label keys must be qualified names and values valid label values; errors are on the map's path.</summary>
    public static ErrorList ValidateLabels(IReadOnlyDictionary<string, string>? labels, FieldPath path)
    {
        var errs = new ErrorList();
        if (labels is null) return errs;
        foreach (var (k, v) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var msg in NameValidation.IsQualifiedName(k)) errs.Add(FieldError.Invalid(path, k, msg));
            foreach (var msg in NameValidation.IsValidLabelValue(v)) errs.Add(FieldError.Invalid(path, v, msg));
        }
        return errs;
    }

    /// <summary>Annotation keys are qualified names compared case-insensitively; keys plus values may total 256 KiB.</summary>
    public static ErrorList ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, FieldPath path)
    {
        var errs = new ErrorList();
        if (annotations is null) return errs;
        long total = 0;
        foreach (var (k, v) in annotations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var msg in NameValidation.IsQualifiedName(k.ToLowerInvariant())) errs.Add(FieldError.Invalid(path, k, msg));
            total += System.Text.Encoding.UTF8.GetByteCount(k) + System.Text.Encoding.UTF8.GetByteCount(v);
        }
        if (total > TotalAnnotationSizeLimitBytes) errs.Add(FieldError.TooLong(path, "", TotalAnnotationSizeLimitBytes));
        return errs;
    }

    /// <summary>Finalizer names are qualified names; "orphan" and "foregroundDeletion" exclude each other.</summary>
    public static ErrorList ValidateFinalizers(IReadOnlyList<string>? finalizers, FieldPath path)
    {
        var errs = new ErrorList();
        if (finalizers is null) return errs;
        foreach (var f in finalizers)
        {
            foreach (var msg in NameValidation.IsQualifiedName(f)) errs.Add(FieldError.Invalid(path, f, msg));
        }
        if (finalizers.Contains("orphan") && finalizers.Contains("foregroundDeletion"))
            errs.Add(FieldError.Invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
        return errs;
    }

    /// <summary>Adds <c>field is immutable</c> when the values differ.</summary>
    public static void Immutable<T>(ErrorList errs, T newValue, T oldValue, FieldPath path)
    {
        if (!EqualityComparer<T>.Default.Equals(newValue, oldValue))
            errs.Add(FieldError.Invalid(path, newValue, FieldImmutableErrorMsg));
    }

    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name[^1] == '-' ? name[..^1] + "a" : name;

    // Timestamps are stored with second precision, so compare them at that precision.
    private static string? Seconds(DateTimeOffset? t) =>
        t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss +0000 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
