using Orca.Api.Meta;
using Orca.Api.Validation;

namespace Orca.ApiServer.Registry;

/// <summary>Object metadata checks shared by every resource.</summary>
internal static class MetaValidation
{
    private static readonly FieldPath Metadata = FieldPath.New("metadata");

    public static ErrorList ValidateNew(ObjectMeta meta, bool namespaced, Func<string, IEnumerable<string>>? nameValidator = null) =>
        ObjectMetaValidator.Validate(meta, namespaced, nameValidator ?? NameValidators.Dns1123Subdomain, Metadata);

    public static ErrorList ValidateUpdate(ObjectMeta meta, ObjectMeta old, bool namespaced)
    {
        // The stored resourceVersion is compared by the store itself; the validator only needs one present.
        var errors = ObjectMetaValidator.ValidateUpdate(meta with { ResourceVersion = old.ResourceVersion ?? "0" }, old, Metadata);
        errors.AddRange(ObjectMetaValidator.Validate(meta, namespaced, _ => [], Metadata).Where(e => e.Field != "metadata.name"));
        return errors;
    }

    /// <summary>A StatusCause for a 422 built from a field error.</summary>
    public static StatusCause ToCause(FieldError error) => new() { Type = error.Reason, Message = error.ToString(), Field = error.Field };

    public static StatusCause Cause(string reason, string field, string detail) =>
        new() { Type = reason, Field = field, Message = $"{field}: {detail}" };
}
