using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Sim;

namespace Orca.Controllers.Tests.Jobs;

/// <summary>Jobs for tests and the waits the Job tests share (polling the API with a wall-clock deadline).</summary>
internal static class JobSupport
{
    /// <summary>A job whose pods (restartPolicy Never, grace 0) run one "work" container; <paramref name="configure"/> changes it.</summary>
    public static Api.Batch.Job New(string name, Action<Api.Batch.Job>? configure = null)
    {
        var job = new Api.Batch.Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new JobSpec
            {
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                    Spec = new PodSpec
                    {
                        RestartPolicy = "Never",
                        TerminationGracePeriodSeconds = 0,
                        Containers = [new Container { Name = "work", Image = "busybox" }],
                    },
                },
            },
        };
        configure?.Invoke(job);
        return job;
    }

    /// <summary>Makes the job's pods end Failed with <paramref name="exitCode"/> on hollow nodes.</summary>
    public static void Failing(Api.Batch.Job job, int exitCode = 1) =>
        (job.Spec.Template.Metadata!.Annotations ??= [])["sim.orca.dev/exit-code"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ResourceClient<Api.Batch.Job> Jobs(this ControllerCluster cluster) => cluster.Client.Resource<Api.Batch.Job>();

    public static Task<Api.Batch.Job> CreateJobAsync(this ControllerCluster cluster, Api.Batch.Job job) => cluster.Jobs().CreateAsync(job);

    public static Task<Api.Batch.Job> GetJobAsync(this ControllerCluster cluster, string name) => cluster.Jobs().GetAsync("default", name);

    /// <summary>Polls the job until <paramref name="condition"/> holds; returns that version.</summary>
    public static async Task<Api.Batch.Job> JobWhenAsync(this ControllerCluster cluster, string name, Func<Api.Batch.Job, bool> condition, string what, TimeSpan? within = null)
    {
        Api.Batch.Job? last = null;
        await ControllerCluster.EventuallyAsync(async () =>
        {
            last = await cluster.GetJobAsync(name);
            return condition(last);
        }, $"job {name}: {what}", within);
        return last!;
    }

    /// <summary>The condition of <paramref name="type"/> when its status is True.</summary>
    public static JobCondition? TrueCondition(this Api.Batch.Job job, string type) =>
        job.Status.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True");

    /// <summary>The pods of job <paramref name="name"/> (by its job-name label).</summary>
    public static Task<List<Pod>> JobPodsAsync(this ControllerCluster cluster, string name) =>
        cluster.PodsAsync("default", $"{BatchLabels.JobName}={name}");

    /// <summary>Polls until the job's pods satisfy <paramref name="condition"/>.</summary>
    public static async Task<List<Pod>> JobPodsWhenAsync(this ControllerCluster cluster, string name, Func<List<Pod>, bool> condition, string what)
    {
        List<Pod> pods = [];
        await ControllerCluster.EventuallyAsync(async () =>
        {
            pods = await cluster.JobPodsAsync(name);
            return condition(pods);
        }, $"pods of job {name}: {what}");
        return pods;
    }

    /// <summary>Waits for an event about <paramref name="name"/> with the reason (and message, when given).</summary>
    public static async Task<Event> EventAsync(this ControllerCluster cluster, string name, string reason, string? message = null)
    {
        Event? found = null;
        await ControllerCluster.EventuallyAsync(async () =>
        {
            var events = await cluster.Client.Resource<Event>().ListAsync("default");
            found = events.Items.FirstOrDefault(e => e.InvolvedObject.Name == name && e.Reason == reason && (message is null || e.Message == message));
            return found is not null;
        }, $"event {reason} on {name}");
        return found!;
    }

    public static async Task<List<Event>> EventsAsync(this ControllerCluster cluster, string name, string reason) =>
        [.. (await cluster.Client.Resource<Event>().ListAsync("default")).Items.Where(e => e.InvolvedObject.Name == name && e.Reason == reason)];

    /// <summary>A cluster with the job controller (plus <paramref name="more"/>), the scheduler and one hollow node whose pods run for <paramref name="runTime"/>.</summary>
    public static async Task<ControllerCluster> StartAsync(TimeSpan? runTime, params string[] more)
    {
        var cluster = await ControllerCluster.StartAsync(["job", .. more], scheduler: true);
        try
        {
            await cluster.StartNodesAsync(new HollowOptions { Nodes = 1, NamePrefix = "jn-", PodRunTime = runTime });
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static int InPhase(this List<Pod> pods, string phase) => pods.Count(p => p.Status.Phase == phase);
}
