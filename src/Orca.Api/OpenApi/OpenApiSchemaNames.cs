using Orca.Api.Schema;

namespace Orca.Api.OpenApi;

/// <summary>
/// Maps CLR types to Kubernetes-style component names ("io.k8s.api.core.v1.Pod") through a table
/// of CLR namespace → OpenAPI package, group and version. Immutable and thread-safe; extend with
/// <see cref="With"/>. Types of unmapped namespaces are named after the lower-cased CLR namespace.
/// </summary>
public sealed class OpenApiSchemaNames
{
    public const string QuantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrStringName = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string TimeName = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string MicroTimeName = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
    public const string PatchName = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /// <summary>The package, group and version of one CLR namespace.</summary>
    public sealed record Package(string Prefix, string Group, string Version);

    private readonly IReadOnlyDictionary<string, Package> _packages;

    private OpenApiSchemaNames(IReadOnlyDictionary<string, Package> packages) => _packages = packages;

    /// <summary>The Orca API namespaces and the Kubernetes packages they stand for.</summary>
    public static OpenApiSchemaNames Default { get; } = new(new Dictionary<string, Package>(StringComparer.Ordinal)
    {
        ["Orca.Api.Meta"] = new("io.k8s.apimachinery.pkg.apis.meta.v1", "meta.k8s.io", "v1"),
        ["Orca.Api.Core"] = new("io.k8s.api.core.v1", "", "v1"),
        ["Orca.Api.Apps"] = new("io.k8s.api.apps.v1", "apps", "v1"),
        ["Orca.Api.Batch"] = new("io.k8s.api.batch.v1", "batch", "v1"),
        ["Orca.Api.Coordination"] = new("io.k8s.api.coordination.v1", "coordination.k8s.io", "v1"),
        ["Orca.Api.Events"] = new("io.k8s.api.events.v1", "events.k8s.io", "v1"),
        ["Orca.Api.Policy"] = new("io.k8s.api.policy.v1", "policy", "v1"),
        ["Orca.Api.Autoscaling"] = new("io.k8s.api.autoscaling.v1", "autoscaling", "v1"),
        ["Orca.Api.Rbac"] = new("io.k8s.api.rbac.v1", "rbac.authorization.k8s.io", "v1"),
        ["Orca.Api.Networking"] = new("io.k8s.api.networking.v1", "networking.k8s.io", "v1"),
        ["Orca.Api.Discovery"] = new("io.k8s.api.discovery.v1", "discovery.k8s.io", "v1"),
        ["Orca.Api.Storage"] = new("io.k8s.api.storage.v1", "storage.k8s.io", "v1"),
        ["Orca.Api.Scheduling"] = new("io.k8s.api.scheduling.v1", "scheduling.k8s.io", "v1"),
    });

    /// <summary>A copy of this table with <paramref name="clrNamespace"/> mapped to <paramref name="package"/>.</summary>
    public OpenApiSchemaNames With(string clrNamespace, Package package)
    {
        var copy = new Dictionary<string, Package>(_packages, StringComparer.Ordinal) { [clrNamespace] = package };
        return new OpenApiSchemaNames(copy);
    }

    /// <summary>The package of a CLR type's namespace, or null when unmapped.</summary>
    public Package? PackageOf(Type type) => _packages.GetValueOrDefault(type.Namespace ?? "");

    /// <summary>The component name of an object type: package prefix + type name.</summary>
    public string NameOf(Type type)
    {
        var prefix = PackageOf(type)?.Prefix ?? (type.Namespace ?? "global").ToLowerInvariant();
        return $"{prefix}.{TypeName(type)}";
    }

    /// <summary>
    /// The component name of a named scalar (Quantity, IntOrString, Time, MicroTime), or null
    /// when the schema is inlined (other scalars, arrays, maps) or is an object.
    /// </summary>
    internal static string? ScalarComponentName(TypeSchema schema, bool microTime) => schema.Kind switch
    {
        SchemaKind.Quantity => QuantityName,
        SchemaKind.IntOrString => IntOrStringName,
        SchemaKind.DateTime => microTime ? MicroTimeName : TimeName,
        _ => null,
    };

    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
            return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return name + string.Concat(type.GetGenericArguments().Select(TypeName));
    }
}
