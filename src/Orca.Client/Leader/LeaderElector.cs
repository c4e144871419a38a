using Orca.Api.Coordination;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.Json;

namespace Orca.Client;

/// <summary>
/// Lease-based leader election (coordination.k8s.io/v1). Candidates race to write themselves as the
/// lease's holder; writes carry the read resourceVersion, so of two simultaneous attempts one gets a
/// conflict and loses. A held lease is free once its holder has not renewed it for LeaseDuration —
/// measured on this candidate's own clock from when it last saw the lease change, so clocks need not agree.
/// One elector runs one election (<see cref="RunAsync"/>) at a time.
/// </summary>
public sealed class LeaderElector
{
    private readonly ResourceClient<Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private (string? Holder, DateTimeOffset? RenewTime, string? Version) _observed;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;

    public LeaderElector(KubeClient client, LeaderElectionOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _leases = client.Resource<Lease>();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public bool IsLeader => _isLeader;

    /// <summary>The holder last seen on the lease (may be stale; null when none).</summary>
    public string? ObservedLeader => _observed.Holder;

    /// <summary>
    /// Acquires the lease (retrying every RetryPeriod), then runs <paramref name="onStartedLeading"/> with a
    /// token that is cancelled when leadership ends, and renews until renewal fails for RenewDeadline or
    /// <paramref name="ct"/> is cancelled. Then <paramref name="onStoppedLeading"/> runs (only if it led),
    /// the lease is released when ReleaseOnCancel and the stop was a cancellation, and this returns.
    /// It does not re-enter the race after losing: callers that want that loop around it.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, Action onStoppedLeading, CancellationToken ct)
    {
        if (!await AcquireAsync(ct)) return;
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _isLeader = true;
        var work = Task.Run(() => onStartedLeading(leading.Token), CancellationToken.None);
        try
        {
            await RenewLoopAsync(ct);
        }
        finally
        {
            _isLeader = false;
            await leading.CancelAsync();
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
            }
            onStoppedLeading();
            if (ct.IsCancellationRequested && _options.ReleaseOnCancel) await ReleaseAsync();
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(ct)) return true;
            if (!await WaitAsync(Jittered(_options.RetryPeriod), ct)) return false;
        }
        return false;
    }

    /// <summary>Renews every RetryPeriod; returns when a renewal could not succeed within RenewDeadline or on cancellation.</summary>
    private async Task RenewLoopAsync(CancellationToken ct)
    {
        var lastRenew = _time.GetUtcNow();
        while (await WaitAsync(_options.RetryPeriod, ct))
        {
            while (!await TryAcquireOrRenewAsync(ct))
            {
                if (ct.IsCancellationRequested || _time.GetUtcNow() - lastRenew >= _options.RenewDeadline) return;
                if (!await WaitAsync(_options.RetryPeriod, ct)) return;
            }
            lastRenew = _time.GetUtcNow();
        }
    }

    /// <summary>One attempt: read the lease, and write this candidate as holder if it is free or already ours.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        try
        {
            Lease lease;
            try
            {
                lease = await _leases.GetAsync(_options.Namespace, _options.LeaseName, ct);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                var created = await _leases.CreateAsync(NewLease(now), ct);
                Observe(created, now);
                return true;
            }
            Observe(lease, now);
            var spec = lease.Spec;
            var mine = spec.HolderIdentity == _options.Identity;
            var held = !string.IsNullOrEmpty(spec.HolderIdentity) && !mine;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0);
            if (held && _observedAt + duration > now) return false;

            var update = ApiJson.Clone(lease);
            if (!mine)
            {
                update.Spec.AcquireTime = now;
                update.Spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
            }
            update.Spec.HolderIdentity = _options.Identity;
            update.Spec.LeaseDurationSeconds = Seconds(_options.LeaseDuration);
            update.Spec.RenewTime = now;
            Observe(await WriteAsync(lease, update.Spec, ct), now);
            return true;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Clears the holder (lease duration 1 s) if the lease is still ours; best effort.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline);
        try
        {
            var lease = await _leases.GetAsync(_options.Namespace, _options.LeaseName, timeout.Token);
            if (lease.Spec.HolderIdentity != _options.Identity) return;
            var update = ApiJson.Clone(lease);
            update.Spec.HolderIdentity = null;
            update.Spec.LeaseDurationSeconds = 1;
            update.Spec.RenewTime = _time.GetUtcNow();
            update.Spec.AcquireTime = null;
            await WriteAsync(lease, update.Spec, timeout.Token);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException or OperationCanceledException)
        {
            // The lease simply expires.
        }
    }

    /// <summary>
    /// Replaces the lease's spec only if the lease is still at the version read (409 Conflict otherwise):
    /// a merge patch carrying metadata.resourceVersion is checked by the server like an update's.
    /// (A merge patch rather than PUT because the API server currently fails every PUT; see the client report.)
    /// </summary>
    private Task<Lease> WriteAsync(Lease read, LeaseSpec spec, CancellationToken ct)
    {
        var specNode = JsonSerializer.SerializeToNode(spec, ApiJson.Info<LeaseSpec>())!.AsObject();
        foreach (var field in ClearableFields) specNode.TryAdd(field, null);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = read.Metadata.ResourceVersion },
            ["spec"] = specNode,
        };
        return _leases.PatchAsync(read.Metadata.Namespace, read.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), ct: ct);
    }

    private static readonly string[] ClearableFields = ["holderIdentity", "leaseDurationSeconds", "acquireTime", "renewTime", "leaseTransitions"];

    /// <summary>Records when this candidate first saw the lease as it is now (the basis of expiry).</summary>
    private void Observe(Lease lease, DateTimeOffset now)
    {
        var seen = (lease.Spec.HolderIdentity, lease.Spec.RenewTime, lease.Metadata.ResourceVersion);
        if (seen == _observed) return;
        _observed = seen;
        _observedAt = now;
    }

    private Lease NewLease(DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new() { Name = _options.LeaseName, Namespace = _options.Namespace },
        Spec = new()
        {
            HolderIdentity = _options.Identity,
            LeaseDurationSeconds = Seconds(_options.LeaseDuration),
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = 0,
        },
    };

    private static int Seconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds));

    private static TimeSpan Jittered(TimeSpan t) => t * (1 + 0.2 * Random.Shared.NextDouble());

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
