namespace Orca.Sim;

/// <summary>
/// What the sim remembers of one node: kept small (no API objects, no timers). Heartbeat fields are
/// touched only by the node worker that holds the node (the work queue hands a node to one worker at a
/// time) and by <see cref="HollowCluster"/>'s heartbeat switches through the volatile flags; pod
/// accounting (<see cref="ActivePods"/>, the IP bitmap) only under the pod table's lock.
/// </summary>
internal sealed class HollowNode(int index, string name, uint podNetwork, uint internalIp)
{
    private ulong _ips0, _ips1, _ips2, _ips3;

    public int Index { get; } = index;
    public string Name { get; } = name;

    /// <summary>The first address of the node's /24 pod range.</summary>
    public uint PodNetwork { get; } = podNetwork;
    public uint InternalIp { get; } = internalIp;

    /// <summary>The Node's uid once registered (the Lease's owner reference).</summary>
    public string? Uid { get; set; }

    public volatile bool Registered;
    public volatile bool LeaseCreated;

    /// <summary>Set once the node's first registration was counted.</summary>
    public bool Announced;

    /// <summary>False while heartbeats are stopped (a node-failure test): no lease renewals, no status writes.</summary>
    public volatile bool Heartbeating = true;

    /// <summary>Set when the status must be written at the next sync (heartbeats resumed, node re-registered).</summary>
    public volatile bool StatusDirty;

    /// <summary>UTC ticks of the next lease renewal and the next periodic status write.</summary>
    public long NextLease;
    public long NextStatus;

    /// <summary>UTC ticks since the node last became Ready (the Ready condition's lastTransitionTime).</summary>
    public long ReadySince;

    /// <summary>Pods admitted and not yet finished or gone (for the pods capacity).</summary>
    public int ActivePods;

    /// <summary>Takes the lowest free pod address (.2 to .254 of the node's /24); false when all are used.</summary>
    public bool TryAllocateIp(out byte host)
    {
        for (var word = 0; word < 4; word++)
        {
            ref var bits = ref Word(word);
            var free = ~bits;
            if (word == 0) free &= ~0b11UL; // .0 is the network, .1 the bridge
            if (word == 3) free &= ~(1UL << 63); // .255 is the broadcast
            if (free == 0) continue;
            var bit = System.Numerics.BitOperations.TrailingZeroCount(free);
            bits |= 1UL << bit;
            host = (byte)(word * 64 + bit);
            return true;
        }
        host = 0;
        return false;
    }

    /// <summary>Marks an address as used (a pod found running at start); false when it already was.</summary>
    public bool Claim(byte host)
    {
        ref var bits = ref Word(host / 64);
        var mask = 1UL << (host % 64);
        if ((bits & mask) != 0) return false;
        bits |= mask;
        return true;
    }

    public void Release(byte host)
    {
        if (host == 0) return;
        Word(host / 64) &= ~(1UL << (host % 64));
    }

    public string PodIp(byte host) => Ipv4Range.Format(PodNetwork + host);

    public string PodCidr => Ipv4Range.Format(PodNetwork) + "/24";

    public string InternalIpText => Ipv4Range.Format(InternalIp);

    private ref ulong Word(int word)
    {
        switch (word)
        {
            case 0: return ref _ips0;
            case 1: return ref _ips1;
            case 2: return ref _ips2;
            default: return ref _ips3;
        }
    }
}
