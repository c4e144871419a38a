using Orca.Api.Meta;
using Orca.Api.Validation;

namespace Orca.Api.Tests.Validation;

public sealed class ObjectMetaValidatorTests
{
    private static readonly FieldPath Meta = FieldPath.New("metadata");
    private const string SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private static string[] Validate(ObjectMeta meta, bool namespaced = true) =>
        ObjectMetaValidator.Validate(meta, namespaced, NameValidators.Dns1123Subdomain, Meta).Select(e => e.ToString()).ToArray();

    public static TheoryData<ObjectMeta, bool, string[]> CreateCases => new()
    {
        { new ObjectMeta { Name = "web", Namespace = "default" }, true, [] },
        { new ObjectMeta { Name = "node-1" }, false, [] },
        { new ObjectMeta { Namespace = "default" }, true, ["metadata.name: Required value: name or generateName is required"] },
        { new ObjectMeta { Name = "web" }, true, ["metadata.namespace: Required value"] },
        { new ObjectMeta { Name = "web", Namespace = "default" }, false, ["metadata.namespace: Forbidden: not allowed on this type"] },
        { new ObjectMeta { Name = "Web_1", Namespace = "default" }, true, ["metadata.name: Invalid value: \"Web_1\": " + SubdomainMsg] },
        { new ObjectMeta { Name = "web", Namespace = "Bad.NS" }, true, ["metadata.namespace: Invalid value: \"Bad.NS\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"] },
        { new ObjectMeta { Name = "web", Namespace = "a.b" }, true, ["metadata.namespace: Invalid value: \"a.b\": must not contain dots"] },
        { new ObjectMeta { Name = "web-abcde", GenerateName = "web-", Namespace = "default" }, true, [] },
        { new ObjectMeta { Name = "x", GenerateName = "Web-", Namespace = "default" }, true, ["metadata.generateName: Invalid value: \"Web-\": " + SubdomainMsg] },
        { new ObjectMeta { Name = "web", Namespace = "default", Generation = -1 }, true, ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"] },
        { new ObjectMeta { Name = "web", Namespace = "default", Labels = new() { ["app"] = "-x" } }, true, ["metadata.labels: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
        { new ObjectMeta { Name = "web", Namespace = "default", Labels = new() { ["/x"] = "" } }, true, ["metadata.labels: Invalid value: \"/x\": prefix part must be non-empty"] },
        { new ObjectMeta { Name = "web", Namespace = "default", Annotations = new() { ["Example.COM/Key"] = "any value at all" } }, true, [] },
        { new ObjectMeta { Name = "web", Namespace = "default", Annotations = new() { ["a/b/c"] = "" } }, true, ["metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"] },
        { new ObjectMeta { Name = "web", Namespace = "default", Annotations = new() { ["big"] = new string('x', 256 * 1024) } }, true, ["metadata.annotations: Too long: may not be more than 262144 bytes"] },
        { new ObjectMeta { Name = "web", Namespace = "default", Annotations = new() { ["b"] = new string('x', 256 * 1024 - 1) } }, true, [] },
        { new ObjectMeta { Name = "web", Namespace = "default", Finalizers = ["example.com/cleanup", "kubernetes"] }, true, [] },
        { new ObjectMeta { Name = "web", Namespace = "default", Finalizers = ["bad finalizer"] }, true, ["metadata.finalizers: Invalid value: \"bad finalizer\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"] },
        { new ObjectMeta { Name = "web", Namespace = "default", Finalizers = ["orphan", "foregroundDeletion"] }, true, ["metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: finalizer orphan and foregroundDeletion cannot be both set"] },
        {
            new ObjectMeta { Name = "web", Namespace = "default", OwnerReferences = [new() { ApiVersion = "", Kind = "", Name = "", Uid = "" }] }, true,
            [
                "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
                "metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty",
                "metadata.ownerReferences.name: Invalid value: \"\": name must not be empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty",
            ]
        },
        {
            new ObjectMeta
            {
                Name = "web", Namespace = "default",
                OwnerReferences =
                [
                    new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "a", Uid = "1", Controller = true },
                    new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "b", Uid = "2", Controller = true },
                ],
            }, true,
            ["metadata.ownerReferences: Invalid value: Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b"]
        },
    };

    [Theory]
    [MemberData(nameof(CreateCases))]
    public void Validates_metadata_on_create(ObjectMeta meta, bool namespaced, string[] expected) =>
        Assert.Equal(expected, Validate(meta, namespaced));

    private static ObjectMeta Existing() => new()
    {
        Name = "web", Namespace = "default", Uid = "u1", ResourceVersion = "5", Generation = 2,
        CreationTimestamp = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    public static TheoryData<Func<ObjectMeta, ObjectMeta>, string[]> UpdateCases => new()
    {
        { m => m, [] },
        { m => m with { Labels = new() { ["a"] = "b" } }, [] },
        { m => m with { Name = "other" }, ["metadata.name: Invalid value: \"other\": field is immutable"] },
        { m => m with { Namespace = "kube-system" }, ["metadata.namespace: Invalid value: \"kube-system\": field is immutable"] },
        { m => m with { Uid = "u2" }, ["metadata.uid: Invalid value: \"u2\": field is immutable"] },
        { m => m with { CreationTimestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) }, ["metadata.creationTimestamp: Invalid value: \"2025-01-01 00:00:00 +0000 UTC\": field is immutable"] },
        { m => m with { CreationTimestamp = m.CreationTimestamp!.Value.AddMilliseconds(300) }, [] },
        { m => m with { ResourceVersion = "" }, ["metadata.resourceVersion: Invalid value: \"\": must be specified for an update"] },
        { m => m with { Generation = 1 }, ["metadata.generation: Invalid value: 1: must not be decremented"] },
        { m => m with { DeletionGracePeriodSeconds = 30 }, ["metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable"] },
    };

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public void Validates_metadata_on_update(Func<ObjectMeta, ObjectMeta> change, string[] expected)
    {
        var old = Existing();
        var errors = ObjectMetaValidator.ValidateUpdate(change(Existing()), old, Meta).Select(e => e.ToString());
        Assert.Equal(expected, errors);
    }

    [Fact]
    public void No_new_finalizers_while_deleting()
    {
        var old = Existing() with { DeletionTimestamp = DateTimeOffset.UnixEpoch, Finalizers = ["a.io/x"] };
        var updated = old with { Finalizers = ["a.io/x", "b.io/y"] };
        var errors = ObjectMetaValidator.ValidateUpdate(updated, old, Meta).Select(e => e.ToString());
        Assert.Equal(["metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"b.io/y\"}"], errors);
    }

    [Fact]
    public void Path_segment_names()
    {
        Assert.Empty(NameValidators.PathSegment("system:admin"));
        Assert.Equal(["may not be '..'"], NameValidators.PathSegment(".."));
        Assert.Equal(["may not contain '/'", "may not contain '%'"], NameValidators.PathSegment("a/%"));
    }
}
