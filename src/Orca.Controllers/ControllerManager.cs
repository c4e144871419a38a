using Microsoft.Extensions.Logging;
using Orca.Client;

namespace Orca.Controllers;

/// <summary>
/// kube-controller-manager: shared informers for everything the enabled controllers watch, then, under the
/// kube-system/kube-controller-manager lease (or at once when election is off), every enabled controller
/// built fresh for the leadership term. Losing the lease stops the controllers until it is won again.
/// <see cref="StartAsync"/> returns once the informers have synced; dispose stops everything.
/// </summary>
public sealed partial class ControllerManager : IAsyncDisposable
{
    public const string LeaseName = "kube-controller-manager";

    private readonly KubeClient _client;
    private readonly ControllerManagerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SharedInformerFactory _informers;
    private readonly Dictionary<string, EventRecorder> _recorders = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ControllerDescriptor> _enabled;
    private readonly ControllerContext _context;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private volatile bool _active;
    private int _disposed;

    private ControllerManager(KubeClient client, ControllerManagerOptions options, ILoggerFactory loggers)
    {
        _client = client;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Orca.Controllers");
        _informers = new SharedInformerFactory(client, options.Time, new InformerOptions
        {
            ResyncPeriod = options.ResyncPeriod,
            OnError = e => LogInformerError(_logger, e),
        });
        Identity = options.Identity ?? $"{Environment.MachineName}_{Guid.NewGuid():N}";
        _enabled = ControllerRegistry.All.Where(d => options.IsEnabled(d.Name)).ToList();
        _context = new ControllerContext(client, _informers, options, loggers, Recorder);
    }

    /// <summary>This instance's identity in the leader lease.</summary>
    public string Identity { get; }

    /// <summary>True while this instance's controllers run (it holds the lease, or election is off).</summary>
    public bool IsActive => _active;

    /// <summary>The names of the controllers this instance runs when active.</summary>
    public IReadOnlyList<string> Controllers => _enabled.Select(d => d.Name).ToList();

    /// <summary>Starts and syncs the informers, then competes for the lease (or runs the controllers at once).</summary>
    public static async Task<ControllerManager> StartAsync(ControllerManagerOptions options, KubeClient client, ILoggerFactory loggers, CancellationToken ct)
    {
        var unknown = options.Controllers.Select(c => c.TrimStart('-')).Where(c => c != "*" && ControllerRegistry.All.All(d => d.Name != c)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown controller(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ControllerRegistry.All.Select(d => d.Name))}");
        var manager = new ControllerManager(client, options, loggers);
        try
        {
            foreach (var d in manager._enabled) d.RegisterInformers(manager._context);
            manager._informers.Start();
            await manager._informers.WaitForCacheSyncAsync(ct);
            manager._running = Task.Run(() => manager.RunAsync(manager._stop.Token), CancellationToken.None);
            return manager;
        }
        catch
        {
            await manager.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        if (!_options.LeaderElect)
        {
            await LeadAsync(ct);
            return;
        }
        var elector = new LeaderElector(_client, new LeaderElectionOptions
        {
            Namespace = "kube-system",
            LeaseName = LeaseName,
            Identity = Identity,
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        }, _options.Time);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await elector.RunAsync(LeadAsync, () => LogLostLease(_logger, Identity), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One term: every enabled controller, built fresh, until the term ends. A controller that fails is logged and restarted.</summary>
    private async Task LeadAsync(CancellationToken ct)
    {
        LogLeading(_logger, Identity, string.Join(",", _enabled.Select(d => d.Name)));
        _active = true;
        try
        {
            await Task.WhenAll(_enabled.Select(d => Task.Run(() => RunOneAsync(d, ct), CancellationToken.None)));
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _active = false;
        }
    }

    private async Task RunOneAsync(ControllerDescriptor descriptor, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await descriptor.Create(_context).RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogControllerFailed(_logger, descriptor.Name, e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _options.Time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private EventRecorder Recorder(string component)
    {
        lock (_recorders)
        {
            if (!_recorders.TryGetValue(component, out var recorder))
                _recorders[component] = recorder = new EventRecorder(_client, new EventRecorderOptions { Component = component, Instance = Identity }, _options.Time);
            return recorder;
        }
    }

    /// <summary>Stops the controllers, the informers and the event recorders. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        await _informers.DisposeAsync();
        EventRecorder[] recorders;
        lock (_recorders) recorders = _recorders.Values.ToArray();
        foreach (var r in recorders) await r.DisposeAsync();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "controller manager {Identity} leading; running {Controllers}")]
    private static partial void LogLeading(ILogger logger, string identity, string controllers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "controller manager {Identity} lost the lease; controllers stopped")]
    private static partial void LogLostLease(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Error, Message = "controller {Name} failed; restarting it")]
    private static partial void LogControllerFailed(ILogger logger, string name, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "informer error")]
    private static partial void LogInformerError(ILogger logger, Exception e);
}
