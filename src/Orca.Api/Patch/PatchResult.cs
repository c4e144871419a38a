using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Orca.Api.Patch;

/// <summary>Why a patch did not apply; maps onto the HTTP status the API server answers with.</summary>
public enum PatchFailure
{
    /// <summary>The patch document is malformed (400 Bad Request).</summary>
    BadRequest,
    /// <summary>The patch is well formed but does not apply to this object (422 Unprocessable Entity).</summary>
    Unprocessable,
    /// <summary>Server-side apply would take fields another manager owns (409 Conflict).</summary>
    Conflict,
}

/// <summary>A field that server-side apply could not take: its path (`.spec.replicas`) and owner.</summary>
/// <param name="Manager">How Kubernetes prints the owner: `"kubectl" using v1` for Update managers.</param>
public sealed record ApplyConflict(string Manager, string Path);

/// <summary>
/// The outcome of a patch engine: a new object (sharing nothing with the inputs) or a failure with
/// the message Kubernetes would return. Bad patches are expected outcomes, never exceptions.
/// </summary>
public sealed record PatchResult
{
    public JsonNode? Value { get; init; }

    public PatchFailure? Failure { get; init; }

    public string Message { get; init; } = "";

    /// <summary>For <see cref="PatchFailure.Conflict"/>: every conflicting field.</summary>
    public IReadOnlyList<ApplyConflict> Conflicts { get; init; } = [];

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static PatchResult Ok(JsonNode? value) => new() { Value = value };

    public static PatchResult BadRequest(string message) => new() { Failure = PatchFailure.BadRequest, Message = message };

    public static PatchResult Unprocessable(string message) => new() { Failure = PatchFailure.Unprocessable, Message = message };
}
