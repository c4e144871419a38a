using Microsoft.AspNetCore.Http;
using Orca.Api.Selectors;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Watch;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// The labelSelector and fieldSelector of a list or watch, checked against the resource's
/// selectable fields (an unsupported field is a 400, as in Kubernetes).
/// </summary>
internal sealed class ListFilter
{
    private readonly LabelSelectorExpr? _labels;
    private readonly FieldSelectorExpr? _fields;
    private readonly ResourceDefinition _definition;

    private ListFilter(LabelSelectorExpr? labels, FieldSelectorExpr? fields, ResourceDefinition definition)
    {
        _labels = labels;
        _fields = fields;
        _definition = definition;
    }

    public static ListFilter Parse(IQueryCollection query, ResourceDefinition definition, string nameFromPath = "")
    {
        LabelSelectorExpr? labels = null;
        FieldSelectorExpr? fields = null;
        var labelText = query["labelSelector"].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(labelText))
        {
            if (!LabelSelectorParser.TryParse(labelText, out var parsed, out var error))
                throw ApiErrors.BadRequest($"unable to parse requirement: {error}");
            labels = parsed.IsEmpty ? null : parsed;
        }
        var fieldText = query["fieldSelector"].FirstOrDefault();
        if (nameFromPath.Length > 0) fieldText = string.IsNullOrEmpty(fieldText) ? $"metadata.name={nameFromPath}" : $"{fieldText},metadata.name={nameFromPath}";
        if (!string.IsNullOrWhiteSpace(fieldText))
        {
            if (!FieldSelectorParser.TryParse(fieldText, out var parsed, out var error))
                throw ApiErrors.BadRequest($"invalid field selector: {error}");
            foreach (var r in parsed.Requirements)
            {
                if (r.Field is not ("metadata.name" or "metadata.namespace") && !definition.Strategy.SelectableFields.Contains(r.Field))
                    throw ApiErrors.BadRequest($"field label not supported: {r.Field}");
            }
            fields = parsed.Requirements.Count == 0 ? null : parsed;
        }
        return new ListFilter(labels, fields, definition);
    }

    public bool IsEverything => _labels is null && _fields is null;

    public bool Matches(CachedObject item)
    {
        var obj = item.Object;
        if (_labels is not null && !_labels.Matches(obj.Metadata.Labels)) return false;
        if (_fields is null) return true;
        Dictionary<string, string>? extra = null;
        return _fields.Matches(field =>
        {
            switch (field)
            {
                case "metadata.name": return obj.Metadata.Name ?? "";
                case "metadata.namespace": return obj.Metadata.Namespace ?? "";
            }
            if (extra is null)
            {
                extra = new Dictionary<string, string>(StringComparer.Ordinal);
                _definition.Strategy.AddFields(obj, extra);
            }
            return extra.GetValueOrDefault(field, "");
        });
    }
}
