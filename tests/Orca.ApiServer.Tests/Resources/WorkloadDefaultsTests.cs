using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Scheduling;
using Orca.Api.Storage;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources.Batch;
using Orca.ApiServer.Resources.Scheduling;
using Orca.ApiServer.Resources.Volumes;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Tests.Resources;

/// <summary>The defaults Kubernetes' defaulters give new workload and storage objects, as the strategies fill them.</summary>
public sealed class WorkloadDefaultsTests
{
    internal static PodTemplateSpec Template(string app = "web") => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox:1.36" }] },
    };

    private static T Create<T>(IResourceStrategy strategy, T obj) where T : IKubeObject
    {
        obj.Metadata.Name ??= "x";
        obj.Metadata.Uid ??= "uid-1";
        strategy.PrepareForCreate(obj);
        strategy.Default(obj);
        return obj;
    }

    [Fact]
    public void Deployment_gets_one_replica_rolling_update_25_percent_history_10_deadline_600()
    {
        var d = Create(DeploymentResourceStrategy.Instance, new Deployment { Spec = { Template = Template() } });
        Assert.Equal(1, d.Spec.Replicas);
        Assert.Equal("RollingUpdate", d.Spec.Strategy!.Type);
        Assert.Equal(("25%", "25%"), (d.Spec.Strategy.RollingUpdate!.MaxUnavailable!.Value.StringValue, d.Spec.Strategy.RollingUpdate.MaxSurge!.Value.StringValue));
        Assert.Equal((10, 600), (d.Spec.RevisionHistoryLimit, d.Spec.ProgressDeadlineSeconds));
        var pod = d.Spec.Template.Spec!;
        Assert.Equal(("Always", "ClusterFirst", "default-scheduler", 30L), (pod.RestartPolicy, pod.DNSPolicy, pod.SchedulerName, pod.TerminationGracePeriodSeconds));
        Assert.Equal(("IfNotPresent", "/dev/termination-log", "File"),
            (pod.Containers[0].ImagePullPolicy, pod.Containers[0].TerminationMessagePath, pod.Containers[0].TerminationMessagePolicy));
    }

    [Fact]
    public void Templates_get_pod_spec_defaults_but_no_admission_defaults()
    {
        var d = Create(DeploymentResourceStrategy.Instance, new Deployment { Spec = { Template = Template() } });
        var pod = d.Spec.Template.Spec!;
        Assert.Null(pod.ServiceAccountName);
        Assert.Null(pod.Tolerations);
        Assert.Null(pod.Priority);
        Assert.Null(pod.EnableServiceLinks);
    }

    [Fact]
    public void Recreate_deployments_get_no_rolling_update_parameters()
    {
        var d = Create(DeploymentResourceStrategy.Instance, new Deployment { Spec = { Template = Template(), Strategy = new() { Type = "Recreate" } } });
        Assert.Null(d.Spec.Strategy!.RollingUpdate);
    }

    [Fact]
    public void StatefulSet_defaults_and_claim_template_defaults()
    {
        var ss = new StatefulSet { Spec = { Template = Template(), VolumeClaimTemplates = [new PersistentVolumeClaim { Metadata = { Name = "data" } }] } };
        Create(StatefulSetStrategy.Instance, ss);
        Assert.Equal(("OrderedReady", "RollingUpdate", 0), (ss.Spec.PodManagementPolicy, ss.Spec.UpdateStrategy!.Type, ss.Spec.UpdateStrategy.RollingUpdate!.Partition));
        Assert.Equal(("Retain", "Retain"), (ss.Spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted, ss.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled));
        Assert.Equal((1, 10), (ss.Spec.Replicas, ss.Spec.RevisionHistoryLimit));
        var claim = ss.Spec.VolumeClaimTemplates![0];
        Assert.Equal(("v1", "PersistentVolumeClaim", "Filesystem", "Pending"), (claim.ApiVersion, claim.Kind, claim.Spec.VolumeMode, claim.Status.Phase));
    }

    [Fact]
    public void DaemonSet_defaults_and_template_generation_annotation()
    {
        var ds = Create(DaemonSetStrategy.Instance, new DaemonSet { Spec = { Template = Template() } });
        var rolling = ds.Spec.UpdateStrategy!.RollingUpdate!;
        Assert.Equal(("RollingUpdate", 1, 0, 10), (ds.Spec.UpdateStrategy.Type, rolling.MaxUnavailable!.Value.IntValue, rolling.MaxSurge!.Value.IntValue, ds.Spec.RevisionHistoryLimit));
        Assert.Equal("1", ds.Metadata.Annotations![DaemonSetStrategy.TemplateGenerationAnnotation]);

        var changed = Orca.Api.Json.ApiJson.Clone(ds);
        changed.Spec.Template.Spec!.Containers[0].Image = "busybox:1.37";
        DaemonSetStrategy.Instance.PrepareForUpdate(changed, ds);
        Assert.Equal("2", changed.Metadata.Annotations![DaemonSetStrategy.TemplateGenerationAnnotation]);
        var relabeled = Orca.Api.Json.ApiJson.Clone(changed);
        relabeled.Metadata.Labels = new() { ["x"] = "y" };
        DaemonSetStrategy.Instance.PrepareForUpdate(relabeled, changed);
        Assert.Equal("2", relabeled.Metadata.Annotations![DaemonSetStrategy.TemplateGenerationAnnotation]);
    }

    [Fact]
    public void ReplicaSet_and_ReplicationController_default_one_replica_and_the_rc_selector_from_template_labels()
    {
        Assert.Equal(1, Create(ReplicaSetStrategy.Instance, new ReplicaSet { Spec = { Template = Template() } }).Spec.Replicas);
        var rc = Create(ReplicationControllerStrategy.Instance, new ReplicationController { Spec = { Template = Template("legacy") } });
        Assert.Equal(1, rc.Spec.Replicas);
        Assert.Equal("legacy", rc.Spec.Selector!["app"]);
        Assert.Equal("legacy", rc.Metadata.Labels!["app"]);
    }

    [Fact]
    public void Job_defaults_and_generated_selector_on_the_uid()
    {
        var job = new Job { Metadata = { Name = "pi", Uid = "u-42" }, Spec = { Template = Template() } };
        job.Spec.Template.Spec!.RestartPolicy = "Never";
        Create(JobStrategy.Instance, job);
        Assert.Equal((1, 1, 6, "NonIndexed", false), (job.Spec.Completions, job.Spec.Parallelism, job.Spec.BackoffLimit, job.Spec.CompletionMode, job.Spec.Suspend));
        Assert.Equal("TerminatingOrFailed", job.Spec.PodReplacementPolicy);
        Assert.Equal(new Dictionary<string, string> { ["batch.kubernetes.io/controller-uid"] = "u-42" }, job.Spec.Selector!.MatchLabels);
        var labels = job.Spec.Template.Metadata!.Labels!;
        Assert.Equal(("u-42", "u-42", "pi", "pi", "web"),
            (labels["batch.kubernetes.io/controller-uid"], labels["controller-uid"], labels["batch.kubernetes.io/job-name"], labels["job-name"], labels["app"]));
        Assert.Equal(labels, job.Metadata.Labels);
        Assert.Empty(JobStrategy.Instance.Validate(job));
    }

    [Fact]
    public void Job_with_only_parallelism_keeps_completions_unset_and_manual_selectors_are_left_alone()
    {
        var job = new Job { Spec = { Parallelism = 3, ManualSelector = true, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } }, Template = Template() } };
        Create(JobStrategy.Instance, job);
        Assert.Null(job.Spec.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, job.Spec.Selector!.MatchLabels);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, job.Spec.Template.Metadata!.Labels);
        var perIndex = Create(JobStrategy.Instance, new Job { Spec = { BackoffLimitPerIndex = 1, Template = Template() } });
        Assert.Equal(int.MaxValue, perIndex.Spec.BackoffLimit);
    }

    [Fact]
    public void Pod_failure_policy_conditions_default_to_True_and_replacement_to_Failed()
    {
        var job = new Job { Spec = { Template = Template(), PodFailurePolicy = new() { Rules = [new() { Action = "Ignore", OnPodConditions = [new() { Type = "DisruptionTarget" }] }] } } };
        Create(JobStrategy.Instance, job);
        Assert.Equal("True", job.Spec.PodFailurePolicy!.Rules[0].OnPodConditions![0].Status);
        Assert.Equal("Failed", job.Spec.PodReplacementPolicy);
    }

    [Fact]
    public void CronJob_defaults_allow_not_suspended_history_3_and_1_and_leaves_the_job_spec_alone()
    {
        var cj = Create(CronJobStrategy.Instance, new CronJob { Spec = { Schedule = "@hourly", JobTemplate = new() { Spec = new() { Template = Template() } } } });
        Assert.Equal(("Allow", false, 3, 1), (cj.Spec.ConcurrencyPolicy, cj.Spec.Suspend, cj.Spec.SuccessfulJobsHistoryLimit, cj.Spec.FailedJobsHistoryLimit));
        Assert.Null(cj.Spec.JobTemplate.Spec!.BackoffLimit);
        Assert.Equal("Always", cj.Spec.JobTemplate.Spec.Template.Spec!.RestartPolicy);
    }

    [Fact]
    public void Storage_defaults()
    {
        var pv = Create(PersistentVolumeStrategy.Instance, new PersistentVolume());
        Assert.Equal(("Pending", "Retain", "Filesystem"), (pv.Status.Phase, pv.Spec.PersistentVolumeReclaimPolicy, pv.Spec.VolumeMode));
        var pvc = Create(PersistentVolumeClaimStrategy.Instance, new PersistentVolumeClaim { Status = { Phase = "Bound" } });
        Assert.Equal(("Pending", "Filesystem"), (pvc.Status.Phase, pvc.Spec.VolumeMode));
        var sc = Create(StorageClassStrategy.Instance, new StorageClass { Provisioner = "p" });
        Assert.Equal(("Delete", "Immediate"), (sc.ReclaimPolicy, sc.VolumeBindingMode));
        var pc = Create(PriorityClassStrategy.Instance, new PriorityClass { Value = 5 });
        Assert.Equal("PreemptLowerPriority", pc.PreemptionPolicy);
    }

    [Fact]
    public void Create_clears_client_status_and_update_keeps_the_stored_status()
    {
        var d = Create(DeploymentResourceStrategy.Instance, new Deployment { Spec = { Template = Template() }, Status = { Replicas = 9 } });
        Assert.Null(d.Status.Replicas);
        var stored = Orca.Api.Json.ApiJson.Clone(d);
        stored.Status.Replicas = 3;
        var update = Orca.Api.Json.ApiJson.Clone(d);
        update.Status.Replicas = 7;
        DeploymentResourceStrategy.Instance.PrepareForUpdate(update, stored);
        Assert.Equal(3, update.Status.Replicas);
    }
}
