using System.Diagnostics;
using System.Globalization;

namespace Orca.Bench;

/// <summary>Percentiles (nearest rank) over a sample of Stopwatch tick durations, reported in ms.</summary>
internal sealed class Stats
{
    private readonly double[] _ms;

    public Stats(IEnumerable<long> ticks)
    {
        _ms = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(_ms);
    }

    public int Count => _ms.Length;

    public double Percentile(double p) =>
        _ms.Length == 0 ? double.NaN : _ms[Math.Clamp((int)Math.Ceiling(p / 100 * _ms.Length) - 1, 0, _ms.Length - 1)];

    public double Max => _ms.Length == 0 ? double.NaN : _ms[^1];
    public double Min => _ms.Length == 0 ? double.NaN : _ms[0];

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} min={Min:F1} p50={Percentile(50):F1} p90={Percentile(90):F1} p99={Percentile(99):F1} max={Max:F1} ms");
}
