namespace Orca.Client.Tests;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static WorkQueue<string> NewQueue(FakeTimeProvider time) =>
        new(time, new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)));

    [Fact]
    public async Task Add_of_a_queued_key_is_a_no_op()
    {
        using var q = NewQueue(new FakeTimeProvider());
        q.Add("a");
        q.Add("b");
        q.Add("a");
        Assert.Equal(2, q.Length);
        Assert.Equal("a", (await q.GetAsync()).Item);
        Assert.Equal("b", (await q.GetAsync()).Item);
        Assert.Equal(0, q.Length);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_queued_once_after_Done()
    {
        using var q = NewQueue(new FakeTimeProvider());
        q.Add("a");
        var (item, _) = await q.GetAsync();
        q.Add("a");
        q.Add("a");
        Assert.Equal(0, q.Length);
        q.Done(item);
        Assert.Equal(1, q.Length);
        Assert.Equal("a", (await q.GetAsync()).Item);
        q.Done("a");
        Assert.Equal(0, q.Length);
    }

    [Fact]
    public async Task GetAsync_waits_for_an_add()
    {
        using var q = NewQueue(new FakeTimeProvider());
        var get = q.GetAsync();
        Assert.False(get.IsCompleted);
        q.Add("x");
        Assert.Equal(("x", false), await get.WaitAsync(Wait));
    }

    [Fact]
    public async Task ShutDown_drains_then_reports_shutdown_and_ignores_adds()
    {
        using var q = NewQueue(new FakeTimeProvider());
        q.Add("a");
        var waiting = Task.Run(async () => { await q.GetAsync(); return await q.GetAsync(); });
        q.ShutDown();
        q.Add("b");
        var (_, shutDown) = await waiting.WaitAsync(Wait);
        Assert.True(shutDown);
    }

    [Fact]
    public async Task AddAfter_delivers_when_the_clock_reaches_the_delay_and_keeps_the_earliest()
    {
        var time = new FakeTimeProvider();
        using var q = NewQueue(time);
        q.AddAfter("a", TimeSpan.FromSeconds(10));
        q.AddAfter("a", TimeSpan.FromSeconds(3));
        q.AddAfter("b", TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, q.Length);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, q.Length);
        Assert.Equal("a", (await q.GetAsync()).Item);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("b", (await q.GetAsync()).Item);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, q.Length);
    }

    [Fact]
    public void AddRateLimited_backs_off_exponentially_until_forgotten()
    {
        var time = new FakeTimeProvider();
        using var q = NewQueue(time);
        q.AddRateLimited("a");          // 5 ms
        time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, q.Length);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, q.Length);
        Assert.Equal(1, q.Retries("a"));
        q.AddRateLimited("a");          // 10 ms, but "a" is already queued: stays one entry
        q.AddRateLimited("a");          // 20 ms
        Assert.Equal(3, q.Retries("a"));
        q.Forget("a");
        Assert.Equal(0, q.Retries("a"));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 10)]
    [InlineData(10, 5120)]
    [InlineData(40, 1_000_000)]
    public void Item_exponential_limiter_doubles_from_5ms_to_1000s(int priorFailures, double expectedMs)
    {
        var limiter = new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        for (var i = 0; i < priorFailures; i++) limiter.When("k");
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), limiter.When("k"));
    }

    [Fact]
    public void Default_controller_limiter_allows_a_burst_of_100_then_10_per_second()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.DefaultController<int>(time);
        for (var i = 0; i < 100; i++) Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When(i));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When(100));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When(101));
        time.Advance(TimeSpan.FromMilliseconds(100)); // one token back; two were owed
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When(102));
        time.Advance(TimeSpan.FromSeconds(1));         // refilled well past the debt
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When(103));
    }
}
