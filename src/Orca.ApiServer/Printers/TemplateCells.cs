using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Selectors;

namespace Orca.ApiServer.Printers;

/// <summary>Cell texts the workload printers share: template containers and images, selectors, label sets.</summary>
internal static class TemplateCells
{
    /// <summary>Container names and images joined by commas, in template order (layoutContainerCells).</summary>
    public static (JsonNode Names, JsonNode Images) Containers(PodTemplateSpec? template)
    {
        var containers = template?.Spec?.Containers ?? [];
        return (JsonValue.Create(string.Join(",", containers.Select(c => c.Name))),
            JsonValue.Create(string.Join(",", containers.Select(c => c.Image ?? ""))));
    }

    /// <summary>metav1.FormatLabelSelector: the selector's string form, "&lt;none&gt;" when it selects everything or nothing.</summary>
    public static string FormatSelector(LabelSelector? selector)
    {
        if (!LabelSelectorConverter.TryConvert(selector, out var expr, out _)) return "<error>";
        var text = expr.ToString();
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>The selector's string form, "" when it selects everything (the deployment SELECTOR cell).</summary>
    public static string SelectorString(LabelSelector? selector) =>
        LabelSelectorConverter.TryConvert(selector, out var expr, out _) ? expr.ToString() : "<invalid>";

    /// <summary>labels.FormatLabels: "k=v" sorted by key, "&lt;none&gt;" when empty.</summary>
    public static string FormatLabels(IReadOnlyDictionary<string, string>? labels) =>
        labels is { Count: > 0 } ? LabelSelectorExpr.FromSet(labels).ToString() : "<none>";
}
