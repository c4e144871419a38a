namespace Orca.Scheduler.Framework;

/// <summary>A score plugin with the weight its normalized score is multiplied by.</summary>
internal sealed record WeightedScorePlugin(IScorePlugin Plugin, int Weight);

/// <summary>
/// The plugins of one profile per extension point, in the order they run. Built from the
/// configuration by <see cref="Config.ProfileBuilder"/> (or directly by tests).
/// </summary>
internal sealed record PluginSet
{
    public IQueueSortPlugin? QueueSort { get; init; }
    public IReadOnlyList<IPreEnqueuePlugin> PreEnqueue { get; init; } = [];
    public IReadOnlyList<IPreFilterPlugin> PreFilter { get; init; } = [];
    public IReadOnlyList<IFilterPlugin> Filter { get; init; } = [];
    public IReadOnlyList<IPostFilterPlugin> PostFilter { get; init; } = [];
    public IReadOnlyList<IPreScorePlugin> PreScore { get; init; } = [];
    public IReadOnlyList<WeightedScorePlugin> Score { get; init; } = [];
    public IReadOnlyList<IReservePlugin> Reserve { get; init; } = [];
    public IReadOnlyList<IPermitPlugin> Permit { get; init; } = [];
    public IReadOnlyList<IPreBindPlugin> PreBind { get; init; } = [];
    public IReadOnlyList<IBindPlugin> Bind { get; init; } = [];
    public IReadOnlyList<IPostBindPlugin> PostBind { get; init; } = [];

    /// <summary>Every distinct plugin instance of the set.</summary>
    public IEnumerable<IPlugin> All =>
        new IEnumerable<IPlugin>[]
        {
            QueueSort is null ? [] : [QueueSort], PreEnqueue, PreFilter, Filter, PostFilter, PreScore,
            Score.Select(s => s.Plugin), Reserve, Permit, PreBind, Bind, PostBind,
        }.SelectMany(x => x).Distinct();
}
