using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Controllers.ReplicaSets;

namespace Orca.Controllers.Tests.ReplicaSets;

/// <summary>Which of two pods a scale-down deletes first, rule by rule (Kubernetes' ActivePodsWithRanks order).</summary>
public sealed class DeletionRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Pod Pod(string name, string? node = "n1", string phase = "Running", bool ready = true, int restarts = 0,
        TimeSpan? age = null, TimeSpan? readyFor = null, string? cost = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name, Uid = name, CreationTimestamp = Now - (age ?? TimeSpan.FromHours(1)),
            Annotations = cost is null ? null : new() { [DeletionRanking.DeletionCostAnnotation] = cost },
        },
        Spec = new PodSpec { NodeName = node },
        Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now - (readyFor ?? TimeSpan.FromHours(1)) }],
            ContainerStatuses = [new ContainerStatus { Name = "app", RestartCount = restarts }],
        },
    };

    public static TheoryData<string, Pod, Pod> Cases() => new()
    {
        { "unassigned before assigned", Pod("first", node: null, phase: "Pending", ready: false), Pod("second") },
        { "pending before running", Pod("first", phase: "Pending", ready: false), Pod("second", ready: false) },
        { "unknown before running", Pod("first", phase: "Unknown"), Pod("second") },
        { "not ready before ready", Pod("first", ready: false), Pod("second") },
        { "lower deletion cost first", Pod("first", cost: "-5"), Pod("second", cost: "10") },
        { "ready for less time first", Pod("first", readyFor: TimeSpan.FromSeconds(30)), Pod("second", readyFor: TimeSpan.FromHours(5)) },
        { "more restarts first", Pod("first", restarts: 7), Pod("second", restarts: 1) },
        { "newer before older", Pod("first", age: TimeSpan.FromMinutes(2)), Pod("second", age: TimeSpan.FromDays(2)) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deletes_first(string rule, Pod first, Pod second)
    {
        Assert.Equal(["first"], DeletionRanking.PodsToDelete([second, first], 1, Now).Select(p => p.Metadata.Name));
        Assert.Equal(["first"], DeletionRanking.PodsToDelete([first, second], 1, Now).Select(p => p.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(rule));
    }

    [Fact]
    public void Pods_doubled_up_on_a_node_go_before_a_pod_alone_on_its_node()
    {
        var alone = Pod("alone", node: "n2");
        var a = Pod("a", node: "n1");
        var b = Pod("b", node: "n1");
        var picked = DeletionRanking.PodsToDelete([alone, a, b], 2, Now).Select(p => p.Metadata.Name).Order();
        Assert.Equal(["a", "b"], picked);
    }
}
