using Orca.Api.Coordination;
using Orca.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orca.Controllers.Tests;

/// <summary>The controller manager as a process part: `--controllers` selection and leader election.</summary>
public sealed class ManagerTests
{
    [Fact]
    public void Controllers_flag_enables_all_but_the_ones_named_with_a_minus()
    {
        var options = new ControllerManagerOptions { Controllers = ["*", "-cronjob"] };
        Assert.False(options.IsEnabled("cronjob"));
        Assert.True(options.IsEnabled("replicaset"));
        Assert.False(new ControllerManagerOptions { Controllers = ["job"] }.IsEnabled("replicaset"));
    }

    [Fact]
    public async Task An_unknown_controller_name_is_refused()
    {
        await using var cluster = await ControllerCluster.StartAsync([]);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ControllerManager.StartAsync(
            new ControllerManagerOptions { Controllers = ["no-such-controller"] }, cluster.Client, NullLoggerFactory.Instance, CancellationToken.None));
        Assert.Contains("no-such-controller", e.Message);
    }

    [Fact]
    public async Task Only_one_of_two_managers_leads_and_the_other_takes_over_when_it_stops()
    {
        await using var cluster = await ControllerCluster.StartAsync([]);
        var fast = new ControllerManagerOptions { LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(200) };
        var first = await ControllerManager.StartAsync(fast with { Identity = "first" }, cluster.Client, NullLoggerFactory.Instance, CancellationToken.None);
        await using var second = await ControllerManager.StartAsync(fast with { Identity = "second" }, cluster.Client, NullLoggerFactory.Instance, CancellationToken.None);
        await ControllerCluster.EventuallyAsync(() => Task.FromResult(first.IsActive || second.IsActive), "one manager to lead");
        var (leader, follower) = first.IsActive ? (first, second) : (second, first);
        Assert.False(follower.IsActive);
        var lease = await cluster.Client.Resource<Lease>().GetAsync("kube-system", ControllerManager.LeaseName);
        Assert.Equal(leader.Identity, lease.Spec.HolderIdentity);

        await leader.DisposeAsync();
        await ControllerCluster.EventuallyAsync(() => Task.FromResult(follower.IsActive), "the other manager to take over", TimeSpan.FromSeconds(15));
        if (leader != first) await first.DisposeAsync();
    }
}
