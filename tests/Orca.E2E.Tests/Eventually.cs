namespace Orca.E2E.Tests;

/// <summary>Polls a condition with a deadline (never a blind sleep).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails after the timeout with <paramref name="because"/> and, when given, the text of <paramref name="diagnostics"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"condition not met in time{(because is null ? "" : ": " + because)}{(diagnostics is null ? "" : "\n" + diagnostics())}");
            await Task.Delay(100);
        }
    }
}
