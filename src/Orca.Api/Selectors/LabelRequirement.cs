using System.Globalization;
using Orca.Api.Validation;

namespace Orca.Api.Selectors;

/// <summary>selection.Operator as used by label selectors.</summary>
public enum LabelOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>
/// One clause of a label selector (<c>env in (prod,qa)</c>). Immutable. Build through
/// <see cref="TryCreate"/>, which applies Kubernetes' NewRequirement rules.
/// </summary>
public sealed class LabelRequirement
{
    private LabelRequirement(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public LabelOperator Operator { get; }

    /// <summary>The values as given (empty for Exists/DoesNotExist; exactly one for =, ==, !=, gt, lt).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Validates and builds a requirement. On failure <paramref name="error"/> is Kubernetes' aggregated
    /// message, e.g. <c>values[0][env]: Invalid value: "a b": a valid label must be …</c>.
    /// </summary>
    public static bool TryCreate(string key, LabelOperator op, IReadOnlyList<string> values, out LabelRequirement requirement, out string error)
    {
        var errs = Validate(key, op, values);
        requirement = new LabelRequirement(key, op, values.ToArray());
        error = errs.ToAggregateMessage() ?? "";
        return errs.IsEmpty;
    }

    private static ErrorList Validate(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        var errs = new ErrorList();
        var keyErrors = NameValidation.IsQualifiedName(key);
        if (keyErrors.Count > 0) errs.Add(FieldError.Invalid(FieldPath.New("key"), key, string.Join("; ", keyErrors)));
        var valuePath = FieldPath.New("values");
        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when values.Count == 0:
                errs.Add(FieldError.Invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals when values.Count != 1:
                errs.Add(FieldError.Invalid(valuePath, values, "exact-match compatibility requires one single value"));
                break;
            case LabelOperator.Exists or LabelOperator.DoesNotExist when values.Count != 0:
                errs.Add(FieldError.Invalid(valuePath, values, "values set must be empty for exists and does not exist"));
                break;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (values.Count != 1) errs.Add(FieldError.Invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                for (var i = 0; i < values.Count; i++)
                {
                    if (!TryParseInt(values[i], out _))
                        errs.Add(FieldError.Invalid(valuePath.Index(i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                }
                break;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = NameValidation.IsValidLabelValue(values[i]);
            if (valueErrors.Count > 0) errs.Add(FieldError.Invalid(valuePath.Index(i).Key(key), values[i], string.Join("; ", valueErrors)));
        }
        return errs;
    }

    /// <summary>Whether the labels satisfy this clause (a missing label satisfies !=, notin and !key).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals:
                return has && Values.Contains(value!);
            case LabelOperator.NotIn or LabelOperator.NotEquals:
                return !has || !Values.Contains(value!);
            case LabelOperator.Exists:
                return has;
            case LabelOperator.DoesNotExist:
                return !has;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (!has || Values.Count != 1 || !TryParseInt(value!, out var actual) || !TryParseInt(Values[0], out var bound)) return false;
                return Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>The canonical text: <c>a=b</c>, <c>a in (x,y)</c> (values sorted), <c>!a</c>.</summary>
    public override string ToString()
    {
        var op = Operator switch
        {
            LabelOperator.Exists => null,
            LabelOperator.DoesNotExist => null,
            LabelOperator.Equals => "=",
            LabelOperator.DoubleEquals => "==",
            LabelOperator.NotEquals => "!=",
            LabelOperator.In => " in ",
            LabelOperator.NotIn => " notin ",
            LabelOperator.GreaterThan => ">",
            _ => "<",
        };
        if (op is null) return Operator == LabelOperator.DoesNotExist ? "!" + Key : Key;
        var values = string.Join(",", Values.Order(StringComparer.Ordinal));
        return Operator is LabelOperator.In or LabelOperator.NotIn ? $"{Key}{op}({values})" : Key + op + values;
    }

    // Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits only.
    private static bool TryParseInt(string s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
