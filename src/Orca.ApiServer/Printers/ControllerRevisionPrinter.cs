using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>apps/v1 controllerrevisions: NAME CONTROLLER REVISION AGE.</summary>
internal sealed class ControllerRevisionPrinter : TablePrinter<ControllerRevision>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Controller", "Controller of the object."),
        Column.Text("Revision", "Revision number of the snapshot."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(ControllerRevision revision, DateTimeOffset now) =>
        [Text(revision.Metadata.Name), Text(Controller(revision)), Number(revision.Revision), AgeOf(revision, now)];

    /// <summary>"kind.group/name" of the controlling owner, lower-cased kind and group; "&lt;none&gt;" without one.</summary>
    internal static string Controller(ControllerRevision revision)
    {
        var owner = revision.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (owner is null) return "<none>";
        var slash = owner.ApiVersion.IndexOf('/');
        var group = slash < 0 ? "" : owner.ApiVersion[..slash];
        var kind = group.Length == 0 ? owner.Kind : $"{owner.Kind}.{group}";
        return kind.Length == 0 ? owner.Name : $"{kind.ToLowerInvariant()}/{owner.Name}";
    }
}
