using System.Globalization;

namespace Orca.PodStartBench;

/// <summary>Nearest-rank percentiles of millisecond samples, printed as one line.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Line(string label, IReadOnlyList<double> ms) => SamplesLine(label, ms);

    private static string SamplesLine(string label, IReadOnlyList<double> ms) => ms.Count == 0
        ? $"{label} n=0"
        : string.Create(CultureInfo.InvariantCulture,
            $"{label} n={ms.Count} p50={Percentile(ms, 50):F1} p90={Percentile(ms, 90):F1} p99={Percentile(ms, 99):F1} min={ms.Min():F1} max={ms.Max():F1} ms");
}
