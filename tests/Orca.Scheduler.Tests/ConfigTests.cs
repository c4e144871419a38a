using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Tests;

public sealed class ConfigTests
{
    private static SchedulingFramework Build(string yaml, int profile = 0)
    {
        var config = ConfigLoader.Parse(yaml);
        var h = new Harness([]);
        var handle = new FrameworkHandle
        {
            SchedulerName = config.Profiles![profile].SchedulerName!, Snapshot = h.Snapshot, Namespaces = new FakeNamespaces(), Nominator = h.Nominator,
            Client = h.Client, Events = h.Events, DisruptionBudgets = new FakeBudgets(), GroupSelectors = new FakeGroupSelectors(),
            Parallelizer = new Parallelizer(1), Time = h.Time, Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        };
        return ProfileBuilder.Build(config.Profiles[profile], handle);
    }

    private const string Header = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

    [Fact]
    public void Defaults_are_upstreams()
    {
        var c = ConfigLoader.Parse(Header);
        Assert.Equal((0, 1L, 10L), (c.PercentageOfNodesToScore, c.PodInitialBackoffSeconds, c.PodMaxBackoffSeconds));
        Assert.Equal(["default-scheduler"], c.Profiles!.Select(p => p.SchedulerName));
        Assert.Equal((true, "kube-system", "kube-scheduler", "15s"), (c.LeaderElection!.LeaderElect, c.LeaderElection.ResourceNamespace, c.LeaderElection.ResourceName, c.LeaderElection.LeaseDuration));
        var fw = Build(Header);
        Assert.Equal(["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit", "VolumeBinding", "PodTopologySpread", "InterPodAffinity"],
            fw.Plugins.Filter.Select(p => p.Name));
        Assert.Equal(["TaintToleration:3", "NodeAffinity:2", "NodeResourcesFit:1", "PodTopologySpread:2", "InterPodAffinity:2", "NodeResourcesBalancedAllocation:1", "ImageLocality:1"],
            fw.Plugins.Score.Select(s => $"{s.Plugin.Name}:{s.Weight}"));
        Assert.Equal(["DefaultPreemption"], fw.Plugins.PostFilter.Select(p => p.Name));
        Assert.Equal(["DefaultBinder"], fw.Plugins.Bind.Select(p => p.Name));
        Assert.Equal("PrioritySort", fw.Plugins.QueueSort!.Name);
    }

    [Fact]
    public void Profiles_disable_reweight_and_configure_plugins()
    {
        var fw = Build(Header + """
            percentageOfNodesToScore: 30
            profiles:
            - schedulerName: default-scheduler
            - schedulerName: bin-packer
              percentageOfNodesToScore: 70
              plugins:
                score:
                  disabled:
                  - name: ImageLocality
                  - name: NodeResourcesBalancedAllocation
                  enabled:
                  - name: NodeResourcesFit
                    weight: 5
                postFilter:
                  disabled:
                  - name: '*'
              pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy:
                    type: MostAllocated
                    resources:
                    - name: cpu
                      weight: 1
            """, profile: 1);
        Assert.Equal(70, fw.PercentageOfNodesToScore);
        Assert.Equal(["NodeResourcesFit:5", "TaintToleration:3", "NodeAffinity:2", "PodTopologySpread:2", "InterPodAffinity:2"], fw.Plugins.Score.Select(s => $"{s.Plugin.Name}:{s.Weight}"));
        Assert.Empty(fw.Plugins.PostFilter);
        var h = new Harness([NodeBuilder.Named("n1").Capacity("4", "8Gi")]);
        var fit = fw.Plugins.Score[0].Plugin;
        Assert.Equal([75L], h.Scores(fit, PodBuilder.Named("p").Requests("3", "1Gi")));
    }

    [Fact]
    public void MultiPoint_disable_everything_keeps_only_what_is_listed()
    {
        var fw = Build(Header + """
            profiles:
            - plugins:
                multiPoint:
                  disabled:
                  - name: '*'
                  enabled:
                  - name: PrioritySort
                  - name: NodeResourcesFit
                  - name: DefaultBinder
            """);
        Assert.Equal(["NodeResourcesFit"], fw.Plugins.Filter.Select(p => p.Name));
        Assert.Equal(["NodeResourcesFit:1"], fw.Plugins.Score.Select(s => $"{s.Plugin.Name}:{s.Weight}"));
        Assert.Empty(fw.Plugins.PostFilter);
    }

    [Fact]
    public void Json_works_too()
    {
        var c = ConfigLoader.Parse("""{"apiVersion":"kubescheduler.config.k8s.io/v1","kind":"KubeSchedulerConfiguration","profiles":[{"schedulerName":"a"},{"schedulerName":"b"}]}""");
        Assert.Equal(["a", "b"], c.Profiles!.Select(p => p.SchedulerName));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: KubeSchedulerConfiguration\n", "apiVersion must be \"kubescheduler.config.k8s.io/v1\"")]
    [InlineData(Header + "percentageOfNodesToScore: 120\n", "percentageOfNodesToScore: Invalid value: 120: not in valid range [0-100]")]
    [InlineData(Header + "profilez: []\n", "profilez")]
    [InlineData(Header + "profiles:\n- schedulerName: a\n- schedulerName: a\n", "profiles[1].schedulerName: Duplicate value: \"a\"")]
    [InlineData(Header + "profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: Nope\n", "plugin \"Nope\" is not registered")]
    [InlineData(Header + "podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n", "podMaxBackoffSeconds: Invalid value: 2")]
    public void Bad_configurations_name_the_problem(string yaml, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("NodeResourcesFit", "scoringStrategy:\n      type: Fancy", "scoringStrategy.type: Unsupported value: \"Fancy\"")]
    [InlineData("NodeResourcesFit", "scoringStrategy:\n      type: MostAllocated\n      resources:\n      - name: cpu\n        weight: 0", "resource weight of cpu not in valid range (0, 100]")]
    [InlineData("NodeResourcesFit", "scoringStrategy:\n      type: RequestedToCapacityRatio", "shape: Required value")]
    [InlineData("InterPodAffinity", "hardPodAffinityWeight: 101", "hardPodAffinityWeight: Invalid value: 101")]
    [InlineData("PodTopologySpread", "defaultConstraints:\n    - maxSkew: 1\n      topologyKey: zone\n      whenUnsatisfiable: DoNotSchedule", "when .defaultingType is \"System\", .defaultConstraints must be empty")]
    [InlineData("DefaultPreemption", "minCandidateNodesPercentage: 0\n    minCandidateNodesAbsolute: 0", "cannot be zero at the same time")]
    [InlineData("NodeResourcesFit", "unknownField: 1", "unknownField")]
    public void Bad_plugin_args_name_the_field(string plugin, string args, string expected)
    {
        var yaml = Header + $"profiles:\n- pluginConfig:\n  - name: {plugin}\n    args:\n      {args.Replace("\n", "\n  ")}\n";
        var e = Assert.Throws<ArgumentException>(() => Build(yaml));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("15s", 15.0)]
    [InlineData("1m30s", 90.0)]
    [InlineData("1.5h", 5400.0)]
    [InlineData("250ms", 0.25)]
    public void Go_durations(string text, double seconds) => Assert.Equal(seconds, GoDuration.Parse(text).TotalSeconds);
}
