namespace Orca.Api.Selectors;

/// <summary>The operators a field selector term can use.</summary>
public enum FieldOperator
{
    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equals,

    /// <summary><c>!=</c>.</summary>
    NotEquals,
}

/// <summary>One term of a field selector: <c>Field Op Value</c>, the value already unescaped.</summary>
public sealed record FieldRequirement(string Field, FieldOperator Operator, string Value)
{
    /// <summary>A missing field reads as "" (as Kubernetes' fields.Set.Get does).</summary>
    public bool Matches(Func<string, string?> getField)
    {
        var actual = getField(Field) ?? "";
        return Operator == FieldOperator.Equals ? actual == Value : actual != Value;
    }

    /// <summary>Canonical text with the value escaped: <c>metadata.name=a\,b</c>.</summary>
    public override string ToString() =>
        Field + (Operator == FieldOperator.Equals ? "=" : "!=") + FieldSelectorParser.EscapeValue(Value);
}
