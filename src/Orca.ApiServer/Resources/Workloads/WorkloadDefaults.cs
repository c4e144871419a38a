using Orca.Api.Core;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>Defaults every workload's pod template gets (the nested pod-spec defaulters of Kubernetes).</summary>
internal static class WorkloadDefaults
{
    public static void Template(PodTemplateSpec? template)
    {
        if (template is null) return;
        template.Spec ??= new PodSpec();
        PodDefaults.ApplySpec(template.Spec);
    }
}
