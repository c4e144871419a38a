using Orca.Api.Core;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using NodeAffinityPlugin = Orca.Scheduler.Plugins.NodeAffinity;

namespace Orca.Scheduler.Tests.Plugins;

public sealed class NodeAffinityTests
{
    private static readonly Node Node1 = NodeBuilder.Named("n1").Label("zone", "a").Label("disk", "ssd").Label("cores", "8");

    public static TheoryData<string, Pod, bool> FilterCases => new()
    {
        { "no constraints", Pod(), true },
        { "nodeSelector matches", Pod().NodeSelector("zone", "a"), true },
        { "nodeSelector differs", Pod().NodeSelector("zone", "b"), false },
        { "nodeSelector label missing", Pod().NodeSelector("gpu", "yes"), false },
        { "In", Pod().RequiredNodeAffinity(Terms.Expr("zone", "In", "b", "a")), true },
        { "In, no value matches", Pod().RequiredNodeAffinity(Terms.Expr("zone", "In", "b", "c")), false },
        { "NotIn", Pod().RequiredNodeAffinity(Terms.Expr("zone", "NotIn", "b")), true },
        { "NotIn on a missing label", Pod().RequiredNodeAffinity(Terms.Expr("rack", "NotIn", "r1")), true },
        { "Exists", Pod().RequiredNodeAffinity(Terms.Expr("disk", "Exists")), true },
        { "DoesNotExist", Pod().RequiredNodeAffinity(Terms.Expr("disk", "DoesNotExist")), false },
        { "Gt", Pod().RequiredNodeAffinity(Terms.Expr("cores", "Gt", "4")), true },
        { "Gt equal", Pod().RequiredNodeAffinity(Terms.Expr("cores", "Gt", "8")), false },
        { "Lt", Pod().RequiredNodeAffinity(Terms.Expr("cores", "Lt", "16")), true },
        { "Gt on a non-integer label", Pod().RequiredNodeAffinity(Terms.Expr("zone", "Gt", "1")), false },
        { "terms are ORed", Pod().RequiredNodeAffinity(Terms.Expr("zone", "In", "x"), Terms.Expr("disk", "In", "ssd")), true },
        { "matchFields metadata.name In", Pod().RequiredNodeAffinity(Terms.Field("In", "n1")), true },
        { "matchFields metadata.name NotIn", Pod().RequiredNodeAffinity(Terms.Field("NotIn", "n1")), false },
        { "an empty term matches nothing", Pod().RequiredNodeAffinity(new NodeSelectorTerm()), false },
        { "an invalid operator never matches", Pod().RequiredNodeAffinity(Terms.Expr("zone", "Near", "a")), false },
        { "nodeSelector and affinity must both hold", Pod().NodeSelector("zone", "a").RequiredNodeAffinity(Terms.Expr("disk", "In", "hdd")), false },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter(string name, Pod pod, bool fits)
    {
        var s = new Harness([Node1]).Filter(new NodeAffinityPlugin(new NodeAffinityArgs()), pod, "n1");
        Assert.True(fits == s.IsSuccess, $"{name}: {s}");
        if (!fits) Assert.Equal((StatusCode.UnschedulableAndUnresolvable, "node(s) didn't match Pod's node affinity/selector"), (s.Code, s.Message));
    }

    [Fact]
    public void PreFilter_skips_pods_without_node_constraints()
    {
        var (_, s) = new NodeAffinityPlugin(new NodeAffinityArgs()).PreFilter(new CycleState(), new PodInfo(Pod()));
        Assert.True(s.IsSkip);
    }

    [Fact]
    public void PreFilter_narrows_to_nodes_named_in_every_term()
    {
        var plugin = new NodeAffinityPlugin(new NodeAffinityArgs());
        var (result, s) = plugin.PreFilter(new CycleState(), new PodInfo(Pod().RequiredNodeAffinity(Terms.Field("In", "n1", "n2"), Terms.Field("In", "n3"))));
        Assert.True(s.IsSuccess);
        Assert.Equal(["n1", "n2", "n3"], result!.NodeNames!.Order());

        var (conflict, c) = plugin.PreFilter(new CycleState(), new PodInfo(Pod().RequiredNodeAffinity(new NodeSelectorTerm
        {
            MatchFields = [new() { Key = "metadata.name", Operator = "In", Values = ["n1"] }, new() { Key = "metadata.name", Operator = "In", Values = ["n2"] }],
        })));
        Assert.Null(conflict);
        Assert.Equal((StatusCode.UnschedulableAndUnresolvable, "pod affinity terms conflict"), (c.Code, c.Message));

        var (all, _) = plugin.PreFilter(new CycleState(), new PodInfo(Pod().RequiredNodeAffinity(Terms.Field("In", "n1"), Terms.Expr("zone", "In", "a"))));
        Assert.Null(all);
    }

    [Fact]
    public void Added_affinity_is_enforced_with_its_own_reason()
    {
        var args = new NodeAffinityArgs { AddedAffinity = new Api.Core.NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Terms.Expr("zone", "In", "b")] } } };
        var s = new Harness([Node1]).Filter(new NodeAffinityPlugin(args), Pod(), "n1");
        Assert.Equal((StatusCode.UnschedulableAndUnresolvable, "node(s) didn't match scheduler-enforced node affinity"), (s.Code, s.Message));
    }

    [Fact]
    public void Preferred_terms_score_by_weight_normalized_to_100()
    {
        var h = new Harness(
        [
            NodeBuilder.Named("a").Label("zone", "a").Label("disk", "ssd"),
            NodeBuilder.Named("b").Label("zone", "a"),
            NodeBuilder.Named("c"),
        ]);
        var pod = Pod().PreferredNodeAffinity(30, Terms.Expr("zone", "In", "a")).PreferredNodeAffinity(50, Terms.Expr("disk", "In", "ssd")).Build();
        Assert.Equal([100L, 37, 0], h.Scores(new NodeAffinityPlugin(new NodeAffinityArgs()), pod));
    }

    private static PodBuilder Pod() => PodBuilder.Named("p");
}
