namespace Orca.Scheduler.Framework;

/// <summary>
/// Runs a per-index piece of work over many items, in parallel only when it pays off. Spreading a
/// loop over threads costs a few microseconds of hand-off; a filter pass over a few hundred nodes with
/// cheap plugins costs less than that, so small jobs run inline on the calling thread. Thread-safe.
/// </summary>
internal sealed class Parallelizer(int parallelism, int minPiecesForParallel = 512)
{
    public int Parallelism { get; } = Math.Max(1, parallelism);

    /// <summary>
    /// Calls <paramref name="work"/> for 0..<paramref name="pieces"/>-1 (in chunks across threads when
    /// worthwhile); stops handing out new pieces once <paramref name="stop"/> returns true. Exceptions
    /// propagate (as an AggregateException when parallel).
    /// </summary>
    public void Until(int pieces, Action<int> work, Func<bool>? stop = null, bool heavy = false)
    {
        if (Parallelism == 1 || pieces < (heavy ? 32 : minPiecesForParallel))
        {
            for (var i = 0; i < pieces; i++)
            {
                if (stop?.Invoke() == true) return;
                work(i);
            }
            return;
        }
        var chunk = Math.Max(1, (int)Math.Sqrt(pieces));
        var chunks = (pieces + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, (c, loop) =>
        {
            var end = Math.Min(pieces, (c + 1) * chunk);
            for (var i = c * chunk; i < end; i++)
            {
                if (stop?.Invoke() == true)
                {
                    loop.Stop();
                    return;
                }
                work(i);
            }
        });
    }
}
