using System.Text;
using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Controllers.Framework;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.StatefulSets;

/// <summary>
/// A StatefulSet's template history as ControllerRevisions, shaped as Kubernetes shapes them so that
/// `kubectl rollout history/undo` work: data is the strategic-merge patch
/// {"spec":{"template":{…,"$patch":"replace"}}} that restores the template, the name is
/// `&lt;set&gt;-&lt;hash of data and collisionCount&gt;` (the pods' controller-revision-hash label value), the
/// labels are the template's, and the set is the controller owner.
/// </summary>
internal static class StatefulSetHistory
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The patch that puts <paramref name="set"/>'s template back.</summary>
    public static JsonNode Patch(Set set)
    {
        var template = JsonNode.Parse(ApiJson.SerializeToString(set.Spec.Template))!.AsObject();
        template["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = template } };
    }

    /// <summary>A revision (not yet stored) of <paramref name="set"/>'s current template.</summary>
    public static ControllerRevision New(Set set, long revision, int collisionCount)
    {
        var data = Patch(set);
        return new ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = new ObjectMeta
            {
                Name = $"{set.Metadata.Name}-{Hash(data, collisionCount)}",
                Namespace = set.Metadata.Namespace,
                Labels = new Dictionary<string, string>(set.Spec.Template.Metadata?.Labels ?? []),
                OwnerReferences = [ControllerRefs.For(set, "apps/v1", "StatefulSet")],
            },
            Data = data,
            Revision = revision,
        };
    }

    /// <summary>FNV-1a (32 bit) of the data's JSON and the collision count, in Kubernetes' vowel-free alphabet (no accidental words).</summary>
    public static string Hash(JsonNode data, int collisionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(data.ToJsonString() + (collisionCount == 0 ? "" : "/" + collisionCount)))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        var text = new StringBuilder();
        foreach (var c in hash.ToString("x", System.Globalization.CultureInfo.InvariantCulture))
            text.Append(SafeAlphabet[Convert.ToInt32(c.ToString(), 16) % SafeAlphabet.Length]);
        return text.ToString();
    }

    public static bool SameData(ControllerRevision a, ControllerRevision b) => JsonNode.DeepEquals(a.Data, b.Data);

    /// <summary>The set as it was at <paramref name="revision"/>: its template replaced by the revision's.</summary>
    public static Set AtRevision(Set set, ControllerRevision revision)
    {
        var clone = ApiJson.Clone(set);
        if (revision.Data?["spec"]?["template"] is JsonObject template)
        {
            var copy = template.DeepClone().AsObject();
            copy.Remove("$patch");
            clone.Spec.Template = ApiJson.Deserialize<PodTemplateSpec>(copy.ToJsonString()) ?? clone.Spec.Template;
        }
        return clone;
    }

    /// <summary>The next revision number: one more than the highest.</summary>
    public static long Next(IReadOnlyList<ControllerRevision> revisions) => revisions.Count == 0 ? 1 : revisions.Max(r => r.Revision) + 1;
}
