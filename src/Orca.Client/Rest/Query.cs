using System.Text;

namespace Orca.Client;

/// <summary>A URL query string builder that skips null values.</summary>
internal sealed class Query
{
    private readonly StringBuilder _text = new();

    public Query Add(string name, string? value)
    {
        if (value is null) return this;
        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public override string ToString() => _text.ToString();
}
