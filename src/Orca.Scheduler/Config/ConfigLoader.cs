using System.Text.Json;
using Orca.Api.Json;

namespace Orca.Scheduler.Config;

/// <summary>
/// Reads a KubeSchedulerConfiguration (YAML or JSON, kubescheduler.config.k8s.io/v1), fills the defaults
/// Kubernetes fills, and checks it. Any problem throws ArgumentException with a message naming the field.
/// </summary>
internal static class ConfigLoader
{
    public const string ApiVersion = "kubescheduler.config.k8s.io/v1";
    public const string Kind = "KubeSchedulerConfiguration";
    public const string DefaultSchedulerName = "default-scheduler";

    public static KubeSchedulerConfiguration Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"could not read the scheduler configuration {path}: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static KubeSchedulerConfiguration Parse(string text, string source = "configuration")
    {
        KubeSchedulerConfiguration config;
        try
        {
            var json = text.TrimStart().StartsWith('{') ? text : YamlJson.Parse(text)?.ToJsonString() ?? "{}";
            config = ConfigJson.Deserialize<KubeSchedulerConfiguration>(json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new ArgumentException($"{source}: {e.Message}", e);
        }
        if (config.ApiVersion != ApiVersion) throw new ArgumentException($"{source}: apiVersion must be \"{ApiVersion}\", not \"{config.ApiVersion}\"");
        if (config.Kind != Kind) throw new ArgumentException($"{source}: kind must be \"{Kind}\", not \"{config.Kind}\"");
        ApplyDefaults(config);
        Validate(config);
        return config;
    }

    /// <summary>The configuration used without --config: one default-scheduler profile with the default plugins.</summary>
    public static KubeSchedulerConfiguration Default()
    {
        var config = new KubeSchedulerConfiguration { ApiVersion = ApiVersion, Kind = Kind };
        ApplyDefaults(config);
        return config;
    }

    private static void ApplyDefaults(KubeSchedulerConfiguration c)
    {
        c.Parallelism ??= Environment.ProcessorCount;
        c.PercentageOfNodesToScore ??= 0;
        c.PodInitialBackoffSeconds ??= 1;
        c.PodMaxBackoffSeconds ??= 10;
        if (c.Profiles is not { Count: > 0 }) c.Profiles = [new KubeSchedulerProfile()];
        foreach (var p in c.Profiles)
        {
            if (string.IsNullOrEmpty(p.SchedulerName)) p.SchedulerName = DefaultSchedulerName;
        }
        var le = c.LeaderElection ??= new LeaderElectionConfiguration();
        le.LeaderElect ??= true;
        le.LeaseDuration ??= "15s";
        le.RenewDeadline ??= "10s";
        le.RetryPeriod ??= "2s";
        le.ResourceLock ??= "leases";
        le.ResourceNamespace ??= "kube-system";
        le.ResourceName ??= "kube-scheduler";
    }

    private static void Validate(KubeSchedulerConfiguration c)
    {
        if (c.Parallelism <= 0) throw new ArgumentException($"parallelism: Invalid value: {c.Parallelism}: should be an integer value greater than zero");
        if (c.PercentageOfNodesToScore is < 0 or > 100)
            throw new ArgumentException($"percentageOfNodesToScore: Invalid value: {c.PercentageOfNodesToScore}: not in valid range [0-100]");
        if (c.PodInitialBackoffSeconds <= 0) throw new ArgumentException($"podInitialBackoffSeconds: Invalid value: {c.PodInitialBackoffSeconds}: must be greater than 0");
        if (c.PodMaxBackoffSeconds < c.PodInitialBackoffSeconds)
            throw new ArgumentException($"podMaxBackoffSeconds: Invalid value: {c.PodMaxBackoffSeconds}: must be greater than or equal to PodInitialBackoffSeconds");
        if (c.Extenders is { Count: > 0 }) throw new ArgumentException("extenders: Orca does not support scheduler extenders");
        if (c.LeaderElection!.ResourceLock is not "leases") throw new ArgumentException($"leaderElection.resourceLock: Unsupported value: \"{c.LeaderElection.ResourceLock}\": supported values: \"leases\"");
        foreach (var d in new[] { c.LeaderElection.LeaseDuration!, c.LeaderElection.RenewDeadline!, c.LeaderElection.RetryPeriod! })
        {
            try
            {
                GoDuration.Parse(d);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"leaderElection: {e.Message}", e);
            }
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < c.Profiles!.Count; i++)
        {
            var p = c.Profiles[i];
            if (!names.Add(p.SchedulerName!)) throw new ArgumentException($"profiles[{i}].schedulerName: Duplicate value: \"{p.SchedulerName}\"");
            if (p.PercentageOfNodesToScore is < 0 or > 100)
                throw new ArgumentException($"profiles[{i}].percentageOfNodesToScore: Invalid value: {p.PercentageOfNodesToScore}: not in valid range [0-100]");
            ProfileBuilder.CheckPluginNames(p, $"profiles[{i}]");
        }
    }

    /// <summary>The leader election timings of the configuration.</summary>
    public static (TimeSpan Lease, TimeSpan Renew, TimeSpan Retry) LeaderElectionTimings(KubeSchedulerConfiguration c) =>
        (GoDuration.Parse(c.LeaderElection!.LeaseDuration!), GoDuration.Parse(c.LeaderElection.RenewDeadline!), GoDuration.Parse(c.LeaderElection.RetryPeriod!));
}
