using System.Collections.Concurrent;
using System.Text;
using Orca.Api.Core;

namespace Orca.Sim;

/// <summary>One container as the status reports it.</summary>
internal sealed record ShapeContainer(string Name, string Image, bool Sidecar);

/// <summary>
/// The parts of a pod spec its status is built from: containers, init containers and the restart policy.
/// Pods made from one template share one instance (see <see cref="PodShapes"/>), so 30,000 pods of a
/// ReplicaSet cost one shape. Immutable.
/// </summary>
internal sealed record PodShape(IReadOnlyList<ShapeContainer> Containers, IReadOnlyList<ShapeContainer> InitContainers, string RestartPolicy)
{
    /// <summary>
    /// A pod annotation (e.g. <c>sim.orca.dev/exit-code: "1"</c>) that makes a pod that may complete end Failed
    /// with that exit code in every app container (reason Error) once <see cref="HollowOptions.PodRunTime"/> is
    /// over, instead of Succeeded. Absent, "0" or not a number: the pod succeeds. The pod is not restarted, even
    /// with restartPolicy OnFailure.
    /// </summary>
    public const string ExitCodeAnnotation = "sim.orca.dev/exit-code";

    /// <summary>The exit code <paramref name="annotations"/> ask for (0 when none or unreadable).</summary>
    public static int ExitCodeOf(IReadOnlyDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(ExitCodeAnnotation, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;

    /// <summary>Pods that may finish (restartPolicy Never or OnFailure).</summary>
    public bool MayComplete => RestartPolicy is "Never" or "OnFailure";
}

/// <summary>
/// Interns <see cref="PodShape"/>s by their content. Thread-safe. Bounded: past <see cref="MaxShapes"/> distinct
/// shapes new ones are no longer shared (every pod keeps its own), so unusual workloads cost memory, not correctness.
/// </summary>
internal sealed class PodShapes
{
    public const int MaxShapes = 4096;

    private readonly ConcurrentDictionary<string, PodShape> _shapes = new(StringComparer.Ordinal);

    public int Count => _shapes.Count;

    public PodShape Of(PodSpec spec)
    {
        var key = Signature(spec);
        if (_shapes.TryGetValue(key, out var shape)) return shape;
        shape = new PodShape(
            spec.Containers.Select(c => new ShapeContainer(c.Name, c.Image ?? "", false)).ToArray(),
            (spec.InitContainers ?? []).Select(c => new ShapeContainer(c.Name, c.Image ?? "", c.RestartPolicy == "Always")).ToArray(),
            spec.RestartPolicy ?? "Always");
        return _shapes.Count < MaxShapes ? _shapes.GetOrAdd(key, shape) : shape;
    }

    private static string Signature(PodSpec spec)
    {
        var sb = new StringBuilder(64);
        sb.Append(spec.RestartPolicy).Append('|');
        foreach (var c in spec.InitContainers ?? []) sb.Append(c.Name).Append('\0').Append(c.Image).Append('\0').Append(c.RestartPolicy).Append('\u0001');
        sb.Append('|');
        foreach (var c in spec.Containers) sb.Append(c.Name).Append('\0').Append(c.Image).Append('\u0001');
        return sb.ToString();
    }
}
