namespace Orca.Scheduler.Config;

/// <summary>The checks upstream applies to plugin args; a violation throws ArgumentException with the field path.</summary>
internal static class ArgsValidation
{
    private static readonly string[] StrategyTypes = ["LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"];

    public static NodeResourcesFitArgs Validate(NodeResourcesFitArgs args)
    {
        foreach (var group in args.IgnoredResourceGroups ?? [])
        {
            if (group.Contains('/')) Fail("ignoredResourceGroups", $"\"{group}\": resource group name can't contain '/'");
        }
        if (args.ScoringStrategy is not { } s) return args;
        if (!StrategyTypes.Contains(s.Type))
            Fail("scoringStrategy.type", $"Unsupported value: \"{s.Type}\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"");
        Resources("scoringStrategy.resources", s.Resources);
        if (s.Type == "RequestedToCapacityRatio")
        {
            var shape = s.RequestedToCapacityRatio?.Shape;
            if (shape is not { Count: > 0 }) Fail("scoringStrategy.requestedToCapacityRatio.shape", "Required value: at least one point must be specified");
            for (var i = 0; i < shape!.Count; i++)
            {
                var p = shape[i];
                if (p.Utilization is < 0 or > 100) Fail($"scoringStrategy.requestedToCapacityRatio.shape[{i}].utilization", $"Invalid value: {p.Utilization}: not in valid range [0, 100]");
                if (p.Score is < 0 or > 10) Fail($"scoringStrategy.requestedToCapacityRatio.shape[{i}].score", $"Invalid value: {p.Score}: not in valid range [0, 10]");
                if (i > 0 && p.Utilization <= shape[i - 1].Utilization)
                    Fail($"scoringStrategy.requestedToCapacityRatio.shape[{i}].utilization", $"Invalid value: {p.Utilization}: utilization values must be sorted in increasing order");
            }
        }
        return args;
    }

    public static NodeResourcesBalancedAllocationArgs Validate(NodeResourcesBalancedAllocationArgs args)
    {
        Resources("resources", args.Resources);
        return args;
    }

    public static InterPodAffinityArgs Validate(InterPodAffinityArgs args)
    {
        if (args.HardPodAffinityWeight is < 0 or > 100)
            Fail("hardPodAffinityWeight", $"Invalid value: {args.HardPodAffinityWeight}: not in valid range [0, 100]");
        return args;
    }

    public static PodTopologySpreadArgs Validate(PodTopologySpreadArgs args)
    {
        if (args.DefaultingType is not (null or "System" or "List"))
            Fail("defaultingType", $"Unsupported value: \"{args.DefaultingType}\": supported values: \"List\", \"System\"");
        if (args.DefaultingType is null or "System" && args.DefaultConstraints is { Count: > 0 })
            Fail("defaultConstraints", "Invalid value: when .defaultingType is \"System\", .defaultConstraints must be empty");
        for (var i = 0; i < (args.DefaultConstraints?.Count ?? 0); i++)
        {
            var c = args.DefaultConstraints![i];
            if (c.MaxSkew <= 0) Fail($"defaultConstraints[{i}].maxSkew", $"Invalid value: {c.MaxSkew}: must be greater than zero");
            if (string.IsNullOrEmpty(c.TopologyKey)) Fail($"defaultConstraints[{i}].topologyKey", "Required value: can not be empty");
            if (c.WhenUnsatisfiable is not ("DoNotSchedule" or "ScheduleAnyway"))
                Fail($"defaultConstraints[{i}].whenUnsatisfiable", $"Unsupported value: \"{c.WhenUnsatisfiable}\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
            if (c.LabelSelector is not null) Fail($"defaultConstraints[{i}].labelSelector", "Forbidden: constraint must not define a selector, as they deduced for each pod");
        }
        return args;
    }

    public static NodeAffinityArgs Validate(NodeAffinityArgs args) => args;

    public static DefaultPreemptionArgs Validate(DefaultPreemptionArgs args)
    {
        if (args.MinCandidateNodesPercentage is < 0 or > 100)
            Fail("minCandidateNodesPercentage", $"Invalid value: {args.MinCandidateNodesPercentage}: not in valid range [0, 100]");
        if (args.MinCandidateNodesAbsolute is < 0)
            Fail("minCandidateNodesAbsolute", $"Invalid value: {args.MinCandidateNodesAbsolute}: not in valid range [0, inf)");
        if (args.MinCandidateNodesPercentage == 0 && args.MinCandidateNodesAbsolute == 0)
            Fail("minCandidateNodesPercentage", "Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute");
        return args;
    }

    private static void Resources(string path, List<ResourceSpec>? resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (resources?.Count ?? 0); i++)
        {
            var r = resources![i];
            if (r.Weight is <= 0 or > 100) Fail($"{path}[{i}].weight", $"Invalid value: {r.Weight}: resource weight of {r.Name} not in valid range (0, 100]");
            if (!seen.Add(r.Name)) Fail($"{path}[{i}].name", $"Duplicate value: \"{r.Name}\"");
        }
    }

    private static void Fail(string path, string message) => throw new ArgumentException($"{path}: {message}");
}
