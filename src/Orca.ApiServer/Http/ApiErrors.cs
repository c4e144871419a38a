using Orca.Api.Meta;

namespace Orca.ApiServer.Http;

/// <summary>
/// A request that cannot be served, carrying the metav1.Status the client gets. Thrown by
/// request handling code and turned into the HTTP answer at one place (the error middleware);
/// it never escapes the request.
/// </summary>
internal sealed class StatusException(Status status) : Exception(status.Message)
{
    public Status Status { get; } = status;
    public int Code => Status.Code ?? 500;
}

/// <summary>Builders of the metav1.Status answers Kubernetes gives, with its wording.</summary>
internal static class ApiErrors
{
    public static StatusException Make(int code, string reason, string message, StatusDetails? details = null) =>
        new(new Status { Outcome = "Failure", Code = code, Reason = reason, Message = message, Details = details });

    /// <summary>`pods "web" not found`.</summary>
    public static StatusException NotFound(string group, string resource, string name) =>
        Make(404, StatusReasons.NotFound, $"{Qualified(group, resource)} \"{name}\" not found",
            new StatusDetails { Name = name, Group = NullIfEmpty(group), Kind = resource });

    public static StatusException NotFoundPath() =>
        Make(404, StatusReasons.NotFound, "the server could not find the requested resource");

    public static StatusException AlreadyExists(string group, string resource, string name) =>
        Make(409, StatusReasons.AlreadyExists, $"{Qualified(group, resource)} \"{name}\" already exists",
            new StatusDetails { Name = name, Group = NullIfEmpty(group), Kind = resource });

    /// <summary>The optimistic-concurrency failure of a stale resourceVersion.</summary>
    public static StatusException Conflict(string group, string resource, string name, string why) =>
        Make(409, StatusReasons.Conflict, $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}",
            new StatusDetails { Name = name, Group = NullIfEmpty(group), Kind = resource });

    public const string StaleObjectMessage = "the object has been modified; please apply your changes to the latest version and try again";

    public static StatusException BadRequest(string message) => Make(400, StatusReasons.BadRequest, message);

    public static StatusException MethodNotAllowed(string method, string what) =>
        Make(405, StatusReasons.MethodNotAllowed, $"the server does not allow this method on the requested resource ({method} {what})");

    public static StatusException NotAcceptable(string accept) =>
        Make(406, StatusReasons.NotAcceptable, $"the server was unable to respond with a content type that the client supports ({accept})");

    public static StatusException UnsupportedMediaType(string contentType) =>
        Make(415, StatusReasons.UnsupportedMediaType, $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml ({contentType})");

    public static StatusException TooLarge(long limit) =>
        Make(413, StatusReasons.RequestEntityTooLarge, $"Request entity too large: limit is {limit}");

    public static StatusException Expired(string message) => Make(410, StatusReasons.Expired, message);

    public static StatusException Unauthorized() => Make(401, StatusReasons.Unauthorized, "Unauthorized");

    public static StatusException Forbidden(string group, string resource, string name, string why) =>
        Make(403, StatusReasons.Forbidden,
            $"{Qualified(group, resource)}{(name.Length > 0 ? $" \"{name}\"" : "")} is forbidden: {why}",
            new StatusDetails { Name = NullIfEmpty(name), Group = NullIfEmpty(group), Kind = resource });

    public static StatusException TooManyRequests(string message, int retryAfterSeconds) =>
        Make(429, StatusReasons.TooManyRequests, message, new StatusDetails { RetryAfterSeconds = retryAfterSeconds });

    public static StatusException ServiceUnavailable(string message) => Make(503, StatusReasons.ServiceUnavailable, message);

    public static StatusException Internal(string message) => Make(500, StatusReasons.InternalError, $"Internal error occurred: {message}");

    /// <summary>422 with one cause per field error: `Pod "web" is invalid: [a: b, c: d]`.</summary>
    public static StatusException Invalid(string group, string kind, string name, IEnumerable<Orca.Api.Validation.FieldError> errors) =>
        InvalidFromErrors(group, kind, name, errors.ToList());

    private static StatusException InvalidFromErrors(string group, string kind, string name, List<Orca.Api.Validation.FieldError> errors)
    {
        var list = new Orca.Api.Validation.ErrorList(errors);
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return Make(422, StatusReasons.Invalid, $"{qualifiedKind} \"{name}\" is invalid: {list.ToAggregateMessage()}",
            new StatusDetails
            {
                Name = name, Group = NullIfEmpty(group), Kind = kind,
                Causes = errors.Select(e => new StatusCause { Type = e.Reason, Message = e.Body, Field = e.Field }).ToList(),
            });
    }

    public static StatusException Invalid(string group, string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var joined = causes.Count == 1
            ? causes[0].Message!
            : "[" + string.Join(", ", causes.Select(c => c.Message)) + "]";
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return Make(422, StatusReasons.Invalid, $"{qualifiedKind} \"{name}\" is invalid: {joined}",
            new StatusDetails { Name = name, Group = NullIfEmpty(group), Kind = kind, Causes = causes.ToList() });
    }

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
