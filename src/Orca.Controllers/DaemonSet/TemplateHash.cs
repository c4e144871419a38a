using System.Text;
using Orca.Api.Core;
using Orca.Api.Json;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// The short, label-safe hash of a pod template that names a revision (as Kubernetes' ComputeHash): FNV-1a
/// (32 bit) over the template's JSON and, when set, the collision count, written in decimal and then mapped
/// character by character onto the alphabet "bcdfghjklmnpqrstvwxz2456789" (no vowels, so it never spells a
/// word). Equal templates give equal hashes; a collision count bump gives a new name for the same template.
/// </summary>
internal static class TemplateHash
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(PodTemplateSpec template, int? collisionCount)
    {
        var hash = 2166136261u;
        foreach (var b in ApiJson.Serialize(template)) hash = (hash ^ b) * 16777619u;
        if (collisionCount is { } count)
        {
            foreach (var b in BitConverter.GetBytes(count)) hash = (hash ^ b) * 16777619u;
        }
        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringBuilder(digits.Length);
        foreach (var c in digits) text.Append(Alphabet[c % Alphabet.Length]);
        return text.ToString();
    }
}
