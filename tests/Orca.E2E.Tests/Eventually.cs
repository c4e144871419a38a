namespace Orca.E2E.Tests;

/// <summary>Polls a condition with a deadline (never a blind sleep).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"condition not met in time{(because is null ? "" : ": " + because)}");
            await Task.Delay(100);
        }
    }
}
