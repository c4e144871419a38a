using Orca.Api.Meta;

namespace Orca.Api.Validation;

/// <summary>metadata.ownerReferences rules (Kubernetes' ValidateOwnerReferences). Thread safe.</summary>
public static class OwnerReferenceValidator
{
    public static ErrorList Validate(IReadOnlyList<OwnerReference>? refs, FieldPath path)
    {
        var errs = new ErrorList();
        if (refs is null) return errs;
        string? firstController = null;
        foreach (var r in refs)
        {
            ValidateOne(errs, r, path);
            if (r.Controller != true) continue;
            var current = r.Kind + "/" + r.Name;
            if (firstController is null) firstController = current;
            else
            {
                errs.Add(FieldError.Invalid(path, FieldError.OmitValue,
                    $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}"));
            }
        }
        return errs;
    }

    private static void ValidateOne(ErrorList errs, OwnerReference r, FieldPath path)
    {
        var version = VersionOf(r.ApiVersion);
        if (version.Length == 0) errs.Add(FieldError.Invalid(path.Child("apiVersion"), r.ApiVersion, "version must not be empty"));
        if (r.Kind.Length == 0) errs.Add(FieldError.Invalid(path.Child("kind"), r.Kind, "kind must not be empty"));
        if (r.Name.Length == 0) errs.Add(FieldError.Invalid(path.Child("name"), r.Name, "name must not be empty"));
        if (r.Uid.Length == 0) errs.Add(FieldError.Invalid(path.Child("uid"), r.Uid, "uid must not be empty"));
        if (r.ApiVersion == "v1" && r.Kind == "Event")
            errs.Add(FieldError.Invalid(path, FieldError.OmitValue, "/v1, Kind=Event is disallowed from being an owner"));
    }

    // "apps/v1" → "v1", "v1" → "v1"; more than one '/' is not a group/version at all.
    private static string VersionOf(string apiVersion)
    {
        var parts = apiVersion.Split('/');
        return parts.Length switch
        {
            1 => parts[0],
            2 => parts[1],
            _ => "",
        };
    }
}
