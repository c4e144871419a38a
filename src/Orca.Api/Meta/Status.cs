namespace Orca.Api.Meta;

/// <summary>metav1.Status: the body of every error answer and of some successful deletes.</summary>
public sealed record Status : IKubeObjectLike
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Status";
    public ListMeta Metadata { get; set; } = new();
    /// <summary>"Success" or "Failure".</summary>
    [System.Text.Json.Serialization.JsonPropertyName("status")]
    public string? Outcome { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public StatusDetails? Details { get; set; }
    public int? Code { get; set; }
}

/// <summary>Marker for typed objects that are not persisted (Status, Table, options).</summary>
public interface IKubeObjectLike
{
    string? ApiVersion { get; set; }
    string? Kind { get; set; }
}

public sealed record StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public List<StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

public sealed record StatusCause
{
    /// <summary>Serialized as "reason" (metav1.CauseType).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("reason")]
    public string? Type { get; set; }
    public string? Message { get; set; }
    public string? Field { get; set; }
}

/// <summary>Well-known values of Status.reason and StatusCause.reason.</summary>
public static class StatusReasons
{
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Invalid = "Invalid";
    public const string BadRequest = "BadRequest";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string NotAcceptable = "NotAcceptable";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";
    public const string Gone = "Gone";
    public const string Expired = "Expired";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalError = "InternalError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string Timeout = "Timeout";

    public const string CauseFieldValueRequired = "FieldValueRequired";
    public const string CauseFieldValueInvalid = "FieldValueInvalid";
    public const string CauseFieldValueNotSupported = "FieldValueNotSupported";
    public const string CauseFieldValueDuplicate = "FieldValueDuplicate";
    public const string CauseFieldValueForbidden = "FieldValueForbidden";
    public const string CauseFieldValueTooLong = "FieldValueTooLong";
    public const string CauseFieldValueTypeInvalid = "FieldValueTypeInvalid";
    public const string CauseUnknownField = "FieldValueUnknown";
}
