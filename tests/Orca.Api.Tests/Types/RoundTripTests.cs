using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Autoscaling;
using Orca.Api.Batch;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.Api.Json;
using Orca.Api.Policy;
using Orca.Api.Scheduling;
using Orca.Api.Storage;

namespace Orca.Api.Tests.Types;

/// <summary>
/// Deserialize → serialize must give back the same JSON. A field the records do not map is
/// dropped on the way, so equality also proves every input field has a property.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string, string> Objects => new()
    {
        { "Pod", PodFixture.Json },
        { "Node", OtherFixtures.Node },
        { "Event", OtherFixtures.CoreEvent },
        { "EventV1", OtherFixtures.EventsV1Event },
        { "Lease", OtherFixtures.Lease },
        { "Secret", OtherFixtures.Secret },
        { "ConfigMap", OtherFixtures.ConfigMap },
        { "Service", OtherFixtures.Service },
        { "Endpoints", OtherFixtures.Endpoints },
        { "Namespace", OtherFixtures.Namespace },
        { "ServiceAccount", OtherFixtures.ServiceAccount },
        { "Binding", OtherFixtures.Binding },
        { "Eviction", OtherFixtures.Eviction },
        { "Deployment", WorkloadFixtures.Deployment },
        { "ReplicaSet", WorkloadFixtures.ReplicaSet },
        { "StatefulSet", WorkloadFixtures.StatefulSet },
        { "DaemonSet", WorkloadFixtures.DaemonSet },
        { "ControllerRevision", WorkloadFixtures.ControllerRevision },
        { "Job", WorkloadFixtures.Job },
        { "CronJob", WorkloadFixtures.CronJob },
        { "PodDisruptionBudget", WorkloadFixtures.PodDisruptionBudget },
        { "PriorityClass", WorkloadFixtures.PriorityClass },
        { "StorageClass", WorkloadFixtures.StorageClass },
        { "ReplicationController", WorkloadFixtures.ReplicationController },
        { "PersistentVolume", WorkloadFixtures.PersistentVolume },
        { "PersistentVolumeSources", WorkloadFixtures.PersistentVolumeSources },
        { "PersistentVolumeClaim", WorkloadFixtures.PersistentVolumeClaim },
        { "Scale", WorkloadFixtures.Scale },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Object_round_trips_unchanged(string type, string json)
    {
        var output = RoundTrip(type, json);
        var expected = JsonNode.Parse(json);
        var actual = JsonNode.Parse(output);
        Assert.True(JsonNode.DeepEquals(expected, actual), Diff(expected, actual, "$"));
    }

    [Theory]
    [InlineData("Pod", """{"kind":"Pod","metadata":{},"spec":{"containers":[],"bogusField":1},"status":{}}""")]
    [InlineData("Node", """{"kind":"Node","metadata":{},"spec":{},"status":{"nodeInfo":{"machineId":"camel-case-mistake"}}}""")]
    [InlineData("Lease", """{"kind":"Lease","metadata":{},"spec":{"holder":"x"}}""")]
    public void Unmapped_fields_break_the_round_trip(string type, string json)
    {
        var output = RoundTrip(type, json);
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(output)));
    }

    [Fact]
    public void Secret_data_is_base64_bytes()
    {
        var secret = ApiJson.Deserialize<Secret>(OtherFixtures.Secret)!;
        Assert.Equal(new byte[] { 0, 1, 2, 0xfd, 0xfe, 0xff }, secret.Data!["binary"]);
        Assert.Equal("s3cr3t"u8.ToArray(), secret.Data["password"]);
        Assert.Empty(secret.Data["empty"]);
    }

    [Fact]
    public void Micro_times_keep_microseconds_and_times_whole_seconds()
    {
        var lease = new Lease { Spec = { RenewTime = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560) } };
        var ev = new Core.Event { LastTimestamp = lease.Spec.RenewTime, EventTime = lease.Spec.RenewTime };
        Assert.Contains("\"renewTime\":\"2025-01-02T03:04:05.123456Z\"", ApiJson.SerializeToString(lease));
        var evJson = ApiJson.SerializeToString(ev);
        Assert.Contains("\"lastTimestamp\":\"2025-01-02T03:04:05Z\"", evJson);
        Assert.Contains("\"eventTime\":\"2025-01-02T03:04:05.123456Z\"", evJson);
    }

    [Fact]
    public void Absent_optional_fields_stay_absent()
    {
        var pod = new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = { Name = "p" } };
        pod.Spec.Containers.Add(new Container { Name = "c", Image = "nginx" });
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]},"status":{}}""",
            ApiJson.SerializeToString(pod));
    }

    [Fact]
    public void Pod_fields_deserialize_into_typed_values()
    {
        var pod = ApiJson.Deserialize<Pod>(PodFixture.Json)!;
        var app = pod.Spec.Containers[0];
        Assert.Equal("500m", app.Resources!.Limits!["cpu"].Text);
        Assert.Equal(80, app.LivenessProbe!.HttpGet!.Port.IntValue);
        Assert.Equal("http", app.ReadinessProbe!.TcpSocket!.Port.StringValue);
        Assert.Equal(137, pod.Status.ContainerStatuses![0].LastState!.Terminated!.ExitCode);
        Assert.Equal(10250, ApiJson.Deserialize<Node>(OtherFixtures.Node)!.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
        Assert.Equal(PodPhase.Running, pod.Status.Phase);
    }

    [Fact]
    public void Lists_serialize_items_and_list_metadata()
    {
        var list = new PodList { ApiVersion = "v1", Kind = "PodList", Metadata = { ResourceVersion = "7", Continue = "tok" } };
        list.Items.Add(ApiJson.Deserialize<Pod>(PodFixture.Json)!);
        var back = ApiJson.Deserialize<PodList>(ApiJson.Serialize(list))!;
        Assert.Equal("tok", back.Metadata.Continue);
        Assert.Equal(ApiJson.SerializeToString(list.Items[0]), ApiJson.SerializeToString(back.Items[0]));
    }

    private static string RoundTrip(string type, string json) => type switch
    {
        "Pod" => ApiJson.SerializeToString(ApiJson.Deserialize<Pod>(json)),
        "Node" => ApiJson.SerializeToString(ApiJson.Deserialize<Node>(json)),
        "Event" => ApiJson.SerializeToString(ApiJson.Deserialize<Core.Event>(json)),
        "EventV1" => ApiJson.SerializeToString(ApiJson.Deserialize<EventV1>(json)),
        "Lease" => ApiJson.SerializeToString(ApiJson.Deserialize<Lease>(json)),
        "Secret" => ApiJson.SerializeToString(ApiJson.Deserialize<Secret>(json)),
        "ConfigMap" => ApiJson.SerializeToString(ApiJson.Deserialize<ConfigMap>(json)),
        "Service" => ApiJson.SerializeToString(ApiJson.Deserialize<Service>(json)),
        "Endpoints" => ApiJson.SerializeToString(ApiJson.Deserialize<Endpoints>(json)),
        "Namespace" => ApiJson.SerializeToString(ApiJson.Deserialize<Namespace>(json)),
        "ServiceAccount" => ApiJson.SerializeToString(ApiJson.Deserialize<ServiceAccount>(json)),
        "Binding" => ApiJson.SerializeToString(ApiJson.Deserialize<Binding>(json)),
        "Eviction" => ApiJson.SerializeToString(ApiJson.Deserialize<Eviction>(json)),
        "Deployment" => ApiJson.SerializeToString(ApiJson.Deserialize<Deployment>(json)),
        "ReplicaSet" => ApiJson.SerializeToString(ApiJson.Deserialize<ReplicaSet>(json)),
        "StatefulSet" => ApiJson.SerializeToString(ApiJson.Deserialize<StatefulSet>(json)),
        "DaemonSet" => ApiJson.SerializeToString(ApiJson.Deserialize<DaemonSet>(json)),
        "ControllerRevision" => ApiJson.SerializeToString(ApiJson.Deserialize<ControllerRevision>(json)),
        "Job" => ApiJson.SerializeToString(ApiJson.Deserialize<Job>(json)),
        "CronJob" => ApiJson.SerializeToString(ApiJson.Deserialize<CronJob>(json)),
        "PodDisruptionBudget" => ApiJson.SerializeToString(ApiJson.Deserialize<PodDisruptionBudget>(json)),
        "PriorityClass" => ApiJson.SerializeToString(ApiJson.Deserialize<PriorityClass>(json)),
        "StorageClass" => ApiJson.SerializeToString(ApiJson.Deserialize<StorageClass>(json)),
        "ReplicationController" => ApiJson.SerializeToString(ApiJson.Deserialize<ReplicationController>(json)),
        "PersistentVolume" or "PersistentVolumeSources" => ApiJson.SerializeToString(ApiJson.Deserialize<PersistentVolume>(json)),
        "PersistentVolumeClaim" => ApiJson.SerializeToString(ApiJson.Deserialize<PersistentVolumeClaim>(json)),
        "Scale" => ApiJson.SerializeToString(ApiJson.Deserialize<Scale>(json)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The first path where two JSON trees differ, so a failure names the field.</summary>
    private static string Diff(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject eo && actual is JsonObject ao)
        {
            foreach (var (key, value) in eo)
            {
                if (!ao.TryGetPropertyValue(key, out var other)) return $"{path}.{key} missing in output";
                if (!JsonNode.DeepEquals(value, other)) return Diff(value, other, $"{path}.{key}");
            }
            foreach (var (key, _) in ao)
                if (!eo.ContainsKey(key)) return $"{path}.{key} added in output";
            return path;
        }
        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            for (var i = 0; i < ea.Count; i++)
                if (!JsonNode.DeepEquals(ea[i], aa[i])) return Diff(ea[i], aa[i], $"{path}[{i}]");
        }
        return $"{path}: expected {expected?.ToJsonString()} but got {actual?.ToJsonString()}";
    }
}
