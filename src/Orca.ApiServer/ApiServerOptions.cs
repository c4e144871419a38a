using System.Net;

namespace Orca.ApiServer;

/// <summary>Options of `orca server`'s API endpoint; the CLI fills them, <see cref="Validate"/> checks them at start-up.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Where the store, certificates and kubeconfig live. Default /var/lib/orca.</summary>
    public string DataDir { get; init; } = "/var/lib/orca";

    /// <summary>The HTTPS port. Default 6443; 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 6443;

    /// <summary>The address to listen on. Default 127.0.0.1.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>How often old store history is compacted away (kube-apiserver: 5 minutes).</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDir)) throw new ArgumentException("--data-dir must not be empty");
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port {Port} is out of range (1-65535)");
        if (CompactionInterval <= TimeSpan.Zero) throw new ArgumentException("the compaction interval must be positive");
    }
}
