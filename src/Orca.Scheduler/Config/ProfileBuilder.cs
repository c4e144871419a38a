using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins;

namespace Orca.Scheduler.Config;

/// <summary>
/// Turns a profile of the configuration into a <see cref="SchedulingFramework"/>: merges the profile's
/// plugin sets with the defaults as Kubernetes does (a custom enabled plugin that is also a default keeps
/// the default's position; "*" disables every default of a point), expands multiPoint onto every
/// extension point each plugin implements, builds each plugin once with its pluginConfig args, and
/// orders each point: plugins named both at the point and in multiPoint, then the other multiPoint
/// plugins, then the rest named at the point.
/// </summary>
internal static class ProfileBuilder
{
    private enum Point { PreEnqueue, QueueSort, PreFilter, Filter, PostFilter, PreScore, Score, Reserve, Permit, PreBind, Bind, PostBind }

    public static SchedulingFramework Build(KubeSchedulerProfile profile, FrameworkHandle handle, IReadOnlyDictionary<string, PluginFactory>? registry = null)
    {
        registry ??= Registry.InTree;
        var plugins = profile.Plugins ?? new PluginsConfig();
        var multiPoint = Merge(new PluginSetConfig { Enabled = [.. Registry.DefaultMultiPoint] }, plugins.MultiPoint);
        var args = (profile.PluginConfig ?? []).GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Last().Args, StringComparer.Ordinal);
        var instances = new Dictionary<string, IPlugin>(StringComparer.Ordinal);
        IPlugin Instance(string name)
        {
            if (instances.TryGetValue(name, out var p)) return p;
            if (!registry.TryGetValue(name, out var factory)) throw new ArgumentException($"plugin \"{name}\" is not registered");
            try
            {
                return instances[name] = factory(args.GetValueOrDefault(name), handle);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"profile \"{handle.SchedulerName}\": pluginConfig \"{name}\": {e.Message}", e);
            }
        }

        List<(IPlugin Plugin, int Weight)> Resolve(Point point, PluginSetConfig? custom, Func<IPlugin, bool> implements)
        {
            var merged = Merge(new PluginSetConfig(), custom);
            var explicitNames = (merged.Enabled ?? []).Select(p => p.Name).ToList();
            var disabled = new HashSet<string>((merged.Disabled ?? []).Select(p => p.Name), StringComparer.Ordinal);
            var result = new List<(IPlugin, int)>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            var fromMulti = (multiPoint.Enabled ?? []).Where(p => !disabled.Contains("*") && !disabled.Contains(p.Name)).ToList();
            void Add(PluginRef r)
            {
                if (!used.Add(r.Name)) return;
                var plugin = Instance(r.Name);
                if (!implements(plugin))
                {
                    if (explicitNames.Contains(r.Name)) throw new ArgumentException($"plugin \"{r.Name}\" does not extend {point} plugin");
                    return;
                }
                result.Add((plugin, r.Weight is > 0 ? r.Weight.Value : 1));
            }
            foreach (var r in merged.Enabled ?? []) if (fromMulti.Any(m => m.Name == r.Name)) Add(r);
            foreach (var r in fromMulti) Add(r);
            foreach (var r in merged.Enabled ?? []) Add(r);
            return result;
        }

        List<T> At<T>(Point point, PluginSetConfig? custom) => Resolve(point, custom, p => p is T).Select(x => (T)x.Plugin).ToList();
        var queueSort = At<IQueueSortPlugin>(Point.QueueSort, plugins.QueueSort);
        if (queueSort.Count != 1) throw new ArgumentException($"profile \"{handle.SchedulerName}\": exactly one queue sort plugin must be enabled, found {queueSort.Count}");
        var set = new PluginSet
        {
            QueueSort = queueSort[0],
            PreEnqueue = At<IPreEnqueuePlugin>(Point.PreEnqueue, plugins.PreEnqueue),
            PreFilter = At<IPreFilterPlugin>(Point.PreFilter, plugins.PreFilter),
            Filter = At<IFilterPlugin>(Point.Filter, plugins.Filter),
            PostFilter = At<IPostFilterPlugin>(Point.PostFilter, plugins.PostFilter),
            PreScore = At<IPreScorePlugin>(Point.PreScore, plugins.PreScore),
            Score = Resolve(Point.Score, plugins.Score, p => p is IScorePlugin).Select(x => new WeightedScorePlugin((IScorePlugin)x.Plugin, x.Weight)).ToList(),
            Reserve = At<IReservePlugin>(Point.Reserve, plugins.Reserve),
            Permit = At<IPermitPlugin>(Point.Permit, plugins.Permit),
            PreBind = At<IPreBindPlugin>(Point.PreBind, plugins.PreBind),
            Bind = At<IBindPlugin>(Point.Bind, plugins.Bind),
            PostBind = At<IPostBindPlugin>(Point.PostBind, plugins.PostBind),
        };
        foreach (var name in args.Keys.Where(n => !instances.ContainsKey(n)))
            throw new ArgumentException($"profile \"{handle.SchedulerName}\": pluginConfig for plugin \"{name}\", which is not enabled");
        return new SchedulingFramework(handle, set, profile.PercentageOfNodesToScore);
    }

    /// <summary>
    /// Kubernetes' mergePluginSet: defaults not disabled (all, with "*") stay in order, replaced in place by a
    /// custom entry of the same name; other custom entries follow.
    /// </summary>
    private static PluginSetConfig Merge(PluginSetConfig defaults, PluginSetConfig? custom)
    {
        if (custom is null) return defaults;
        var disabled = new HashSet<string>((custom.Disabled ?? []).Select(p => p.Name), StringComparer.Ordinal);
        var customEnabled = custom.Enabled ?? [];
        var replaced = new HashSet<int>();
        var enabled = new List<PluginRef>();
        if (!disabled.Contains("*"))
        {
            foreach (var d in defaults.Enabled ?? [])
            {
                if (disabled.Contains(d.Name)) continue;
                var i = customEnabled.FindIndex(c => c.Name == d.Name);
                if (i >= 0) replaced.Add(i);
                enabled.Add(i >= 0 ? customEnabled[i] : d);
            }
        }
        enabled.AddRange(customEnabled.Where((_, i) => !replaced.Contains(i)));
        return new PluginSetConfig { Enabled = enabled, Disabled = custom.Disabled };
    }

    /// <summary>Fails on plugin names the registry does not know (checked when the file is loaded).</summary>
    public static void CheckPluginNames(KubeSchedulerProfile profile, string path)
    {
        var p = profile.Plugins;
        if (p is null) return;
        var sets = new[] { p.PreEnqueue, p.QueueSort, p.PreFilter, p.Filter, p.PostFilter, p.PreScore, p.Score, p.Reserve, p.Permit, p.PreBind, p.Bind, p.PostBind, p.MultiPoint };
        foreach (var r in sets.Where(s => s is not null).SelectMany(s => s!.Enabled ?? []))
        {
            if (!Registry.InTree.ContainsKey(r.Name)) throw new ArgumentException($"{path}.plugins: plugin \"{r.Name}\" is not registered");
        }
    }
}
