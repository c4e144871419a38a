using Microsoft.Extensions.Logging;
using Orca.Storage;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Forgets old history as kube-apiserver does with etcd: every interval it compacts the store to
/// the revision it saw one interval earlier, so any revision stays readable (continue tokens,
/// exact lists, watch resumption from the store) for at least one interval. Watches from a
/// compacted revision then get 410 Gone and clients re-list.
/// </summary>
internal sealed partial class Compactor(IKeyValueStore store, TimeSpan interval, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long previous = store.CurrentRevision;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, cancellationToken);
                var target = previous;
                previous = store.CurrentRevision;
                if (target <= store.CompactedRevision) continue;
                try
                {
                    await store.CompactAsync(target, cancellationToken);
                    LogCompacted(logger, target);
                }
                catch (StoreException e)
                {
                    LogFailed(logger, target, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Debug, Message = "store compacted to revision {Revision}")]
    private static partial void LogCompacted(ILogger logger, long revision);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "store compaction to revision {Revision} failed")]
    private static partial void LogFailed(ILogger logger, long revision, Exception e);
}
