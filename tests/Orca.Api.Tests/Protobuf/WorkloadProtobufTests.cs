using System.Text.Json.Nodes;
using Orca.Api.Protobuf;

namespace Orca.Api.Tests.Protobuf;

/// <summary>The bodies `kubectl create job|cronjob|pdb|priorityclass` send, decoded into the JSON the API reads.</summary>
public sealed class WorkloadProtobufTests
{
    private static JsonObject Decode(byte[] body)
    {
        Assert.True(KubeProtobuf.TryDecode(body, out var obj, out var error, out var unknown), error);
        Assert.Empty(unknown);
        return obj!;
    }

    private static void AssertJson(string expected, JsonObject actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    private static ProtoWriter Template(string restartPolicy) => new ProtoWriter()
        .Msg(1, m => m.Msg(8, t => t.Varint(1, 0)))
        .Msg(2, s => s.Msg(2, c => c.Str(1, "pi").Str(2, "busybox").Str(3, "echo")).Str(3, restartPolicy));

    [Fact]
    public void Job_with_failure_policy_and_exit_codes()
    {
        var spec = new ProtoWriter()
            .Varint(2, 3).Varint(7, 2).Msg(6, Template("Never")).Varint(10, 0).Str(9, "Indexed")
            .Msg(11, p => p.Msg(1, r => r.Str(1, "FailJob").Msg(2, c => c.Str(2, "In").Raw(0x1a, 0x02, 0x01, 0x2a))));
        var obj = Decode(ProtoWriter.Envelope("batch/v1", "Job", new ProtoWriter().Msg(1, m => m.Str(1, "pi")).Msg(2, spec)));
        AssertJson("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},"spec":{
              "completions":3,"backoffLimit":2,"suspend":false,"completionMode":"Indexed",
              "template":{"metadata":{},"spec":{"containers":[{"name":"pi","image":"busybox","command":["echo"]}],"restartPolicy":"Never"}},
              "podFailurePolicy":{"rules":[{"action":"FailJob","onExitCodes":{"operator":"In","values":[1,42]}}]}}}
            """, obj);
    }

    [Fact]
    public void CronJob_budget_and_priority_class()
    {
        var cron = new ProtoWriter().Msg(1, m => m.Str(1, "tick"))
            .Msg(2, s => s.Str(1, "*/5 * * * *").Msg(5, j => j.Msg(2, js => js.Msg(6, Template("OnFailure")))).Str(8, "Etc/UTC"));
        var cronJson = Decode(ProtoWriter.Envelope("batch/v1", "CronJob", cron));
        Assert.Equal("*/5 * * * *", (string?)cronJson["spec"]!["schedule"]);
        Assert.Equal("Etc/UTC", (string?)cronJson["spec"]!["timeZone"]);
        Assert.Equal("OnFailure", (string?)cronJson["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["restartPolicy"]);

        var pdb = new ProtoWriter().Msg(1, m => m.Str(1, "web"))
            .Msg(2, s => s.Msg(1, v => v.Varint(1, 1).Str(3, "50%")).Msg(2, l => l.Entry(1, "app", "web")));
        AssertJson("""{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}}}""",
            Decode(ProtoWriter.Envelope("policy/v1", "PodDisruptionBudget", pdb)));

        var pc = new ProtoWriter().Msg(1, m => m.Str(1, "high")).Varint(2, 1000).Bool(3, true).Str(4, "x").Str(5, "Never");
        AssertJson("""{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"high"},"value":1000,"globalDefault":true,"description":"x","preemptionPolicy":"Never"}""",
            Decode(ProtoWriter.Envelope("scheduling.k8s.io/v1", "PriorityClass", pc)));
    }
}
