using System.Text;

namespace Orca.Api.Validation;

/// <summary>
/// Path to a field inside an object, rendered as Kubernetes does: <c>spec.containers[0].name</c>,
/// <c>metadata.labels[app]</c>. Immutable; every step returns a new path. <see cref="Root"/> renders as "".
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string _name;
    private readonly string? _index;

    private FieldPath(FieldPath? parent, string name, string? index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The empty path (an error on it renders with an empty field name).</summary>
    public static FieldPath Root { get; } = new(null, "", null);

    /// <summary>A path starting at a top-level field, e.g. <c>FieldPath.New("metadata")</c>.</summary>
    public static FieldPath New(string name, params string[] more)
    {
        var path = Root.Child(name);
        foreach (var m in more) path = path.Child(m);
        return path;
    }

    public FieldPath Child(string name, params string[] more)
    {
        var path = new FieldPath(this, name, null);
        foreach (var m in more) path = new FieldPath(path, m, null);
        return path;
    }

    public FieldPath Index(int index) => new(this, "", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public FieldPath Key(string key) => new(this, "", key);

    public override string ToString()
    {
        var steps = new List<FieldPath>();
        for (var p = this; p is not null; p = p._parent) steps.Add(p);
        var sb = new StringBuilder();
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var step = steps[i];
            if (step._index is not null)
            {
                sb.Append('[').Append(step._index).Append(']');
            }
            else if (step._name.Length > 0)
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(step._name);
            }
        }
        return sb.ToString();
    }
}
