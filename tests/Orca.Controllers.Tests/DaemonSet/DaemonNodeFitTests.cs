using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Controllers.DaemonSets;

namespace Orca.Controllers.Tests.DaemonSet;

/// <summary>Which nodes a daemon pod belongs on: (should run, may continue running) per node and template.</summary>
public sealed class DaemonNodeFitTests
{
    private static Node NodeWith(string name = "n1", Dictionary<string, string>? labels = null, params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new NodeSpec { Taints = [.. taints] },
    };

    private static PodSpec Daemon(Action<PodSpec>? configure = null)
    {
        var spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] };
        configure?.Invoke(spec);
        DaemonNodeFit.AddDaemonTolerations(spec);
        return spec;
    }

    private static Taint T(string key, string effect, string? value = null) => new() { Key = key, Effect = effect, Value = value };

    public static TheoryData<string, Node, PodSpec, bool, bool> Cases => new()
    {
        { "plain node", NodeWith(), Daemon(), true, true },
        { "template nodeName names another node", NodeWith(), Daemon(s => s.NodeName = "n2"), false, false },
        { "nodeSelector matches", NodeWith(labels: new() { ["disk"] = "ssd" }), Daemon(s => s.NodeSelector = new() { ["disk"] = "ssd" }), true, true },
        { "nodeSelector does not match", NodeWith(), Daemon(s => s.NodeSelector = new() { ["disk"] = "ssd" }), false, false },
        { "affinity Gt", NodeWith(labels: new() { ["cores"] = "8" }), Daemon(s => s.Affinity = Required("cores", "Gt", "4")), true, true },
        { "affinity Gt not met", NodeWith(labels: new() { ["cores"] = "2" }), Daemon(s => s.Affinity = Required("cores", "Gt", "4")), false, false },
        { "untolerated NoSchedule: keep a running pod", NodeWith(taints: T("dedicated", TaintEffect.NoSchedule)), Daemon(), false, true },
        { "untolerated NoExecute: remove the pod", NodeWith(taints: T("dedicated", TaintEffect.NoExecute)), Daemon(), false, false },
        { "PreferNoSchedule is ignored", NodeWith(taints: T("dedicated", TaintEffect.PreferNoSchedule)), Daemon(), true, true },
        { "tolerated by an Exists with no key", NodeWith(taints: T("anything", TaintEffect.NoExecute)), Daemon(s => s.Tolerations = [new Toleration { Operator = "Exists" }]), true, true },
        { "Equal needs the same value", NodeWith(taints: T("gpu", TaintEffect.NoSchedule, "a")), Daemon(s => s.Tolerations = [new Toleration { Key = "gpu", Value = "b", Effect = TaintEffect.NoSchedule }]), false, true },
        { "not-ready NoExecute tolerated by every daemon pod", NodeWith(taints: T(DaemonNodeFit.NotReadyTaint, TaintEffect.NoExecute)), Daemon(), true, true },
        { "unreachable NoExecute tolerated by every daemon pod", NodeWith(taints: T(DaemonNodeFit.UnreachableTaint, TaintEffect.NoExecute)), Daemon(), true, true },
        { "cordoned node tolerated", NodeWith(taints: T(DaemonNodeFit.UnschedulableTaint, TaintEffect.NoSchedule)), Daemon(), true, true },
        { "network-unavailable only for hostNetwork", NodeWith(taints: T(DaemonNodeFit.NetworkUnavailableTaint, TaintEffect.NoSchedule)), Daemon(), false, true },
        { "network-unavailable with hostNetwork", NodeWith(taints: T(DaemonNodeFit.NetworkUnavailableTaint, TaintEffect.NoSchedule)), Daemon(s => s.HostNetwork = true), true, true },
    };

    private static Affinity Required(string key, string op, string value) => new()
    {
        NodeAffinity = new NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
            {
                NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = op, Values = [value] }] }],
            },
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit(string because, Node node, PodSpec daemon, bool shouldRun, bool shouldContinue)
    {
        Assert.True(new NodeFit(shouldRun, shouldContinue) == DaemonNodeFit.Evaluate(node, daemon), because);
    }

    [Fact]
    public void Daemon_tolerations_replace_a_user_toleration_of_the_same_key_and_effect_and_never_expire()
    {
        var spec = Daemon(s => s.Tolerations = [new Toleration { Key = DaemonNodeFit.UnreachableTaint, Operator = "Exists", Effect = TaintEffect.NoExecute, TolerationSeconds = 30 }]);
        var unreachable = Assert.Single(spec.Tolerations!, t => t.Key == DaemonNodeFit.UnreachableTaint);
        Assert.Null(unreachable.TolerationSeconds);
        Assert.Equal(6, spec.Tolerations!.Count);
    }
}
