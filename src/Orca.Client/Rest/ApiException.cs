using System.Net;
using Orca.Api.Meta;

namespace Orca.Client;

/// <summary>
/// The API server answered with an error: <see cref="Status"/> is its metav1.Status (or one synthesised
/// from the HTTP status when the body was not a Status). The one public exception of the client;
/// transport failures surface as <see cref="HttpRequestException"/> / <see cref="IOException"/>.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(Status status) : base(status.Message ?? $"{status.Reason} ({status.Code})") => Status = status;

    public Status Status { get; }

    public int Code => Status.Code ?? 0;

    public string Reason => Status.Reason ?? "";

    public bool IsNotFound => Code == (int)HttpStatusCode.NotFound;

    public bool IsConflict => Code == (int)HttpStatusCode.Conflict && Reason != StatusReasons.AlreadyExists;

    public bool IsAlreadyExists => Reason == StatusReasons.AlreadyExists;

    /// <summary>410 Gone / Expired: the resource version is too old, re-list.</summary>
    public bool IsGone => Code == (int)HttpStatusCode.Gone || Reason is StatusReasons.Gone or StatusReasons.Expired;

    internal static ApiException FromHttp(HttpStatusCode code, Status? body) =>
        new(body is { Code: not null } ? body : new Status
        {
            Outcome = "Failure",
            Code = (int)code,
            Reason = ReasonOf(code),
            Message = body?.Message ?? $"the server answered {(int)code} {code}",
        });

    private static string ReasonOf(HttpStatusCode code) => code switch
    {
        HttpStatusCode.NotFound => StatusReasons.NotFound,
        HttpStatusCode.Conflict => StatusReasons.Conflict,
        HttpStatusCode.Gone => StatusReasons.Gone,
        HttpStatusCode.Unauthorized => StatusReasons.Unauthorized,
        HttpStatusCode.Forbidden => StatusReasons.Forbidden,
        HttpStatusCode.TooManyRequests => StatusReasons.TooManyRequests,
        HttpStatusCode.ServiceUnavailable => StatusReasons.ServiceUnavailable,
        HttpStatusCode.BadRequest => StatusReasons.BadRequest,
        _ => StatusReasons.InternalError,
    };
}

/// <summary>Classifiers that also accept exceptions that are not <see cref="ApiException"/>.</summary>
public static class ApiErrors
{
    public static bool IsNotFound(Exception e) => e is ApiException { IsNotFound: true };
    public static bool IsConflict(Exception e) => e is ApiException { IsConflict: true };
    public static bool IsAlreadyExists(Exception e) => e is ApiException { IsAlreadyExists: true };
    public static bool IsGone(Exception e) => e is ApiException { IsGone: true };
}
