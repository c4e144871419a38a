using System.Text;
using System.Text.Json.Nodes;
using Orca.Api.Protobuf;

namespace Orca.Api.Tests.Protobuf;

/// <summary>Objects built field by field with <see cref="ProtoWriter"/>, covering fields kubectl's generators leave empty.</summary>
public sealed class EncodedObjectTests
{
    private static JsonObject Decode(byte[] body)
    {
        Assert.True(KubeProtobuf.TryDecode(body, out var obj, out var error, out var unknown), error);
        Assert.Empty(unknown);
        return obj!;
    }

    private static void AssertJson(string expected, JsonObject actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    private static ProtoWriter Meta(string name) => new ProtoWriter().Str(1, name);

    [Fact]
    public void ObjectMetaWithEveryField()
    {
        var meta = new ProtoWriter()
            .Str(1, "web").Str(2, "web-").Str(3, "prod").Str(4, "/x").Str(5, "uid-1").Str(6, "42").Varint(7, 3)
            .Msg(8, t => t.Varint(1, 1767225600))
            .Msg(9, t => t.Varint(1, 1767225630).Varint(2, 500))
            .Varint(10, 30)
            .Entry(11, "app", "web").Entry(11, "tier", "")
            .Entry(12, "note", "hi")
            .Msg(13, o => o.Str(1, "ReplicaSet").Str(3, "web-1").Str(4, "rs-uid").Str(5, "apps/v1").Bool(6, true).Bool(7, false))
            .Str(14, "a/b").Str(14, "c/d")
            .Msg(17, e => e.Str(1, "kubectl").Str(2, "Update").Str(3, "v1").Msg(4, t => t.Varint(1, 0))
                .Str(6, "FieldsV1").Msg(7, f => f.Str(1, """{"f:data":{".":{}}}""")).Str(8, "status"));
        var obj = Decode(ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, meta)));
        AssertJson("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{
              "name":"web","generateName":"web-","namespace":"prod","selfLink":"/x","uid":"uid-1","resourceVersion":"42",
              "generation":3,"creationTimestamp":"2026-01-01T00:00:00Z","deletionTimestamp":"2026-01-01T00:00:30Z",
              "deletionGracePeriodSeconds":30,"labels":{"app":"web","tier":""},"annotations":{"note":"hi"},
              "ownerReferences":[{"kind":"ReplicaSet","name":"web-1","uid":"rs-uid","apiVersion":"apps/v1","controller":true,"blockOwnerDeletion":false}],
              "finalizers":["a/b","c/d"],
              "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"1970-01-01T00:00:00Z",
                "fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{}}},"subresource":"status"}]}}
            """, obj);
    }

    [Fact]
    public void ConfigMapBinaryDataAndPointerFalse()
    {
        var raw = new ProtoWriter().Msg(1, Meta("c")).Entry(2, "k", "v")
            .Msg(3, e => e.Str(1, "bin").Bytes(2, [0, 1, 2, 255])).Bool(4, false);
        AssertJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"},"binaryData":{"bin":"AAEC/w=="},"immutable":false}""",
            Decode(ProtoWriter.Envelope("v1", "ConfigMap", raw)));
    }

    [Fact]
    public void SecretStringDataTypeImmutable()
    {
        var raw = new ProtoWriter().Msg(1, Meta("s")).Msg(2, e => e.Str(1, "b").Bytes(2, Encoding.UTF8.GetBytes("hello")))
            .Str(3, "Opaque").Entry(4, "plain", "text").Bool(5, true);
        AssertJson("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"b":"aGVsbG8="},"type":"Opaque","stringData":{"plain":"text"},"immutable":true}""",
            Decode(ProtoWriter.Envelope("v1", "Secret", raw)));
    }

    [Fact]
    public void ServiceAccountReferences()
    {
        var raw = new ProtoWriter().Msg(1, Meta("sa"))
            .Msg(2, r => r.Str(1, "Secret").Str(2, "ns").Str(3, "tok").Str(4, "u").Str(5, "v1").Str(6, "7").Str(7, "data"))
            .Msg(3, r => r.Str(1, "regcred")).Bool(4, false);
        AssertJson("""
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},
             "secrets":[{"kind":"Secret","namespace":"ns","name":"tok","uid":"u","apiVersion":"v1","resourceVersion":"7","fieldPath":"data"}],
             "imagePullSecrets":[{"name":"regcred"}],"automountServiceAccountToken":false}
            """, Decode(ProtoWriter.Envelope("v1", "ServiceAccount", raw)));
    }

    [Fact]
    public void ServiceSpecFields()
    {
        var spec = new ProtoWriter()
            .Msg(1, p => p.Str(1, "http").Str(2, "TCP").Varint(3, 80).Msg(4, t => t.Varint(1, 1).Str(3, "web")).Varint(5, 30001).Str(6, "kubernetes.io/h2c"))
            .Entry(2, "app", "web").Str(3, "10.0.0.10").Str(4, "LoadBalancer").Str(5, "1.2.3.4").Str(7, "ClientIP")
            .Msg(14, c => c.Msg(1, i => i.Varint(1, 600)))
            .Str(17, "SingleStack").Str(18, "10.0.0.10").Str(19, "IPv4").Bool(20, true).Str(22, "Local").Bool(13, true);
        var raw = new ProtoWriter().Msg(1, Meta("web")).Msg(2, spec).Msg(3, s => s.Msg(1, l => l.Msg(1, i => i.Str(1, "5.6.7.8"))));
        AssertJson("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{
              "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"web","nodePort":30001,"appProtocol":"kubernetes.io/h2c"}],
              "selector":{"app":"web"},"clusterIP":"10.0.0.10","type":"LoadBalancer","externalIPs":["1.2.3.4"],
              "sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":600}},
              "ipFamilyPolicy":"SingleStack","clusterIPs":["10.0.0.10"],"ipFamilies":["IPv4"],
              "allocateLoadBalancerNodePorts":true,"internalTrafficPolicy":"Local","publishNotReadyAddresses":true},
             "status":{"loadBalancer":{"ingress":[{"ip":"5.6.7.8"}]}}}
            """, Decode(ProtoWriter.Envelope("v1", "Service", raw)));
    }

    [Fact]
    public void EvictionWithDeleteOptions()
    {
        var raw = new ProtoWriter().Msg(1, Meta("web-1").Str(3, "default"))
            .Msg(2, d => d.Varint(1, 0).Msg(2, p => p.Str(1, "uid-9").Str(2, "12")).Bool(3, false).Str(4, "Foreground").Str(5, "All"));
        AssertJson("""
            {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-1","namespace":"default"},
             "deleteOptions":{"gracePeriodSeconds":0,"preconditions":{"uid":"uid-9","resourceVersion":"12"},
               "orphanDependents":false,"propagationPolicy":"Foreground","dryRun":["All"]}}
            """, Decode(ProtoWriter.Envelope("policy/v1", "Eviction", raw)));
    }

    [Fact]
    public void DeploymentWithPodTemplate()
    {
        var container = new ProtoWriter().Str(1, "app").Str(2, "busybox").Str(3, "sh").Str(4, "-c").Str(4, "sleep 1").Str(5, "/w")
            .Msg(6, p => p.Str(1, "http").Varint(3, 8080).Str(4, "TCP"))
            .Msg(7, e => e.Str(1, "MODE").Str(2, "prod")).Msg(7, e => e.Str(1, "EMPTY"))
            .Msg(8, r => r.Msg(1, e => e.Str(1, "cpu").Msg(2, q => q.Str(1, "500m"))).Msg(2, e => e.Str(1, "memory").Msg(2, q => q.Str(1, "64Mi"))))
            .Msg(9, m => m.Str(1, "cfg").Bool(2, true).Str(3, "/etc/cfg"))
            .Str(13, "/dev/termination-log").Str(14, "IfNotPresent").Msg(15, s => s.Bool(7, false)).Str(20, "File");
        var podSpec = new ProtoWriter().Msg(1, v => v.Str(1, "cfg").Msg(2, s => s.Msg(19, c => c.Msg(1, r => r.Str(1, "app-config")).Varint(3, 420))))
            .Msg(2, container).Str(3, "Always").Varint(4, 30).Str(6, "ClusterFirst").Entry(7, "disk", "ssd")
            .Msg(14, _ => { }).Str(19, "default-scheduler")
            .Msg(22, t => t.Str(1, "k").Str(2, "Exists").Str(4, "NoExecute").Varint(5, 60));
        var spec = new ProtoWriter().Varint(1, 0).Msg(2, s => s.Entry(1, "app", "web").Msg(2, r => r.Str(1, "tier").Str(2, "In").Str(3, "a").Str(3, "b")))
            .Msg(3, t => t.Msg(1, Meta("").Entry(11, "app", "web")).Msg(2, podSpec))
            .Msg(4, s => s.Str(1, "RollingUpdate").Msg(2, r => r.Msg(1, i => i.Varint(1, 1).Str(3, "25%")).Msg(2, i => i.Varint(2, 1))))
            .Varint(6, 10);
        var raw = new ProtoWriter().Msg(1, Meta("web")).Msg(2, spec).Msg(3, s => s.Varint(1, 5));
        AssertJson("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{
              "replicas":0,
              "selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{
                "volumes":[{"name":"cfg","configMap":{"name":"app-config","defaultMode":420}}],
                "containers":[{"name":"app","image":"busybox","command":["sh"],"args":["-c","sleep 1"],"workingDir":"/w",
                  "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                  "env":[{"name":"MODE","value":"prod"},{"name":"EMPTY"}],
                  "resources":{"limits":{"cpu":"500m"},"requests":{"memory":"64Mi"}},
                  "volumeMounts":[{"name":"cfg","readOnly":true,"mountPath":"/etc/cfg"}],
                  "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent",
                  "securityContext":{"allowPrivilegeEscalation":false},"terminationMessagePolicy":"File"}],
                "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
                "nodeSelector":{"disk":"ssd"},"securityContext":{},"schedulerName":"default-scheduler",
                "tolerations":[{"key":"k","operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]}},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}},
              "revisionHistoryLimit":10}}
            """, Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw)));
    }

    [Fact]
    public void PodStatusIsDroppedAndNegativeNumbersSurvive()
    {
        var raw = new ProtoWriter().Msg(1, Meta("p")).Msg(2, s => s.Msg(2, c => c.Str(1, "c").Str(2, "i")).Varint(25, -5))
            .Msg(3, s => s.Str(1, "Running"));
        AssertJson("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}],"priority":-5}}""",
            Decode(ProtoWriter.Envelope("v1", "Pod", raw)));
    }

    [Fact]
    public void UnknownFieldsOfEveryWireTypeAreSkippedAndReported()
    {
        var raw = new ProtoWriter().Msg(1, Meta("n").Varint(99, 7).Fixed32(100, 1))
            .Fixed64(50, ulong.MaxValue).Msg(2, s => s.Str(9, "x").Str(1, "kubernetes")).Msg(51, _ => { });
        Assert.True(KubeProtobuf.TryDecode(ProtoWriter.Envelope("v1", "Namespace", raw), out var obj, out var error, out var unknown), error);
        AssertJson("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"},"spec":{"finalizers":["kubernetes"]}}""", obj!);
        Assert.Equal(["metadata.#99", "metadata.#100", "#50", "spec.#9", "#51"], unknown);
    }

    [Fact]
    public void PackedRepeatedIntegers()
    {
        var podSpec = new ProtoWriter().Msg(14, s => s.Bytes(4, [0x01, 0x96, 0x01]).Varint(4, 3));
        var raw = new ProtoWriter().Msg(2, podSpec);
        AssertJson("""{"apiVersion":"v1","kind":"Pod","spec":{"securityContext":{"supplementalGroups":[1,150,3]}}}""",
            Decode(ProtoWriter.Envelope("v1", "Pod", raw)));
    }

    [Fact]
    public void EveryReferencedMessageHasATable()
    {
        foreach (var name in ProtoSchemas.Referenced())
        {
            Assert.NotNull(ProtoSchemas.Message(name));
        }
    }
}
