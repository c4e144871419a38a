using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.Tests.GarbageCollector;

/// <summary>ConfigMaps as owners and dependents: objects that need no other controller to exist.</summary>
internal static class GcSupport
{
    public static ResourceClient<ConfigMap> ConfigMaps(this ControllerCluster c) => c.Client.Resource<ConfigMap>();

    public static Task<ConfigMap> CreateConfigMapAsync(this ControllerCluster c, string name, params OwnerReference[] owners) =>
        c.ConfigMaps().CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", OwnerReferences = owners.Length == 0 ? null : [.. owners] },
        });

    /// <summary>A reference to <paramref name="owner"/> (a ConfigMap), blocking its foreground deletion or not.</summary>
    public static OwnerReference RefTo(ConfigMap owner, bool block = false, string? uid = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Name = owner.Metadata.Name!,
        Uid = uid ?? owner.Metadata.Uid!,
        BlockOwnerDeletion = block ? true : null,
    };

    public static async Task<ConfigMap?> TryGetAsync(this ControllerCluster c, string name)
    {
        try
        {
            return await c.ConfigMaps().GetAsync("default", name);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public static Task GoneAsync(this ControllerCluster c, string name) =>
        ControllerCluster.EventuallyAsync(async () => await c.TryGetAsync(name) is null, $"configmap {name} to be gone");

    public static Task DeleteAsync(this ControllerCluster c, string name, string policy) =>
        c.ConfigMaps().DeleteAsync("default", name, new DeleteOptions { PropagationPolicy = policy });
}
