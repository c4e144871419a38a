using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Scheduling;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Kubernetes' Priority admission plugin. A new pod gets spec.priority (and preemptionPolicy) from
/// its spec.priorityClassName, from the global default class when it names none, or 0 and
/// PreemptLowerPriority when there is no default; an unknown class, or a priority or policy that
/// differs from the class's, is refused with 403. A PriorityClass may only become the global
/// default when no other class is. Classes are read from the priorityclasses watch cache.
/// </summary>
internal sealed class PriorityAdmission(Func<ResourceStore> priorityClasses) : IAdmission
{
    public async Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken)
    {
        switch (obj)
        {
            case Pod pod when definition.Group.Length == 0:
                await AdmitPodAsync(definition, pod, cancellationToken);
                break;
            case PriorityClass pc:
                await CheckSingleDefaultAsync(definition, pc, cancellationToken);
                break;
        }
    }

    public Task AdmitUpdateAsync(ResourceDefinition definition, IKubeObject obj, IKubeObject old, CancellationToken cancellationToken) =>
        obj is PriorityClass pc ? CheckSingleDefaultAsync(definition, pc, cancellationToken) : Task.CompletedTask;

    private async Task AdmitPodAsync(ResourceDefinition definition, Pod pod, CancellationToken cancellationToken)
    {
        var spec = pod.Spec;
        int priority;
        string? preemptionPolicy;
        if (string.IsNullOrEmpty(spec.PriorityClassName))
        {
            var fallback = await DefaultClassAsync(cancellationToken);
            spec.PriorityClassName = fallback?.Metadata.Name;
            priority = fallback?.Value ?? 0;
            preemptionPolicy = fallback is null ? PriorityClasses.PreemptLowerPriority : fallback.PreemptionPolicy;
        }
        else
        {
            await priorityClasses().WaitFreshAsync(cancellationToken);
            var key = priorityClasses().Definition.Key("", spec.PriorityClassName);
            if (priorityClasses().Cache.Get(key)?.Object is not PriorityClass pc)
                throw Refuse(definition, pod, $"no PriorityClass with name {spec.PriorityClassName} was found");
            priority = pc.Value;
            preemptionPolicy = pc.PreemptionPolicy;
        }
        if (spec.Priority is { } given && given != priority)
            throw Refuse(definition, pod,
                $"the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name");
        if (spec.PreemptionPolicy is { } givenPolicy && preemptionPolicy is not null && givenPolicy != preemptionPolicy)
            throw Refuse(definition, pod,
                $"the string value of PreemptionPolicy ({givenPolicy}) must not be provided in pod spec; priority admission controller computed {preemptionPolicy} from the given PriorityClass name");
        spec.Priority = priority;
        if (preemptionPolicy is not null) spec.PreemptionPolicy = preemptionPolicy;
    }

    private async Task CheckSingleDefaultAsync(ResourceDefinition definition, PriorityClass pc, CancellationToken cancellationToken)
    {
        if (pc.GlobalDefault != true) return;
        var current = await DefaultClassAsync(cancellationToken);
        if (current is not null && current.Metadata.Name != pc.Metadata.Name)
            throw ApiErrors.Forbidden(definition.Group, definition.Resource, pc.Metadata.Name ?? "",
                $"PriorityClass {current.Metadata.Name} is already marked as default. Only one default can exist");
    }

    /// <summary>The global default class; when a race left several, the one with the lowest value, as Kubernetes picks.</summary>
    private async Task<PriorityClass?> DefaultClassAsync(CancellationToken cancellationToken)
    {
        var store = priorityClasses();
        await store.WaitFreshAsync(cancellationToken);
        var (items, _) = store.Cache.Snapshot();
        return items.Values.Select(c => (PriorityClass)c.Object).Where(c => c.GlobalDefault == true)
            .OrderBy(c => c.Value).FirstOrDefault();
    }

    private static StatusException Refuse(ResourceDefinition definition, Pod pod, string why) =>
        ApiErrors.Forbidden(definition.Group, definition.Resource, pod.Metadata.Name ?? "", why);
}
