using Microsoft.Extensions.Logging;
using Orca.Client;

namespace Orca.Controllers;

/// <summary>What a controller is built from: the API client, the shared informers, the clock, the options, logging and events.</summary>
internal sealed class ControllerContext(
    KubeClient client,
    SharedInformerFactory informers,
    ControllerManagerOptions options,
    ILoggerFactory loggers,
    Func<string, EventRecorder> recorders)
{
    public KubeClient Client { get; } = client;
    public SharedInformerFactory Informers { get; } = informers;
    public ControllerManagerOptions Options { get; } = options;
    public TimeProvider Time => Options.Time;
    public ILoggerFactory Loggers { get; } = loggers;

    /// <summary>The event recorder of a component (e.g. "replicaset-controller"), shared by the process.</summary>
    public EventRecorder Recorder(string component) => recorders(component);

    public ILogger Logger(string controller) => Loggers.CreateLogger("Orca.Controllers." + controller);
}
