namespace Orca.Api.Selectors;

/// <summary>
/// Parses the label selector string syntax (<c>a=b,c!=d,e in (x,y),f notin (z),g,!h,n&gt;1</c>) as
/// Kubernetes' labels.Parse does, with its error messages. Thread safe.
/// </summary>
public static class LabelSelectorParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. Empty or whitespace text gives <see cref="LabelSelectorExpr.Everything"/>.
    /// On failure returns false, <paramref name="selector"/> is <see cref="LabelSelectorExpr.Nothing"/> and
    /// <paramref name="error"/> is Kubernetes' message (e.g. <c>unable to parse requirement: …</c>).
    /// </summary>
    public static bool TryParse(string? text, out LabelSelectorExpr selector, out string error)
    {
        var parser = new Parser(LabelSelectorLexer.Scan(text ?? ""));
        var requirements = parser.ParseAll(out error);
        if (requirements is null)
        {
            selector = LabelSelectorExpr.Nothing;
            return false;
        }
        selector = requirements.Count == 0 ? LabelSelectorExpr.Everything : LabelSelectorExpr.FromRequirements(requirements);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for trusted, constant selectors.</summary>
    public static LabelSelectorExpr Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    private sealed class Parser(List<(LabelToken Token, string Literal)> items)
    {
        private int _position;

        public List<LabelRequirement>? ParseAll(out string error)
        {
            var requirements = new List<LabelRequirement>();
            while (true)
            {
                var (tok, lit) = Lookahead(values: true);
                switch (tok)
                {
                    case LabelToken.Identifier or LabelToken.DoesNotExist:
                        var r = ParseRequirement(out var reqError);
                        if (r is null)
                        {
                            error = "unable to parse requirement: " + reqError;
                            return null;
                        }
                        requirements.Add(r);
                        var (t, l) = Consume(values: true);
                        if (t == LabelToken.EndOfString)
                        {
                            error = "";
                            return requirements;
                        }
                        if (t != LabelToken.Comma)
                        {
                            error = $"found '{l}', expected: ',' or 'end of string'";
                            return null;
                        }
                        var (t2, l2) = Lookahead(values: true);
                        if (t2 is not LabelToken.Identifier and not LabelToken.DoesNotExist)
                        {
                            error = $"found '{l2}', expected: identifier after ','";
                            return null;
                        }
                        break;
                    case LabelToken.EndOfString:
                        error = "";
                        return requirements;
                    default:
                        error = $"found '{lit}', expected: !, identifier, or 'end of string'";
                        return null;
                }
            }
        }

        private LabelRequirement? ParseRequirement(out string error)
        {
            var (tok, key) = Consume(values: true);
            var unary = false;
            if (tok == LabelToken.DoesNotExist)
            {
                unary = true;
                (tok, key) = Consume(values: true);
            }
            if (tok != LabelToken.Identifier)
            {
                error = $"found '{key}', expected: identifier";
                return null;
            }
            var keyErrors = Validation.NameValidation.IsQualifiedName(key);
            if (keyErrors.Count > 0)
            {
                error = Validation.FieldError.Invalid(Validation.FieldPath.Root, key, string.Join("; ", keyErrors)).ToString();
                return null;
            }
            // "!key" is complete on its own; anything after it is reported by the caller.
            if (unary) return Create(key, LabelOperator.DoesNotExist, [], out error);
            if (Lookahead(values: true).Token is LabelToken.EndOfString or LabelToken.Comma)
            {
                return Create(key, LabelOperator.Exists, [], out error);
            }
            if (!TryParseOperator(out var op, out error)) return null;
            var values = op is LabelOperator.In or LabelOperator.NotIn ? ParseValueSet(out error) : ParseExactValue(out error);
            return values is null ? null : Create(key, op, values, out error);
        }

        private static LabelRequirement? Create(string key, LabelOperator op, IReadOnlyList<string> values, out string error) =>
            LabelRequirement.TryCreate(key, op, values, out var r, out error) ? r : null;

        private bool TryParseOperator(out LabelOperator op, out string error)
        {
            var (tok, lit) = Consume(values: false);
            error = "";
            switch (tok)
            {
                case LabelToken.In: op = LabelOperator.In; return true;
                case LabelToken.NotIn: op = LabelOperator.NotIn; return true;
                case LabelToken.Equals: op = LabelOperator.Equals; return true;
                case LabelToken.DoubleEquals: op = LabelOperator.DoubleEquals; return true;
                case LabelToken.NotEquals: op = LabelOperator.NotEquals; return true;
                case LabelToken.GreaterThan: op = LabelOperator.GreaterThan; return true;
                case LabelToken.LessThan: op = LabelOperator.LessThan; return true;
                default:
                    op = default;
                    error = $"found '{lit}', expected: '=', '!=', '==', 'in', notin'";
                    return false;
            }
        }

        private List<string>? ParseValueSet(out string error)
        {
            var (tok, lit) = Consume(values: true);
            if (tok != LabelToken.OpenPar)
            {
                error = $"found '{lit}' expected: '('";
                return null;
            }
            (tok, lit) = Lookahead(values: true);
            switch (tok)
            {
                case LabelToken.Identifier or LabelToken.Comma:
                    var set = ParseIdentifierList(out error);
                    if (set is null) return null;
                    if (Consume(values: true).Token != LabelToken.ClosedPar)
                    {
                        // Kubernetes reports the token that followed '(' here, not the offending one.
                        error = $"found '{lit}', expected: ')'";
                        return null;
                    }
                    return SortedSet(set);
                case LabelToken.ClosedPar:
                    Consume(values: true);
                    error = "";
                    return [""];
                default:
                    error = $"found '{lit}', expected: ',', ')' or identifier";
                    return null;
            }
        }

        // A possibly empty list of possibly empty identifiers: "(a,,b)", "(,a)" and "(a,)" include "".
        private HashSet<string>? ParseIdentifierList(out string error)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var (tok, lit) = Consume(values: true);
                switch (tok)
                {
                    case LabelToken.Identifier:
                        set.Add(lit);
                        var (t2, l2) = Lookahead(values: true);
                        if (t2 == LabelToken.Comma) continue;
                        if (t2 == LabelToken.ClosedPar)
                        {
                            error = "";
                            return set;
                        }
                        error = $"found '{l2}', expected: ',' or ')'";
                        return null;
                    case LabelToken.Comma:
                        if (set.Count == 0) set.Add("");
                        var next = Lookahead(values: true).Token;
                        if (next == LabelToken.ClosedPar)
                        {
                            set.Add("");
                            error = "";
                            return set;
                        }
                        if (next == LabelToken.Comma)
                        {
                            Consume(values: true);
                            set.Add("");
                        }
                        break;
                    default:
                        error = $"found '{lit}', expected: ',', or identifier";
                        return null;
                }
            }
        }

        private List<string>? ParseExactValue(out string error)
        {
            error = "";
            if (Lookahead(values: true).Token is LabelToken.EndOfString or LabelToken.Comma) return [""];
            var (tok, lit) = Consume(values: true);
            if (tok == LabelToken.Identifier) return [lit];
            error = $"found '{lit}', expected: identifier";
            return null;
        }

        private static List<string> SortedSet(HashSet<string> set) => set.Order(StringComparer.Ordinal).ToList();

        private (LabelToken Token, string Literal) Lookahead(bool values) => AsContext(items[_position], values);

        private (LabelToken Token, string Literal) Consume(bool values)
        {
            var item = items[_position];
            if (_position < items.Count - 1) _position++;
            return AsContext(item, values);
        }

        // Where a value is expected, the keywords "in" and "notin" are plain identifiers.
        private static (LabelToken, string) AsContext((LabelToken Token, string Literal) item, bool values) =>
            values && item.Token is LabelToken.In or LabelToken.NotIn ? (LabelToken.Identifier, item.Literal) : item;
    }
}
