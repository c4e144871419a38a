using Microsoft.Extensions.Logging;
using Orca.Api.Json;
using Orca.Api.Storage;
using Orca.Client;
using NodeObject = Orca.Api.Core.Node;

namespace Orca.Agent.Node;

/// <summary>
/// Registers the Node and keeps its status current: every update period the setters build a fresh
/// status; it is written (status subresource, retried on conflict) when it differs from the last written
/// one apart from heartbeat times, or when the report period has passed. Runs one loop; not thread-safe
/// beyond that.
/// </summary>
internal sealed class NodeStatusManager(
    KubeClient client, string nodeName, IReadOnlyList<NodeStatusSetter> setters, AgentOptions options, TimeProvider time, ILogger logger)
{
    private readonly ResourceClient<NodeObject> _nodes = client.Resource<NodeObject>();
    private string? _lastWritten;
    private DateTimeOffset _lastWriteAt;

    /// <summary>The registered node (uid needed by the lease's owner reference).</summary>
    public NodeObject? Node { get; private set; }

    /// <summary>Creates the Node or adopts an existing one, then writes its first status.</summary>
    public async Task RegisterAsync(CancellationToken ct)
    {
        var node = new NodeObject { ApiVersion = "v1", Kind = "Node" };
        node.Metadata.Name = nodeName;
        node.Metadata.Labels = new()
        {
            ["kubernetes.io/hostname"] = nodeName,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
        };
        node.Metadata.Annotations = new() { [StorageNames.NodeLocalPathRoot] = LocalPathRoot(options) };
        Apply(node);
        try
        {
            Node = await _nodes.CreateAsync(node, ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            Node = await _nodes.GetAsync(null, nodeName, ct);
            if (Node.Metadata.Annotations?.GetValueOrDefault(StorageNames.NodeLocalPathRoot) != LocalPathRoot(options))
            {
                var patch = new System.Text.Json.Nodes.JsonObject
                {
                    ["metadata"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["annotations"] = new System.Text.Json.Nodes.JsonObject { [StorageNames.NodeLocalPathRoot] = LocalPathRoot(options) },
                    },
                };
                Node = await _nodes.PatchAsync(null, nodeName, PatchType.Merge, patch.ToJsonString(), ct: ct);
            }
        }
        Log.NodeRegistered(logger, nodeName);
        await UpdateAsync(force: true, ct);
    }

    /// <summary>Where this node's local-path volumes live (published as the orca.dev/local-path-root annotation).</summary>
    public static string LocalPathRoot(AgentOptions options) => Path.Combine(Path.GetFullPath(options.DataDir), "local-path");

    /// <summary>
    /// <see cref="RegisterAsync"/> until it succeeds, as the kubelet does: an API server that is not up
    /// yet, refuses the connection or answers an error is retried after 1 s, doubling to 7 s, with
    /// each failure logged. Returns when registered; throws only when cancelled.
    /// </summary>
    public async Task RegisterUntilDoneAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await RegisterAsync(ct);
                return;
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException && !ct.IsCancellationRequested)
            {
                Log.NodeRegistrationFailed(logger, nodeName, delay.TotalSeconds, e);
            }
            await Clock.DelayAsync(time, delay, ct);
            ct.ThrowIfCancellationRequested();
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 7));
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (await Clock.DelayAsync(time, options.NodeStatusUpdateFrequency, ct))
        {
            try
            {
                var force = time.GetUtcNow() - _lastWriteAt >= options.NodeStatusReportFrequency;
                await UpdateAsync(force, ct);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or IOException or TimeoutException)
            {
                Log.NodeStatusFailed(logger, nodeName, e);
            }
        }
    }

    /// <summary>Builds the status and writes it when it changed (or <paramref name="force"/>). True when written.</summary>
    public async Task<bool> UpdateAsync(bool force, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await _nodes.GetAsync(null, nodeName, ct);
            Apply(current);
            var shape = Comparable(current);
            if (!force && shape == _lastWritten) return false;
            try
            {
                Node = await _nodes.UpdateStatusAsync(current, ct);
                _lastWritten = shape;
                _lastWriteAt = time.GetUtcNow();
                return true;
            }
            catch (ApiException e) when (e.IsConflict && attempt < 5)
            {
            }
        }
    }

    private void Apply(NodeObject node)
    {
        foreach (var set in setters) set(node);
    }

    /// <summary>The status as JSON without heartbeat times: what "changed" means.</summary>
    private static string Comparable(NodeObject node)
    {
        var status = ApiJson.Clone(node.Status);
        foreach (var c in status.Conditions ?? []) c.LastHeartbeatTime = null;
        return ApiJson.SerializeToString(status);
    }
}
