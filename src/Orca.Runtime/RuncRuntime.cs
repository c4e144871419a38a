using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orca.Runtime.Cgroups;
using Orca.Runtime.Cni;
using Orca.Runtime.Conmon;
using Orca.Runtime.Runc;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

/// <summary>
/// <see cref="IRuntimeService"/> over runc, conmon, CNI plugins and cgroupfs. Every sandbox and
/// container is a JSON record under <see cref="RuncRuntimeOptions.Root"/>, and every read goes to
/// disk, so a new instance over the same root sees what an earlier process created (conmon keeps
/// the containers running meanwhile). Thread-safe: calls on one sandbox or container id are
/// serialised by a per-id lock; different ids proceed in parallel. The constructor has no side
/// effects; the state layout and the default CNI conflist are created on first use.
/// </summary>
public sealed partial class RuncRuntime : IRuntimeService
{
    private readonly RuncRuntimeOptions _options;
    private readonly IImageService _images;
    private readonly StateStore _store;
    private readonly RuncClient _runc;
    private readonly ConmonLauncher _conmon;
    private readonly CniClient _cni;
    private readonly NetnsClient _netns;
    private readonly CgroupDriver _cgroups;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly Lazy<string> _version;
    private readonly Lazy<JsonObject> _network;

    /// <summary>Validates <paramref name="options"/> (throws ArgumentException) and wires the clients; starts nothing.</summary>
    public RuncRuntime(RuncRuntimeOptions options, IImageService images)
    {
        options.Validate();
        _options = options;
        _images = images;
        _time = options.TimeProvider;
        _store = new StateStore(options.Root);
        _runc = new RuncClient(options.RuntimePath, _store.RuncRoot, options.CommandTimeout);
        _conmon = new ConmonLauncher(options.ConmonPath, options.CommandTimeout, _time);
        _cni = new CniClient(options.CniBinDir, options.CommandTimeout);
        _netns = new NetnsClient("unshare", options.CommandTimeout);
        _cgroups = CgroupDriver.Detect(options.CgroupMountRoot);
        _version = new Lazy<string>(() => _runc.VersionAsync(CancellationToken.None).GetAwaiter().GetResult());
        _network = new Lazy<JsonObject>(() => CniNetwork.LoadOrCreate(_options, _store.IpamDir), LazyThreadSafetyMode.PublicationOnly);
    }

    public string RuntimeName => _options.Runtime;

    /// <summary>The OCI runtime's version (runs `runc --version` or `crun --version` once).</summary>
    public string RuntimeVersion => _version.Value;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private async Task<IDisposable> LockAsync(string id, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }

    private SandboxRecord RequireSandbox(string sandboxId) =>
        _store.LoadSandbox(sandboxId) ?? throw new KeyNotFoundException($"pod sandbox {sandboxId} not found");

    private ContainerRecord RequireContainer(string containerId) =>
        _store.LoadContainer(containerId) ?? throw new KeyNotFoundException($"container {containerId} not found");

    /// <summary>Polls until <paramref name="done"/> holds or the deadline passes; returns whether it held.</summary>
    private async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken, int pollMilliseconds = 10)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + timeout;
        while (!done())
        {
            if (_time.GetUtcNow() >= deadline)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(pollMilliseconds), _time, cancellationToken);
        }
        return true;
    }
}
