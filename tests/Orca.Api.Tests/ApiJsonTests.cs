using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Api.Tests;

public sealed class ApiJsonTests
{
    [Fact]
    public void Status_serializes_with_kubernetes_field_names()
    {
        var status = new Status { Outcome = "Failure", Reason = StatusReasons.NotFound, Code = 404, Message = "pods \"web\" not found" };
        var json = ApiJson.SerializeToString(status);
        Assert.Contains("\"status\":\"Failure\"", json);
        Assert.Contains("\"kind\":\"Status\"", json);
        Assert.Contains("\"code\":404", json);
    }

    [Fact]
    public void Timestamps_are_rfc3339_seconds_in_utc()
    {
        var meta = new ObjectMeta { Name = "a", CreationTimestamp = new DateTimeOffset(2026, 11, 22, 9, 44, 25, 123, TimeSpan.FromHours(2)) };
        var json = ApiJson.SerializeToString(meta);
        Assert.Contains("\"creationTimestamp\":\"2026-11-22T07:44:25Z\"", json);
        var back = ApiJson.Deserialize<ObjectMeta>(json)!;
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 44, 25, TimeSpan.Zero), back.CreationTimestamp);
    }
}
