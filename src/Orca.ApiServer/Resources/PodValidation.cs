using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources;

/// <summary>Pod spec validation with Kubernetes' field paths and wording.</summary>
internal static class PodValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    public static ErrorList Validate(Pod pod) => ValidateSpec(pod.Spec, FieldPath.New("spec"));

    /// <summary>
    /// A pod template as workloads carry it (ValidatePodTemplateSpec): its labels and annotations, and
    /// its spec under <paramref name="path"/>.spec. A missing template is required.
    /// </summary>
    public static ErrorList ValidateTemplate(PodTemplateSpec? template, FieldPath path)
    {
        if (template is null) return [FieldError.Required(path)];
        var errors = new ErrorList();
        errors.AddRange(ObjectMetaValidator.ValidateLabels(template.Metadata?.Labels, path.Child("labels")));
        errors.AddRange(ObjectMetaValidator.ValidateAnnotations(template.Metadata?.Annotations, path.Child("annotations")));
        errors.AddRange(ValidateSpec(template.Spec ?? new PodSpec(), path.Child("spec")));
        return errors;
    }

    /// <summary>A pod spec, errors reported under <paramref name="path"/> (spec, or spec.template.spec).</summary>
    public static ErrorList ValidateSpec(PodSpec spec, FieldPath path)
    {
        var errors = new ErrorList();
        var volumes = ValidateVolumes(spec.Volumes, path.Child("volumes"), errors);
        var names = new HashSet<string>();
        var i = 0;
        foreach (var c in spec.InitContainers ?? [])
        {
            var p = path.Child("initContainers").Index(i++);
            ValidateContainer(c, p, volumes, names, errors);
            if (c.RestartPolicy is { } rp && rp != "Always")
                errors.Add(FieldError.NotSupported(p.Child("restartPolicy"), rp, ["Always"]));
        }
        if (spec.Containers.Count == 0) errors.Add(FieldError.Required(path.Child("containers")));
        i = 0;
        foreach (var c in spec.Containers)
        {
            var p = path.Child("containers").Index(i++);
            ValidateContainer(c, p, volumes, names, errors);
            if (c.RestartPolicy is not null)
                errors.Add(FieldError.Forbidden(p.Child("restartPolicy"), "may not be set for non-init containers"));
        }
        if (spec.RestartPolicy is { } policy && !RestartPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(path.Child("restartPolicy"), policy, RestartPolicies));
        if (spec.DNSPolicy is { } dns && !DnsPolicies.Contains(dns))
            errors.Add(FieldError.NotSupported(path.Child("dnsPolicy"), dns, DnsPolicies));
        if (spec.TerminationGracePeriodSeconds is < 0)
            errors.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), spec.TerminationGracePeriodSeconds.Value, "must be greater than or equal to 0"));
        if (spec.ActiveDeadlineSeconds is < 1)
            errors.Add(FieldError.Invalid(path.Child("activeDeadlineSeconds"), spec.ActiveDeadlineSeconds.Value, "must be between 1 and 2147483647, inclusive"));
        if (spec.Hostname is { Length: > 0 } hostname)
            foreach (var msg in NameValidation.IsDns1123Label(hostname)) errors.Add(FieldError.Invalid(path.Child("hostname"), hostname, msg));
        if (spec.Subdomain is { Length: > 0 } subdomain)
            foreach (var msg in NameValidation.IsDns1123Label(subdomain)) errors.Add(FieldError.Invalid(path.Child("subdomain"), subdomain, msg));
        if (spec.NodeSelector is { } selector)
        {
            foreach (var (k, v) in selector)
            {
                foreach (var msg in NameValidation.IsQualifiedName(k)) errors.Add(FieldError.Invalid(path.Child("nodeSelector"), k, msg));
                foreach (var msg in NameValidation.IsValidLabelValue(v)) errors.Add(FieldError.Invalid(path.Child("nodeSelector").Key(k), v, msg));
            }
        }
        return errors;
    }

    private static HashSet<string> ValidateVolumes(List<Volume>? volumes, FieldPath path, ErrorList errors)
    {
        var names = new HashSet<string>();
        var i = 0;
        foreach (var v in volumes ?? [])
        {
            var p = path.Index(i++);
            if (v.Name.Length == 0) errors.Add(FieldError.Required(p.Child("name")));
            else foreach (var msg in NameValidation.IsDns1123Label(v.Name)) errors.Add(FieldError.Invalid(p.Child("name"), v.Name, msg));
            if (v.Name.Length > 0 && !names.Add(v.Name)) errors.Add(FieldError.Duplicate(p.Child("name"), v.Name));
            var sources = JsonSerializer.SerializeToNode(v, ApiJson.Info<Volume>()) is JsonObject o ? o.Count - 1 : 0;
            if (sources == 0) errors.Add(FieldError.Required(p, "must specify a volume type"));
            else if (sources > 1) errors.Add(FieldError.Forbidden(p, "may not specify more than 1 volume type"));
        }
        return names;
    }

    private static void ValidateContainer(Container c, FieldPath p, HashSet<string> volumes, HashSet<string> names, ErrorList errors)
    {
        if (c.Name.Length == 0) errors.Add(FieldError.Required(p.Child("name")));
        else
        {
            foreach (var msg in NameValidation.IsDns1123Label(c.Name)) errors.Add(FieldError.Invalid(p.Child("name"), c.Name, msg));
            if (!names.Add(c.Name)) errors.Add(FieldError.Duplicate(p.Child("name"), c.Name));
        }
        if (string.IsNullOrWhiteSpace(c.Image)) errors.Add(FieldError.Required(p.Child("image")));
        if (c.ImagePullPolicy is { } pull && !PullPolicies.Contains(pull))
            errors.Add(FieldError.NotSupported(p.Child("imagePullPolicy"), pull, PullPolicies));
        ValidatePorts(c, p.Child("ports"), errors);
        ValidateEnv(c, p.Child("env"), errors);
        ValidateMounts(c, p.Child("volumeMounts"), volumes, errors);
        ValidateProbe(c.LivenessProbe, p.Child("livenessProbe"), errors, mustSucceedOnce: true);
        ValidateProbe(c.ReadinessProbe, p.Child("readinessProbe"), errors, mustSucceedOnce: false);
        ValidateProbe(c.StartupProbe, p.Child("startupProbe"), errors, mustSucceedOnce: true);
        if (c.TerminationMessagePolicy is { } tmp && tmp is not ("File" or "FallbackToLogsOnError"))
            errors.Add(FieldError.NotSupported(p.Child("terminationMessagePolicy"), tmp, ["File", "FallbackToLogsOnError"]));
    }

    private static void ValidatePorts(Container c, FieldPath path, ErrorList errors)
    {
        var portNames = new HashSet<string>();
        var i = 0;
        foreach (var port in c.Ports ?? [])
        {
            var p = path.Index(i++);
            foreach (var msg in NameValidation.IsValidPortNum(port.ContainerPort)) errors.Add(FieldError.Invalid(p.Child("containerPort"), port.ContainerPort, msg));
            if (port.HostPort is { } hp and not 0)
                foreach (var msg in NameValidation.IsValidPortNum(hp)) errors.Add(FieldError.Invalid(p.Child("hostPort"), hp, msg));
            if (port.Protocol is { } proto && !Protocols.Contains(proto)) errors.Add(FieldError.NotSupported(p.Child("protocol"), proto, Protocols));
            if (port.Name is { Length: > 0 } name)
            {
                foreach (var msg in NameValidation.IsValidPortName(name)) errors.Add(FieldError.Invalid(p.Child("name"), name, msg));
                if (!portNames.Add(name)) errors.Add(FieldError.Duplicate(p.Child("name"), name));
            }
        }
    }

    private static void ValidateEnv(Container c, FieldPath path, ErrorList errors)
    {
        var i = 0;
        foreach (var e in c.Env ?? [])
        {
            var p = path.Index(i++);
            if (e.Name.Length == 0) errors.Add(FieldError.Required(p.Child("name")));
            else foreach (var msg in NameValidation.IsRelaxedEnvVarName(e.Name)) errors.Add(FieldError.Invalid(p.Child("name"), e.Name, msg));
            if (e.ValueFrom is not null && !string.IsNullOrEmpty(e.Value))
                errors.Add(FieldError.Invalid(p.Child("valueFrom"), "", "may not be specified when `value` is not empty"));
        }
    }

    private static void ValidateMounts(Container c, FieldPath path, HashSet<string> volumes, ErrorList errors)
    {
        var paths = new HashSet<string>();
        var i = 0;
        foreach (var m in c.VolumeMounts ?? [])
        {
            var p = path.Index(i++);
            if (m.Name.Length == 0) errors.Add(FieldError.Required(p.Child("name")));
            else if (!volumes.Contains(m.Name)) errors.Add(FieldError.NotFound(p.Child("name"), m.Name));
            if (m.MountPath.Length == 0) errors.Add(FieldError.Required(p.Child("mountPath")));
            else if (!paths.Add(m.MountPath)) errors.Add(FieldError.Invalid(p.Child("mountPath"), m.MountPath, "must be unique"));
        }
    }

    private static void ValidateProbe(Probe? probe, FieldPath p, ErrorList errors, bool mustSucceedOnce)
    {
        if (probe is null) return;
        var handlers = (probe.Exec is null ? 0 : 1) + (probe.HttpGet is null ? 0 : 1) + (probe.TcpSocket is null ? 0 : 1) + (probe.Grpc is null ? 0 : 1);
        if (handlers == 0) errors.Add(FieldError.Required(p, "must specify a handler type"));
        else if (handlers > 1) errors.Add(FieldError.Forbidden(p, "may not specify more than 1 handler type"));
        if (mustSucceedOnce && probe.SuccessThreshold is { } st && st != 1)
            errors.Add(FieldError.Invalid(p.Child("successThreshold"), st, "must be 1"));
    }

    /// <summary>
    /// A pod's spec is immutable apart from container images, activeDeadlineSeconds,
    /// tolerations (additions), terminationGracePeriodSeconds and removal of scheduling gates.
    /// </summary>
    public static ErrorList ValidateUpdate(Pod pod, Pod old)
    {
        var errors = new ErrorList();
        var mutable = ApiJson.Clone(old.Spec);
        for (var i = 0; i < mutable.Containers.Count && i < pod.Spec.Containers.Count; i++) mutable.Containers[i].Image = pod.Spec.Containers[i].Image;
        if (mutable.InitContainers is { } inits && pod.Spec.InitContainers is { } newInits)
            for (var i = 0; i < inits.Count && i < newInits.Count; i++) inits[i].Image = newInits[i].Image;
        mutable.ActiveDeadlineSeconds = pod.Spec.ActiveDeadlineSeconds;
        mutable.Tolerations = pod.Spec.Tolerations;
        mutable.TerminationGracePeriodSeconds = pod.Spec.TerminationGracePeriodSeconds;
        if ((pod.Spec.SchedulingGates?.Count ?? 0) <= (old.Spec.SchedulingGates?.Count ?? 0)) mutable.SchedulingGates = pod.Spec.SchedulingGates;
        if (string.IsNullOrEmpty(old.Spec.NodeName)) mutable.NodeName = pod.Spec.NodeName;
        var a = JsonSerializer.SerializeToNode(mutable, ApiJson.Info<PodSpec>());
        var b = JsonSerializer.SerializeToNode(pod.Spec, ApiJson.Info<PodSpec>());
        if (!JsonNode.DeepEquals(a, b))
            errors.Add(FieldError.Forbidden(FieldPath.New("spec"),
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
        if (old.Spec.ActiveDeadlineSeconds is { } oldDeadline && (pod.Spec.ActiveDeadlineSeconds is null || pod.Spec.ActiveDeadlineSeconds > oldDeadline))
            errors.Add(FieldError.Invalid(FieldPath.New("spec", "activeDeadlineSeconds"), pod.Spec.ActiveDeadlineSeconds ?? 0, "must be less than or equal to previous value"));
        errors.AddRange(Validate(pod));
        return errors;
    }
}
