using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Host;

/// <summary>Namespace labels from the namespace informer.</summary>
internal sealed class NamespaceLister(Lister<Namespace> namespaces) : INamespaceLister
{
    public IReadOnlyDictionary<string, string>? Labels(string ns) => namespaces.Get(null, ns)?.Metadata.Labels;

    public IReadOnlyList<string> Matching(LabelSelectorExpr selector) =>
        namespaces.List(null, selector).Select(n => n.Metadata.Name ?? "").ToList();
}

/// <summary>
/// Selectors that group a pod with its siblings for default topology spreading: the services whose
/// selector matches the pod (more groupings are added as their API types arrive).
/// </summary>
internal sealed class ServiceGroupSelectors(Lister<Service> services) : IPodGroupSelectors
{
    public IReadOnlyList<LabelSelectorExpr> For(Pod pod)
    {
        var labels = pod.Metadata.Labels;
        if (labels is not { Count: > 0 }) return [];
        List<LabelSelectorExpr>? result = null;
        foreach (var s in services.List(pod.Metadata.Namespace ?? ""))
        {
            if (s.Spec.Selector is not { Count: > 0 } selector) continue;
            var expr = LabelSelectorExpr.FromSet(selector);
            if (expr.Matches(labels)) (result ??= []).Add(expr);
        }
        return result ?? (IReadOnlyList<LabelSelectorExpr>)[];
    }
}

/// <summary>No disruption budgets (until the policy/v1 PodDisruptionBudget informer is wired).</summary>
internal sealed class NoDisruptionBudgets : IDisruptionBudgetLister
{
    public IReadOnlyList<DisruptionBudget> List() => [];
}

/// <summary>Events through the client's recorder (queued, never blocking).</summary>
internal sealed class RecorderEventSink(EventRecorder recorder) : IEventSink
{
    public void Event(Pod regarding, string type, string reason, string message) => recorder.Event(regarding, type, reason, message);
}
