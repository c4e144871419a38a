namespace Orca.Api.Validation;

/// <summary>field.ErrorType: what is wrong with a field.</summary>
public enum FieldErrorType
{
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}

/// <summary>
/// One validation error on one field (Kubernetes' field.Error). <see cref="ToString"/> gives the exact
/// Kubernetes wording (<c>spec.containers[0].name: Required value</c>); <see cref="Reason"/> is the
/// StatusCause type string (<c>FieldValueRequired</c>); <see cref="Body"/> is the StatusCause message.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>A BadValue that is never printed (Kubernetes' omitValue).</summary>
    public static readonly object OmitValue = new();

    /// <summary>The StatusCause reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string Reason => Type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Internal => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };

    /// <summary>The human text of the type, e.g. <c>Invalid value</c>.</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };

    /// <summary>The message without the field name (Kubernetes' ErrorBody; used as StatusCause.message).</summary>
    public string Body
    {
        get
        {
            var omit = Type is FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.Internal
                || ReferenceEquals(BadValue, OmitValue);
            var s = omit ? TypeText : TypeText + ": " + GoText.Value(BadValue);
            return Detail.Length == 0 ? s : s + ": " + Detail;
        }
    }

    public override string ToString() => Field + ": " + Body;

    public static FieldError Required(FieldPath path, string detail = "") => new(FieldErrorType.Required, path.ToString(), "", detail);
    public static FieldError NotFound(FieldPath path, object? value) => new(FieldErrorType.NotFound, path.ToString(), value, "");
    public static FieldError Duplicate(FieldPath path, object? value) => new(FieldErrorType.Duplicate, path.ToString(), value, "");
    public static FieldError Invalid(FieldPath path, object? value, string detail) => new(FieldErrorType.Invalid, path.ToString(), value, detail);
    public static FieldError TypeInvalid(FieldPath path, object? value, string detail) => new(FieldErrorType.TypeInvalid, path.ToString(), value, detail);
    public static FieldError Forbidden(FieldPath path, string detail) => new(FieldErrorType.Forbidden, path.ToString(), "", detail);
    public static FieldError InternalError(FieldPath path, string detail) => new(FieldErrorType.Internal, path.ToString(), null, detail);

    /// <summary>Unsupported value; the detail lists the supported values quoted, in the given order.</summary>
    public static FieldError NotSupported(FieldPath path, object? value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(GoText.Quote).ToList();
        return new(FieldErrorType.NotSupported, path.ToString(), value, quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    /// <summary>Too long; a negative <paramref name="maxLength"/> leaves the limit out of the message.</summary>
    public static FieldError TooLong(FieldPath path, object? value, int maxLength) =>
        new(FieldErrorType.TooLong, path.ToString(), value,
            maxLength < 0 ? "value is too long" : $"may not be more than {maxLength} {(maxLength == 1 ? "byte" : "bytes")}");

    /// <summary>Too many items; a negative <paramref name="actual"/> is not printed, a negative max leaves the limit out.</summary>
    public static FieldError TooMany(FieldPath path, int actual, int max) =>
        new(FieldErrorType.TooMany, path.ToString(), actual >= 0 ? actual : OmitValue,
            max < 0 ? "has too many items" : $"must have at most {max} {(max == 1 ? "item" : "items")}");
}
