using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Controllers.Tests.Jobs;
using Orca.Sim;

namespace Orca.Controllers.Tests.CronJobs;

/// <summary>CronJobs for tests, and a fake clock brought to the API server's time.</summary>
internal static class CronJobSupport
{
    /// <summary>A CronJob whose jobs run one pod (restartPolicy Never, grace 0).</summary>
    public static Api.Batch.CronJob New(string name, string schedule, Action<Api.Batch.CronJob>? configure = null)
    {
        var cj = new Api.Batch.CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new CronJobSpec
            {
                Schedule = schedule,
                JobTemplate = new JobTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["cron"] = name } },
                    Spec = JobSupport.New(name).Spec,
                },
            },
        };
        configure?.Invoke(cj);
        return cj;
    }

    public static ResourceClient<Api.Batch.CronJob> CronJobs(this ControllerCluster cluster) => cluster.Client.Resource<Api.Batch.CronJob>();

    /// <summary>
    /// Creates the CronJob and moves the fake clock to its creationTimestamp (the API server stamps it with the
    /// wall clock, and start times count from it), so the test's clock starts where the CronJob begins.
    /// </summary>
    public static async Task<Api.Batch.CronJob> CreateCronJobAsync(this ControllerCluster cluster, Api.Batch.CronJob cj)
    {
        var created = await cluster.CronJobs().CreateAsync(cj);
        var behind = created.Metadata.CreationTimestamp!.Value - cluster.Clock.GetUtcNow();
        if (behind > TimeSpan.Zero) cluster.Clock.Advance(behind);
        return created;
    }

    public static Task<Api.Batch.CronJob> GetCronJobAsync(this ControllerCluster cluster, string name) => cluster.CronJobs().GetAsync("default", name);

    /// <summary>Moves the clock to just after the next whole multiple of <paramref name="unit"/> (e.g. the next minute).</summary>
    public static async Task AdvanceToNextAsync(this ControllerCluster cluster, TimeSpan unit)
    {
        var now = cluster.Clock.GetUtcNow();
        var next = new DateTimeOffset(now.UtcTicks - now.UtcTicks % unit.Ticks, TimeSpan.Zero) + unit;
        await cluster.AdvanceAsync(next - now + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    /// <summary>The jobs the CronJob owns.</summary>
    public static async Task<List<Api.Batch.Job>> CronJobsJobsAsync(this ControllerCluster cluster, string name) =>
        [.. (await cluster.Jobs().ListAsync("default")).Items.Where(j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "CronJob" && o.Name == name) == true)];

    public static async Task<List<Api.Batch.Job>> CronJobsJobsWhenAsync(this ControllerCluster cluster, string name, Func<List<Api.Batch.Job>, bool> condition, string what)
    {
        List<Api.Batch.Job> jobs = [];
        await ControllerCluster.EventuallyAsync(async () =>
        {
            jobs = await cluster.CronJobsJobsAsync(name);
            return condition(jobs);
        }, $"jobs of cronjob {name}: {what}");
        return jobs;
    }

    public static async Task<Api.Batch.CronJob> CronJobWhenAsync(this ControllerCluster cluster, string name, Func<Api.Batch.CronJob, bool> condition, string what)
    {
        Api.Batch.CronJob? last = null;
        await ControllerCluster.EventuallyAsync(async () =>
        {
            last = await cluster.GetCronJobAsync(name);
            return condition(last);
        }, $"cronjob {name}: {what}");
        return last!;
    }

    /// <summary>The cronjob and job controllers, the scheduler, and one hollow node whose pods run for <paramref name="runTime"/>.</summary>
    public static async Task<ControllerCluster> StartAsync(TimeSpan? runTime)
    {
        var cluster = await ControllerCluster.StartAsync(["cronjob", "job"], scheduler: true);
        try
        {
            await cluster.StartNodesAsync(new HollowOptions { Nodes = 1, NamePrefix = "cn-", PodRunTime = runTime, MaxPods = 250 });
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static Task SetSuspendAsync(this ControllerCluster cluster, string name, bool suspend) =>
        cluster.CronJobs().PatchAsync("default", name, PatchType.Merge, $"{{\"spec\":{{\"suspend\":{(suspend ? "true" : "false")}}}}}");

    public static int Minutes(DateTimeOffset t) => (int)(t.ToUnixTimeSeconds() / 60);
}
