using Microsoft.Extensions.Logging;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Agent.Node;

/// <summary>
/// The node heartbeat: a Lease kube-node-lease/&lt;node&gt; owned by the Node, renewed every renew
/// interval (renewTime, holderIdentity, leaseDurationSeconds). A failed renewal is logged and retried at
/// the next tick. One loop; not thread-safe beyond that.
/// </summary>
internal sealed class NodeLeaseController(
    KubeClient client, string nodeName, Func<string?> nodeUid, AgentOptions options, TimeProvider time, ILogger logger)
{
    public const string LeaseNamespace = "kube-node-lease";

    private readonly ResourceClient<Lease> _leases = client.Resource<Lease>();

    public async Task RunAsync(CancellationToken ct)
    {
        do
        {
            try
            {
                await RenewAsync(ct);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException)
            {
                Log.LeaseFailed(logger, nodeName, e);
            }
        }
        while (await Clock.DelayAsync(time, options.LeaseRenewInterval, ct));
    }

    /// <summary>Creates or renews the lease; returns what the server stored.</summary>
    public async Task<Lease> RenewAsync(CancellationToken ct)
    {
        Lease? lease;
        try
        {
            lease = await _leases.GetAsync(LeaseNamespace, nodeName, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            lease = null;
        }
        if (lease is null) return await CreateAsync(ct);
        Fill(lease);
        return await _leases.UpdateAsync(lease, ct);
    }

    private async Task<Lease> CreateAsync(CancellationToken ct)
    {
        var lease = new Lease { ApiVersion = "coordination.k8s.io/v1", Kind = "Lease" };
        lease.Metadata.Name = nodeName;
        lease.Metadata.Namespace = LeaseNamespace;
        Fill(lease);
        try
        {
            return await _leases.CreateAsync(lease, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            await EnsureNamespaceAsync(ct);
            return await _leases.CreateAsync(lease, ct);
        }
    }

    private async Task EnsureNamespaceAsync(CancellationToken ct)
    {
        try
        {
            await client.Resource<Namespace>().CreateAsync(new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = LeaseNamespace } }, ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
        }
    }

    private void Fill(Lease lease)
    {
        lease.Spec.HolderIdentity = nodeName;
        lease.Spec.LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds;
        lease.Spec.RenewTime = time.GetUtcNow();
        if (nodeUid() is { } uid && (lease.Metadata.OwnerReferences is null || lease.Metadata.OwnerReferences.Count == 0))
            lease.Metadata.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = uid }];
    }
}
