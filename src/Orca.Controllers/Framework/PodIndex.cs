using Orca.Api.Core;
using Orca.Client;

namespace Orca.Controllers.Framework;

/// <summary>
/// The pod informer's index by controller: a pod is filed under its controller's UID, or, when it has no
/// controller, under <see cref="OrphansOf"/> its namespace. A controller's sync then reads its own pods and the
/// orphans it might adopt without scanning every pod of the namespace.
/// </summary>
internal static class PodIndex
{
    public const string ByController = "pods-by-controller";
    private static readonly Lock Gate = new();

    /// <summary>Adds the index to the shared pod informer once (later calls do nothing).</summary>
    public static SharedInformer<Pod> Register(SharedInformerFactory informers)
    {
        var pods = informers.For<Pod>();
        lock (Gate)
        {
            try
            {
                pods.Indexer.AddIndex(ByController, Value);
            }
            catch (ArgumentException)
            {
                // Another controller of this manager registered it already.
            }
        }
        return pods;
    }

    /// <summary>The index value under which orphans of <paramref name="ns"/> are filed (UIDs never contain ':').</summary>
    public static string OrphansOf(string? ns) => "orphans:" + ns;

    /// <summary>Pods controlled by the object with <paramref name="uid"/>.</summary>
    public static List<Pod> Controlled(Lister<Pod> pods, string uid) => pods.ByIndex(ByController, uid);

    /// <summary>Pods of <paramref name="ns"/> without a controller.</summary>
    public static List<Pod> Orphans(Lister<Pod> pods, string? ns) => pods.ByIndex(ByController, OrphansOf(ns));

    private static IEnumerable<string> Value(Pod pod) =>
        [ControllerRefs.ControllerOf(pod)?.Uid ?? OrphansOf(pod.Metadata.Namespace)];
}
