namespace Orca.Api.Selectors;

internal enum LabelToken
{
    Error,
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

/// <summary>
/// Splits label selector text into tokens. Whitespace (space, tab, CR, LF) separates tokens; operator
/// symbols are scanned longest-match ("!=" before "!"); "in" and "notin" are keywords that the parser
/// turns back into identifiers where a value is expected.
/// </summary>
internal static class LabelSelectorLexer
{
    private static readonly Dictionary<string, LabelToken> Symbols = new(StringComparer.Ordinal)
    {
        [")"] = LabelToken.ClosedPar,
        [","] = LabelToken.Comma,
        ["!"] = LabelToken.DoesNotExist,
        ["=="] = LabelToken.DoubleEquals,
        ["="] = LabelToken.Equals,
        [">"] = LabelToken.GreaterThan,
        ["<"] = LabelToken.LessThan,
        ["!="] = LabelToken.NotEquals,
        ["("] = LabelToken.OpenPar,
    };

    public static List<(LabelToken Token, string Literal)> Scan(string text)
    {
        var items = new List<(LabelToken, string)>();
        var pos = 0;
        while (true)
        {
            while (pos < text.Length && IsWhitespace(text[pos])) pos++;
            if (pos >= text.Length)
            {
                items.Add((LabelToken.EndOfString, ""));
                return items;
            }
            items.Add(IsSpecial(text[pos]) ? ScanSymbol(text, ref pos) : ScanWord(text, ref pos));
        }
    }

    private static (LabelToken, string) ScanWord(string text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && !IsSpecial(text[pos]) && !IsWhitespace(text[pos])) pos++;
        var word = text[start..pos];
        return word switch
        {
            "in" => (LabelToken.In, word),
            "notin" => (LabelToken.NotIn, word),
            _ => (LabelToken.Identifier, word),
        };
    }

    private static (LabelToken, string) ScanSymbol(string text, ref int pos)
    {
        var start = pos;
        (LabelToken Token, string Literal)? last = null;
        while (pos < text.Length && IsSpecial(text[pos]))
        {
            var candidate = text[start..(pos + 1)];
            if (Symbols.TryGetValue(candidate, out var token))
            {
                last = (token, candidate);
            }
            else if (last is not null)
            {
                break;
            }
            pos++;
        }
        return last is { } found ? (found.Token, found.Literal) : (LabelToken.Error, $"error expected: keyword found '{text[start..pos]}'");
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
