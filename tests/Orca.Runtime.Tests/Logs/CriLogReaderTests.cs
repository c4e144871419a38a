using System.Text;
using Orca.Runtime.Logs;

namespace Orca.Runtime.Tests.Logs;

public sealed class CriLogReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orca-logs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Sample =
        "2026-11-22T09:19:14.167051285+00:00 stdout F first\n" +
        "2026-11-22T09:19:15.000000000+00:00 stderr P sec\n" +
        "2026-11-22T09:19:15.100000000+00:00 stderr F ond\n" +
        "not a cri line\n" +
        "2026-11-22T09:19:16.000000000Z stdout F third\n";

    private async Task<string> ReadAsync(LogOptions options, string content = Sample)
    {
        var path = Path.Combine(_dir, "0.log");
        await File.WriteAllTextAsync(path, content);
        using var output = new MemoryStream();
        await CriLogReader.CopyAsync(path, options, output, _ => Task.FromResult(false), CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Partial_lines_are_joined_and_other_lines_skipped() =>
        Assert.Equal("first\nsecond\nthird\n", await ReadAsync(new LogOptions()));

    [Fact]
    public async Task A_last_line_without_its_end_is_shown_as_it_is() =>
        Assert.Equal("first\nsecond\nthird\nno newline", await ReadAsync(new LogOptions(), Sample + "2026-11-22T09:19:17.000000000+00:00 stdout P no newline\n"));

    [Theory]
    [InlineData(1, "third\n")]
    [InlineData(2, "second\nthird\n")]
    [InlineData(10, "first\nsecond\nthird\n")]
    [InlineData(0, "")]
    public async Task Tail_counts_whole_lines(long tail, string expected) =>
        Assert.Equal(expected, await ReadAsync(new LogOptions { TailLines = tail }));

    [Fact]
    public async Task Since_and_limit_bytes_and_timestamps()
    {
        Assert.Equal("third\n", await ReadAsync(new LogOptions { Since = DateTimeOffset.Parse("2026-11-22T09:19:15.5Z") }));
        Assert.Equal("first\nsec", await ReadAsync(new LogOptions { LimitBytes = 9 }));
        Assert.StartsWith("2026-11-22T09:19:14.167051285Z first\n", await ReadAsync(new LogOptions { Timestamps = true }));
    }

    [Fact]
    public async Task Follow_delivers_lines_appended_later_until_the_container_stops()
    {
        var path = Path.Combine(_dir, "f.log");
        await File.WriteAllTextAsync(path, "2026-11-22T09:19:14.000000000Z stdout F one\n");
        var running = true;
        using var output = new MemoryStream();
        var follow = CriLogReader.CopyAsync(path, new LogOptions { Follow = true }, output, _ => Task.FromResult(Volatile.Read(ref running)), CancellationToken.None);
        await File.AppendAllTextAsync(path, "2026-11-22T09:19:15.000000000Z stdout F two\n");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Encoding.UTF8.GetString(output.ToArray()).Contains("two") && DateTime.UtcNow < deadline) await Task.Delay(20);
        Volatile.Write(ref running, false);
        await follow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("one\ntwo\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
