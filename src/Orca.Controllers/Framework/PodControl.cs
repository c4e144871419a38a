using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.Framework;

/// <summary>
/// Creates pods from a controller's template and deletes them, recording the events Kubernetes' controllers
/// record (SuccessfulCreate / FailedCreate / SuccessfulDelete / FailedDelete on the controller object).
/// A template is a cookie cutter: each pod gets a deep copy, so later template changes never reach it.
/// </summary>
internal sealed class PodControl(KubeClient client, EventRecorder recorder)
{
    public ResourceClient<Pod> Pods { get; } = client.Resource<Pod>();

    /// <summary>
    /// A new pod from <paramref name="template"/>: its labels, annotations and finalizers, a deep copy of its
    /// spec, <paramref name="controllerRef"/> as owner, and the name <paramref name="name"/> or, when null,
    /// generateName "&lt;owner name&gt;-".
    /// </summary>
    public static Pod FromTemplate(PodTemplateSpec template, IKubeObject owner, OwnerReference controllerRef, string? name = null)
    {
        var meta = template.Metadata;
        return new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta
            {
                Name = name,
                GenerateName = name is null ? GenerateNamePrefix(owner.Metadata.Name!) : null,
                Namespace = owner.Metadata.Namespace,
                Labels = meta?.Labels is null ? null : new Dictionary<string, string>(meta.Labels),
                Annotations = meta?.Annotations is null ? null : new Dictionary<string, string>(meta.Annotations),
                Finalizers = meta?.Finalizers is null ? null : [.. meta.Finalizers],
                OwnerReferences = [controllerRef],
            },
            Spec = ApiJson.Clone(template.Spec ?? new PodSpec()),
        };
    }

    /// <summary>Creates <paramref name="pod"/>, recording SuccessfulCreate or FailedCreate on <paramref name="owner"/>.</summary>
    public async Task<Pod> CreateAsync(Pod pod, IKubeObject owner, CancellationToken ct)
    {
        try
        {
            var created = await Pods.CreateAsync(pod, ct);
            recorder.Event(owner, "Normal", "SuccessfulCreate", $"Created pod: {created.Metadata.Name}");
            return created;
        }
        catch (ApiException e)
        {
            recorder.Event(owner, "Warning", "FailedCreate", $"Error creating: {e.Message}");
            throw;
        }
    }

    /// <summary>Deletes a pod (gracefully), recording SuccessfulDelete or FailedDelete; an already-gone pod is not an error.</summary>
    public async Task DeleteAsync(Pod pod, IKubeObject owner, CancellationToken ct)
    {
        try
        {
            await Pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions
            {
                Preconditions = new Preconditions { Uid = pod.Metadata.Uid },
            }, ct);
            recorder.Event(owner, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
        catch (ApiException e)
        {
            recorder.Event(owner, "Warning", "FailedDelete", $"Error deleting: {e.Message}");
            throw;
        }
    }

    /// <summary>"&lt;name&gt;-", shortened so that the generated name (5 more characters) stays within 63.</summary>
    public static string GenerateNamePrefix(string ownerName)
    {
        var prefix = ownerName + "-";
        return prefix.Length > 58 ? prefix[..58] : prefix;
    }
}
