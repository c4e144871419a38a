namespace Orca.Api.Validation;

/// <summary>
/// An ordered list of field errors (Kubernetes' field.ErrorList) with the aggregate message formats the
/// API server returns. Not thread safe.
/// </summary>
public sealed class ErrorList : List<FieldError>
{
    public ErrorList() { }

    public ErrorList(IEnumerable<FieldError> errors) : base(errors) { }

    public bool IsEmpty => Count == 0;

    /// <summary>
    /// The errors joined as Kubernetes' aggregate does: duplicates (by text) dropped; one error is its own
    /// text; several are <c>[a, b]</c>. Null when there are no errors.
    /// </summary>
    public string? ToAggregateMessage() => Aggregate(this.Select(e => e.ToString()));

    /// <summary>Joins messages the way utilerrors.Aggregate does (see <see cref="ToAggregateMessage"/>).</summary>
    public static string? Aggregate(IEnumerable<string> messages)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            if (seen.Add(m)) distinct.Add(m);
        }
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => "[" + string.Join(", ", distinct) + "]",
        };
    }

    /// <summary>
    /// The message of the 422 Invalid status: <c>Pod "web" is invalid: [a, b]</c>, or <c>Pod "web" is invalid</c>
    /// without errors. <paramref name="qualifiedKind"/> is <c>Kind</c> for the core group and <c>Kind.group</c> otherwise.
    /// </summary>
    public string ToInvalidMessage(string qualifiedKind, string name)
    {
        var head = $"{qualifiedKind} {GoText.Quote(name)} is invalid";
        return ToAggregateMessage() is { } agg ? head + ": " + agg : head;
    }
}
