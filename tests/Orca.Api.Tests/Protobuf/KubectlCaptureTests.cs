using System.Text.Json.Nodes;
using Orca.Api.Protobuf;

namespace Orca.Api.Tests.Protobuf;

/// <summary>
/// Bodies captured from kubectl v1.32.4 (`kubectl create …` against a recording HTTP server), decoded
/// and compared with the JSON the same command sends with --dry-run=client -o json.
/// </summary>
public sealed class KubectlCaptureTests
{
    public const string Namespace =
        "6b3873000a0f0a02763112094e616d657370616365121b0a130a03666f6f12001a0022002a0032003800420012001a020a001a002200";

    public const string ConfigMap =
        "6b3873000a0f0a0276311209436f6e6669674d617012370a1a0a0363666712001a0764656661756c7422002a003200380042001206" +
        "0a016112016212110a086772656574696e67120568656c6c6f1a002200";

    public const string Secret =
        "6b3873000a0c0a027631120653656372657412380a180a017312001a0764656661756c7422002a0032003800420012060a016b1201" +
        "7612120a0870617373776f726412067333637233741a001a002200";

    public const string DockerSecret =
        "6b3873000a0c0a02763112065365637265741293010a1a0a0372656712001a0764656661756c7422002a00320038004200125" +
        "50a112e646f636b6572636f6e6669676a736f6e12407b226175746873223a7b22722e696f223a7b22757365726e616d65223a227" +
        "5222c2270617373776f7264223a2270222c2261757468223a2264547077227d7d7d1a1e6b756265726e657465732e696f2f646f636b" +
        "6572636f6e6669676a736f6e1a002200";

    public const string ServiceAccount =
        "6b3873000a140a027631120e536572766963654163636f756e74121b0a190a02736112001a0764656661756c7422002a0032003800" +
        "42001a002200";

    public const string ClusterIpService =
        "6b3873000a0d0a02763112075365727669636512700a260a0377656212001a0764656661756c7422002a003200380042005a0a0a03" +
        "617070120377656212420a1b0a0738302d38303830120354435018502207080010903f1a002800120a0a0361707012037765621a00" +
        "2209436c757374657249503a00420052005a00600068001a020a001a002200";

    public const string NodePortService =
        "6b3873000a0d0a027631120753657276696365126e0a240a026e7012001a0764656661756c7422002a003200380042005a090a0361" +
        "707012026e7012420a1d0a0738302d38303830120354435018502207080010903f1a002880eb0112090a0361707012026e701a0022" +
        "084e6f6465506f72743a00420052005a00600068001a020a001a002200";

    public const string Deployment =
        "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412cf010a260a0377656212001a0764656661756c7422002a0032" +
        "00380042005a0a0a0361707012037765621296010803120c0a0a0a0361707012037765621a7c0a1c0a0012001a0022002a00320038" +
        "0042005a0a0a036170701203776562125c123e0a056e67696e78120a6e67696e783a312e32371a05736c6565701a0231302a00320a" +
        "0a001000185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100" +
        "c2010022020a00280038001a0c0800100018002000280038001a002200";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "create namespace foo", Namespace,
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"foo"},"spec":{},"status":{}}""" },
        { "create configmap cfg --from-literal=a=b --from-literal=greeting=hello", ConfigMap,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default"},"data":{"a":"b","greeting":"hello"}}""" },
        { "create secret generic s --from-literal=k=v --from-literal=password=s3cr3t", Secret,
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default"},"data":{"k":"dg==","password":"czNjcjN0"}}""" },
        { "create secret docker-registry reg", DockerSecret,
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"reg","namespace":"default"},"type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"eyJhdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImF1dGgiOiJkVHB3In19fQ=="}}""" },
        { "create serviceaccount sa", ServiceAccount,
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa","namespace":"default"}}""" },
        { "create service clusterip web --tcp=80:8080", ClusterIpService,
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}""" },
        { "create service nodeport np --tcp=80:8080 --node-port=30080", NodePortService,
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"np","namespace":"default","labels":{"app":"np"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080}],"selector":{"app":"np"},"type":"NodePort"},"status":{"loadBalancer":{}}}""" },
        { "create deployment web --image=nginx:1.27 --replicas=3 --port=80 -- sleep 10", Deployment,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","command":["sleep","10"],"ports":[{"containerPort":80}],"resources":{}}]}},"strategy":{}}}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesWhatKubectlSends(string command, string hex, string expectedJson)
    {
        Assert.True(KubeProtobuf.TryDecode(Convert.FromHexString(hex), out var obj, out var error, out var unknown), $"{command}: {error}");
        Assert.Equal("", error);
        Assert.Empty(unknown);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), obj), $"{command}: got {obj!.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTruncationDecodesOrFailsWithoutThrowing(string command, string hex, string expectedJson)
    {
        _ = expectedJson;
        var body = Convert.FromHexString(hex);
        for (var length = 0; length < body.Length; length++)
        {
            var ok = KubeProtobuf.TryDecode(body.AsSpan(0, length), out var obj, out var error);
            Assert.True(ok ? obj is not null && error == "" : obj is null && error != "", $"{command} cut at {length}");
        }
    }
}
