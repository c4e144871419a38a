using System.Diagnostics;
using Orca.Storage.Sqlite;

// Usage:
//   crash <db> <writers>            create keys forever; print "ack <key>;" after each acknowledged create
//   bench <db> <writers> <seconds>  create 1 KiB values for a while; print creates per second
if (args.Length < 3 || !int.TryParse(args[2], out var writers))
{
    Console.Error.WriteLine("usage: crash <db> <writers> | bench <db> <writers> <seconds>");
    return 2;
}
var store = await SqliteStore.OpenAsync(args[1]);
var value = new byte[args[0] == "bench" ? 1024 : 256];
Random.Shared.NextBytes(value);
var stop = args[0] == "bench" ? TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)) : Timeout.InfiniteTimeSpan;
using var cancel = new CancellationTokenSource(stop);
var output = Console.Out;
long created = 0;
var clock = Stopwatch.StartNew();
var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var n = 0; !cancel.IsCancellationRequested; n++)
    {
        var key = $"/crash/{w:D3}/{n:D8}";
        await store.CreateAsync(key, value);
        Interlocked.Increment(ref created);
        if (args[0] == "crash")
        {
            output.WriteLine($"ack {key};");
        }
    }
})).ToArray();
await Task.WhenAll(tasks);
var seconds = clock.Elapsed.TotalSeconds;
await store.DisposeAsync();
Console.WriteLine($"{created} creates from {writers} writers in {seconds:F1} s: {created / seconds:F0}/s");
return 0;
