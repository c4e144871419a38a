using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Client;

namespace Orca.Sim;

/// <summary>
/// One node's step, level-triggered on its small state: register when not registered, write the status
/// when it is dirty or its report is due, renew the lease when due. Returns when the next step is due, as
/// an absolute time so it cannot drift while the caller queues it (null while heartbeats are stopped: <see cref="HollowCluster.StartHeartbeat"/> queues the node again).
/// Errors to retry are thrown. The work queue never runs one node on two workers.
/// </summary>
internal sealed class NodeSync(KubeClient client, NodeObjects objects, HollowOptions options, TimeProvider time)
{
    private readonly ResourceClient<Node> _nodes = client.Resource<Node>();
    private readonly ResourceClient<Lease> _leases = client.Resource<Lease>();

    /// <summary>Raised once per node, on the worker's thread, when its Node and Lease first exist.</summary>
    public event Action<HollowNode>? Registered;

    public async Task<DateTimeOffset?> SyncAsync(HollowNode node, CancellationToken ct)
    {
        if (!node.Registered)
        {
            await RegisterAsync(node, ct);
            node.Registered = true;
        }
        if (!node.LeaseCreated)
        {
            await CreateLeaseAsync(node, ct);
            if (!node.Announced)
            {
                node.Announced = true;
                Registered?.Invoke(node);
            }
        }
        if (!node.Heartbeating) return null;
        var now = time.GetUtcNow();
        if (node.StatusDirty || now.UtcTicks >= node.NextStatus)
        {
            node.StatusDirty = false;
            await WriteStatusAsync(node, now, ct);
            node.NextStatus = Advance(node.NextStatus, options.NodeStatusReportInterval, now);
        }
        if (now.UtcTicks >= node.NextLease)
        {
            await RenewLeaseAsync(node, now, ct);
            node.NextLease = Advance(node.NextLease, options.HeartbeatInterval, now);
        }
        return new DateTimeOffset(Slot(Math.Min(node.NextLease, node.NextStatus)), TimeSpan.Zero);
    }

    /// <summary>
    /// Due times are rounded up to the next slot of <see cref="SlotTicks"/>: the nodes of one slot come due
    /// together, so the queue's timer fires ten times a second and wakes the workers once per batch instead of
    /// once per node (at 5,000 nodes per 10 s that is 50 nodes a slot instead of a wake-up every 2 ms).
    /// </summary>
    private static long Slot(long due) => (due + SlotTicks - 1) / SlotTicks * SlotTicks;

    private const long SlotTicks = TimeSpan.TicksPerMillisecond * 100;

    /// <summary>
    /// Creates the Node Ready, or takes over an existing one of that name (the sim restarted) by writing its whole
    /// status (capacity may have changed with the options); its labels and taints are left as they are.
    /// </summary>
    private async Task RegisterAsync(HollowNode node, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        node.ReadySince = now.UtcTicks;
        try
        {
            node.Uid = (await _nodes.CreateAsync(objects.Registration(node, now), ct)).Metadata.Uid;
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            var existing = await _nodes.GetAsync(null, node.Name, ct);
            node.Uid = existing.Metadata.Uid;
            await _nodes.PatchAsync(null, node.Name, PatchType.StrategicMerge, objects.FullStatusPatch(node, now), subresource: "status", ct: ct);
        }
    }

    private async Task CreateLeaseAsync(HollowNode node, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            await _leases.CreateAsync(objects.Lease(node, now), ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            await _leases.PatchAsync(NodeObjects.LeaseNamespace, node.Name, PatchType.Merge, objects.LeaseRenewal(node, now), ct: ct);
        }
        node.LeaseCreated = true;
    }

    /// <summary>Writes the conditions; a Node deleted under the sim is registered again at the next step.</summary>
    private async Task WriteStatusAsync(HollowNode node, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await _nodes.PatchAsync(null, node.Name, PatchType.StrategicMerge, objects.StatusPatch(node, now), subresource: "status", ct: ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            node.Registered = false;
            node.LeaseCreated = false;
            throw;
        }
    }

    /// <summary>A small merge patch of spec.renewTime; a missing Lease is created at the next step.</summary>
    private async Task RenewLeaseAsync(HollowNode node, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await _leases.PatchAsync(NodeObjects.LeaseNamespace, node.Name, PatchType.Merge, objects.LeaseRenewal(node, now), ct: ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            node.LeaseCreated = false;
            throw;
        }
    }

    /// <summary>The next due time after <paramref name="now"/> on the node's own phase (so renewals stay spread).</summary>
    private static long Advance(long due, TimeSpan interval, DateTimeOffset now)
    {
        due += interval.Ticks;
        if (due <= now.UtcTicks) due += ((now.UtcTicks - due) / interval.Ticks + 1) * interval.Ticks;
        return due;
    }
}
