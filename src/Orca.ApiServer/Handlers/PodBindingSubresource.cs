using System.Text.Json;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.ApiServer.Http;
using Orca.ApiServer.Resources;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// pods/binding (POST): the scheduler's write. Sets spec.nodeName of an unbound pod and its
/// PodScheduled condition; binding an already bound pod is a 409, as in Kubernetes.
/// </summary>
internal sealed class PodBindingSubresource(TimeProvider time) : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest r)
    {
        var ct = r.Context.RequestAborted;
        var binding = await r.ReadPostedAsync<Binding>("Binding");
        var name = string.IsNullOrEmpty(binding.Metadata.Name) ? r.Info.Name : binding.Metadata.Name;
        if (name != r.Info.Name) throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({r.Info.Name})");
        var target = binding.Target.Name ?? "";
        if (target.Length == 0)
            throw ApiErrors.Invalid("", "Binding", name, [Registry.MetaValidation.Cause(StatusReasons.CauseFieldValueRequired, "target.name", "Required value")]);
        if (binding.Target.Kind is { Length: > 0 } kind && kind != "Node")
            throw ApiErrors.Invalid("", "Binding", name, [Registry.MetaValidation.Cause(StatusReasons.CauseFieldValueNotSupported, "target.kind", $"Unsupported value: \"{kind}\": supported values: \"Node\"")]);

        await r.Store.UpdateAsync(r.Namespace, name, current =>
        {
            var pod = (Pod)current!;
            if (binding.Metadata.Uid is { Length: > 0 } uid && uid != pod.Metadata.Uid)
                throw ApiErrors.Conflict("", "pods", name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {pod.Metadata.Uid}");
            if (pod.Metadata.DeletionTimestamp is not null)
                throw ApiErrors.Conflict("", "pods", name, "pod is being deleted, cannot be assigned to a host");
            if (!string.IsNullOrEmpty(pod.Spec.NodeName))
                throw ApiErrors.Conflict("", "pods", name, $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\"");
            pod.Spec.NodeName = target;
            foreach (var (k, v) in binding.Metadata.Annotations ?? [])
            {
                pod.Metadata.Annotations ??= new Dictionary<string, string>();
                pod.Metadata.Annotations[k] = v;
            }
            pod.Status.Conditions ??= [];
            pod.Status.Conditions.RemoveAll(c => c.Type == "PodScheduled");
            pod.Status.Conditions.Add(new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Registry.ResourceStore.TruncateToSeconds(time.GetUtcNow()) });
            return pod;
        }, BindingStrategy.Instance, ResourceHandler.WriteOptionsOf(r.Context), allowCreate: false, ct);
        await Responses.WriteAsync(r.Context, 201, new Status { Outcome = "Success", Code = 201 });
    }

    /// <summary>The binding write may set spec.nodeName and status conditions, nothing else.</summary>
    private sealed class BindingStrategy : Strategy<Pod>
    {
        public static readonly BindingStrategy Instance = new();
    }
}
