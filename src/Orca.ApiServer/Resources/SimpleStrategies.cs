using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources;

/// <summary>Resources whose only rules are the generic ones (metadata, optimistic concurrency).</summary>
internal sealed class PlainStrategy<T> : Strategy<T> where T : class, Orca.Api.IKubeObject
{
    public static readonly PlainStrategy<T> Instance = new();
}

internal sealed class ConfigMapStrategy : Strategy<ConfigMap>
{
    public static readonly ConfigMapStrategy Instance = new();

    public override IReadOnlyList<FieldError> ValidateUpdate(ConfigMap obj, ConfigMap old)
    {
        if (old.Immutable == true && (!DataEquals(obj.Data, old.Data) || obj.Immutable != true))
            return [FieldError.Forbidden(FieldPath.New("data"), "field is immutable when `immutable` is set")];
        return Validate(obj);
    }

    public override IReadOnlyList<FieldError> Validate(ConfigMap obj)
    {
        var errors = new ErrorList();
        foreach (var key in (obj.Data?.Keys ?? Enumerable.Empty<string>()).Concat(obj.BinaryData?.Keys ?? Enumerable.Empty<string>()))
        {
            if (!ConfigMapKey(key)) errors.Add(FieldError.Invalid(FieldPath.New("data").Key(key), key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
        }
        return errors;
    }

    internal static bool ConfigMapKey(string key) =>
        key.Length is > 0 and <= 253 && key is not ("." or "..") && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool DataEquals(Dictionary<string, string>? a, Dictionary<string, string>? b) =>
        (a ?? []).Count == (b ?? []).Count && (a ?? []).All(kv => b != null && b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

internal sealed class SecretStrategy : Strategy<Secret>
{
    public static readonly SecretStrategy Instance = new();
    public override IReadOnlyCollection<string> SelectableFields => ["type"];

    public override void Default(Secret obj)
    {
        obj.Type ??= "Opaque";
        if (obj.StringData is { Count: > 0 } stringData)
        {
            obj.Data ??= new Dictionary<string, byte[]>();
            foreach (var (k, v) in stringData) obj.Data[k] = System.Text.Encoding.UTF8.GetBytes(v);
            obj.StringData = null;
        }
    }

    public override IReadOnlyList<FieldError> Validate(Secret obj)
    {
        var errors = new ErrorList();
        foreach (var key in obj.Data?.Keys ?? Enumerable.Empty<string>())
        {
            if (!ConfigMapStrategy.ConfigMapKey(key)) errors.Add(FieldError.Invalid(FieldPath.New("data").Key(key), key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
        }
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(Secret obj, Secret old)
    {
        var errors = new ErrorList(Validate(obj));
        if (obj.Type != old.Type) errors.Add(FieldError.Invalid(FieldPath.New("type"), obj.Type, "field is immutable"));
        return errors;
    }

    public override void AddFields(Secret obj, IDictionary<string, string> fields) => fields["type"] = obj.Type ?? "";
}

internal sealed class NodeStrategy : Strategy<Node>
{
    public static readonly NodeStrategy Instance = new();
    public override IReadOnlyCollection<string> SelectableFields => ["spec.unschedulable"];
    public override void PrepareForUpdate(Node obj, Node old) => obj.Status = old.Status;
    public override void AddFields(Node obj, IDictionary<string, string> fields) =>
        fields["spec.unschedulable"] = obj.Spec.Unschedulable == true ? "true" : "false";

    public static readonly StatusStrategy<Node> Status = new(Instance, (node, old) => node.Spec = old.Spec);
}

internal sealed class ServiceStrategy : Strategy<Service>
{
    public static readonly ServiceStrategy Instance = new();

    public override void Default(Service obj)
    {
        obj.Spec.Type ??= "ClusterIP";
        obj.Spec.SessionAffinity ??= "None";
        obj.Spec.InternalTrafficPolicy ??= "Cluster";
        foreach (var p in obj.Spec.Ports ?? [])
        {
            p.Protocol ??= "TCP";
            p.TargetPort ??= Orca.Api.IntOrString.FromInt(p.Port);
        }
    }

    /// <summary>Status stays; allocated values the update left out (cluster IP, node ports) are kept, as Kubernetes does.</summary>
    public override void PrepareForUpdate(Service obj, Service old)
    {
        obj.Status = old.Status;
        if (string.IsNullOrEmpty(obj.Spec.ClusterIP))
        {
            obj.Spec.ClusterIP = old.Spec.ClusterIP;
            obj.Spec.ClusterIPs ??= old.Spec.ClusterIPs;
        }
        obj.Spec.IPFamilies ??= old.Spec.IPFamilies;
        obj.Spec.IPFamilyPolicy ??= old.Spec.IPFamilyPolicy;
        foreach (var port in obj.Spec.Ports ?? [])
        {
            if (port.NodePort is null or 0 && old.Spec.Ports?.FirstOrDefault(p => p.Port == port.Port && p.Protocol == port.Protocol) is { NodePort: { } kept })
                port.NodePort = kept;
        }
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(Service obj, Service old)
    {
        var errors = new ErrorList(Validate(obj));
        if (!string.IsNullOrEmpty(old.Spec.ClusterIP) && obj.Spec.ClusterIP != old.Spec.ClusterIP && old.Spec.Type == obj.Spec.Type)
            errors.Add(FieldError.Invalid(FieldPath.New("spec", "clusterIPs").Index(0), obj.Spec.ClusterIP, "may not change once set"));
        return errors;
    }

    public override IReadOnlyList<FieldError> Validate(Service obj)
    {
        var errors = new ErrorList();
        var i = 0;
        foreach (var p in obj.Spec.Ports ?? [])
        {
            var path = FieldPath.New("spec", "ports").Index(i++);
            foreach (var msg in NameValidation.IsValidPortNum(p.Port)) errors.Add(FieldError.Invalid(path.Child("port"), p.Port, msg));
        }
        var types = new[] { "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" };
        if (obj.Spec.Type is { } t && !types.Contains(t)) errors.Add(FieldError.NotSupported(FieldPath.New("spec", "type"), t, types));
        return errors;
    }
}

internal sealed class NamespaceStrategy : Strategy<Namespace>
{
    public static readonly NamespaceStrategy Instance = new();
    public override IReadOnlyCollection<string> SelectableFields => ["status.phase"];

    public override void PrepareForCreate(Namespace obj) => obj.Status = new NamespaceStatus { Phase = "Active" };

    public override void Default(Namespace obj)
    {
        obj.Spec.Finalizers ??= ["kubernetes"];
        obj.Metadata.Labels ??= new Dictionary<string, string>();
        obj.Metadata.Labels["kubernetes.io/metadata.name"] = obj.Metadata.Name ?? "";
    }

    public override void PrepareForUpdate(Namespace obj, Namespace old)
    {
        obj.Status = old.Status;
        obj.Spec = old.Spec;
    }

    public override void AddFields(Namespace obj, IDictionary<string, string> fields) => fields["status.phase"] = obj.Status.Phase ?? "";

    /// <summary>A namespace with spec.finalizers turns Terminating and stays until its content is gone.</summary>
    public override bool KeepOnDelete(Namespace obj)
    {
        if ((obj.Spec.Finalizers?.Count ?? 0) == 0) return false;
        obj.Status.Phase = "Terminating";
        return true;
    }

    public override bool ReadyToRemove(Namespace obj) => (obj.Spec.Finalizers?.Count ?? 0) == 0;

    public static readonly StatusStrategy<Namespace> Status = new(Instance, (ns, old) => ns.Spec = old.Spec);

    /// <summary>namespaces/finalize: only spec.finalizers changes.</summary>
    public static readonly StatusStrategy<Namespace> Finalize = new(Instance, (ns, old) =>
    {
        // A copy: the old object must stay as stored (the store compares against it).
        ns.Spec = old.Spec with { Finalizers = ns.Spec.Finalizers };
        ns.Status = old.Status;
    });
}

internal sealed class EventStrategy : Strategy<Event>
{
    public static readonly EventStrategy Instance = new();

    private static readonly string[] Fields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
    ];

    public override IReadOnlyCollection<string> SelectableFields => Fields;

    public override void AddFields(Event obj, IDictionary<string, string> fields)
    {
        var o = obj.InvolvedObject;
        fields["involvedObject.kind"] = o.Kind ?? "";
        fields["involvedObject.namespace"] = o.Namespace ?? "";
        fields["involvedObject.name"] = o.Name ?? "";
        fields["involvedObject.uid"] = o.Uid ?? "";
        fields["involvedObject.apiVersion"] = o.ApiVersion ?? "";
        fields["involvedObject.resourceVersion"] = o.ResourceVersion ?? "";
        fields["involvedObject.fieldPath"] = o.FieldPath ?? "";
        fields["reason"] = obj.Reason ?? "";
        fields["reportingComponent"] = obj.ReportingComponent ?? "";
        fields["source"] = obj.Source?.Component ?? "";
        fields["type"] = obj.Type ?? "";
    }
}

internal sealed class LeaseStrategy : Strategy<Lease>
{
    public static readonly LeaseStrategy Instance = new();
}

internal sealed class EventV1Strategy : Strategy<EventV1>
{
    public static readonly EventV1Strategy Instance = new();
}
