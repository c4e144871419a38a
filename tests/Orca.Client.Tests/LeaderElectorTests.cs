using Orca.Api.Coordination;

namespace Orca.Client.Tests;

public sealed class LeaderElectorTests
{
    private static LeaderElectionOptions Options(string identity) => new()
    {
        Namespace = "default", LeaseName = "controller", Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(3), RenewDeadline = TimeSpan.FromSeconds(2), RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Exactly_one_leads_and_the_other_takes_over_after_cancellation()
    {
        await using var cluster = await TestCluster.StartAsync();
        var a = new LeaderElector(cluster.Client, Options("a"));
        var b = new LeaderElector(cluster.Client, Options("b"));
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var leading = 0;
        var maxLeading = 0;
        var stopped = new List<string>();
        Func<CancellationToken, Task> lead = async ct =>
        {
            var now = Interlocked.Increment(ref leading);
            lock (stopped) maxLeading = Math.Max(maxLeading, now);
            try { await Task.Delay(Timeout.Infinite, ct); }
            finally { Interlocked.Decrement(ref leading); }
        };
        var runA = a.RunAsync(lead, () => { lock (stopped) stopped.Add("a"); }, stopA.Token);
        var runB = b.RunAsync(lead, () => { lock (stopped) stopped.Add("b"); }, stopB.Token);

        await TestCluster.EventuallyAsync(() => a.IsLeader || b.IsLeader, "a leader");
        var (first, second, stopFirst, runFirst) = a.IsLeader ? (a, b, stopA, runA) : (b, a, stopB, runB);
        var leases = cluster.Client.Resource<Lease>();
        var lease = await leases.GetAsync("default", "controller");
        Assert.Equal(first == a ? "a" : "b", lease.Spec.HolderIdentity);
        Assert.False(second.IsLeader);

        await stopFirst.CancelAsync();
        await runFirst.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(first.IsLeader);
        await TestCluster.EventuallyAsync(() => second.IsLeader, "the other candidate takes over");
        lease = await leases.GetAsync("default", "controller");
        Assert.Equal(second == a ? "a" : "b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.Equal(1, maxLeading);

        await (second == a ? stopA : stopB).CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, stopped.Count);
        Assert.Null((await leases.GetAsync("default", "controller")).Spec.HolderIdentity);
    }
}
