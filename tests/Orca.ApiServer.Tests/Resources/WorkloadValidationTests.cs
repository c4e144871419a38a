using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Scheduling;
using Orca.Api.Storage;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources.Batch;
using Orca.ApiServer.Resources.Policy;
using Orca.ApiServer.Resources.Scheduling;
using Orca.ApiServer.Resources.Volumes;
using Orca.ApiServer.Resources.Workloads;
using static Orca.ApiServer.Tests.Resources.WorkloadDefaultsTests;

namespace Orca.ApiServer.Tests.Resources;

/// <summary>Validation messages of the workload and storage kinds, word for word as the Kubernetes API server writes them.</summary>
public sealed class WorkloadValidationTests
{
    private static LabelSelector Select(string app) => new() { MatchLabels = new() { ["app"] = app } };

    private static string[] Errors<T>(IResourceStrategy strategy, T obj) where T : IKubeObject
    {
        obj.Metadata.Name ??= "x";
        obj.Metadata.Uid ??= "uid-1";
        strategy.PrepareForCreate(obj);
        strategy.Default(obj);
        return strategy.Validate(obj).Select(e => e.ToString()).ToArray();
    }

    private static string[] UpdateErrors<T>(IResourceStrategy strategy, T old, Action<T> change) where T : class, IKubeObject
    {
        old.Metadata.Name ??= "x";
        old.Metadata.Uid ??= "uid-1";
        strategy.PrepareForCreate(old);
        strategy.Default(old);
        var updated = ApiJson.Clone(old);
        change(updated);
        strategy.PrepareForUpdate(updated, old);
        strategy.Default(updated);
        return strategy.ValidateUpdate(updated, old).Select(e => e.ToString()).ToArray();
    }

    private static Deployment Deployment(string selectorApp = "web", string templateApp = "web") =>
        new() { Spec = { Selector = Select(selectorApp), Template = Template(templateApp) } };

    [Fact]
    public void A_valid_deployment_has_no_errors() => Assert.Empty(Errors(DeploymentResourceStrategy.Instance, Deployment()));

    [Fact]
    public void Deployment_selector_must_match_the_template_labels()
    {
        Assert.Equal(["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`"],
            Errors(DeploymentResourceStrategy.Instance, Deployment("web", "db")));
    }

    [Fact]
    public void Deployment_counts_strategy_and_deadline_rules()
    {
        var d = Deployment();
        d.Spec.Replicas = -1;
        d.Spec.Strategy = new() { RollingUpdate = new() { MaxSurge = IntOrString.FromInt(0), MaxUnavailable = IntOrString.FromString("150%") } };
        d.Spec.MinReadySeconds = 700;
        Assert.Equal(
        [
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%",
            "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
        ], Errors(DeploymentResourceStrategy.Instance, d));
        var zero = Deployment();
        zero.Spec.Strategy = new() { RollingUpdate = new() { MaxSurge = IntOrString.FromString("0%"), MaxUnavailable = IntOrString.FromInt(0) } };
        Assert.Equal(["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"],
            Errors(DeploymentResourceStrategy.Instance, zero));
        var recreate = Deployment();
        recreate.Spec.Strategy = new() { Type = "Recreate", RollingUpdate = new() };
        Assert.Equal(["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"], Errors(DeploymentResourceStrategy.Instance, recreate));
        var unknown = Deployment();
        unknown.Spec.Strategy = new() { Type = "BlueGreen" };
        Assert.Equal(["spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\""], Errors(DeploymentResourceStrategy.Instance, unknown));
    }

    [Fact]
    public void Deployment_needs_a_non_empty_selector_and_an_always_restarting_template()
    {
        var none = Deployment();
        none.Spec.Selector = null;
        Assert.Equal(["spec.selector: Required value"], Errors(DeploymentResourceStrategy.Instance, none));
        var empty = Deployment();
        empty.Spec.Selector = new LabelSelector();
        Assert.Equal(["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"],
            Errors(DeploymentResourceStrategy.Instance, empty));
        var never = Deployment();
        never.Spec.Template.Spec!.RestartPolicy = "Never";
        never.Spec.Template.Spec.ActiveDeadlineSeconds = 5;
        Assert.Equal(
        [
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
        ], Errors(DeploymentResourceStrategy.Instance, never));
        var noImage = Deployment();
        noImage.Spec.Template.Spec!.Containers[0].Image = "";
        Assert.Equal(["spec.template.spec.containers[0].image: Required value"], Errors(DeploymentResourceStrategy.Instance, noImage));
    }

    [Fact]
    public void Deployment_selector_is_immutable()
    {
        var errors = UpdateErrors(DeploymentResourceStrategy.Instance, Deployment(), d =>
        {
            d.Spec.Selector = Select("web2");
            d.Spec.Template.Metadata!.Labels!["app"] = "web2";
        });
        Assert.Equal(["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"], errors);
        Assert.Empty(UpdateErrors(DeploymentResourceStrategy.Instance, Deployment(), d => d.Spec.Replicas = 7));
    }

    [Fact]
    public void ReplicaSet_says_deployment_in_its_empty_selector_message_as_kubernetes_does()
    {
        var rs = new ReplicaSet { Spec = { Selector = new LabelSelector { MatchExpressions = [] }, Template = Template() } };
        Assert.Contains("empty selector is invalid for deployment", Assert.Single(Errors(ReplicaSetStrategy.Instance, rs)));
    }

    [Fact]
    public void StatefulSet_spec_is_immutable_but_for_the_listed_fields()
    {
        StatefulSet Set() => new() { Spec = { Selector = Select("db"), Template = Template("db"), ServiceName = "db" } };
        Assert.Empty(UpdateErrors(StatefulSetStrategy.Instance, Set(), s =>
        {
            s.Spec.Replicas = 5;
            s.Spec.Template.Spec!.Containers[0].Image = "busybox:1.37";
            s.Spec.UpdateStrategy = new() { Type = "OnDelete" };
            s.Spec.MinReadySeconds = 3;
        }));
        Assert.Equal(["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"],
            UpdateErrors(StatefulSetStrategy.Instance, Set(), s => s.Spec.ServiceName = "other"));
        var bad = Set();
        bad.Spec.PodManagementPolicy = "Random";
        Assert.Equal(["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"], Errors(StatefulSetStrategy.Instance, bad));
    }

    [Fact]
    public void StatefulSet_claim_templates_need_access_modes_and_storage()
    {
        var ss = new StatefulSet { Spec = { Selector = Select("db"), Template = Template("db"), VolumeClaimTemplates = [new() { Metadata = { Name = "data" } }] } };
        Assert.Equal(
        [
            "spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required",
            "spec.volumeClaimTemplates[0].spec.resources[storage]: Required value",
        ], Errors(StatefulSetStrategy.Instance, ss));
    }

    [Fact]
    public void DaemonSet_rolling_updates_take_exactly_one_of_surge_and_unavailable()
    {
        DaemonSet Set(IntOrString unavailable, IntOrString surge) => new()
        {
            Spec = { Selector = Select("agent"), Template = Template("agent"), UpdateStrategy = new() { RollingUpdate = new() { MaxUnavailable = unavailable, MaxSurge = surge } } },
        };
        Assert.Equal(["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"],
            Errors(DaemonSetStrategy.Instance, Set(IntOrString.FromInt(0), IntOrString.FromString("0%"))));
        Assert.Equal(["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:\"\"}: may not be set when maxUnavailable is non-zero"],
            Errors(DaemonSetStrategy.Instance, Set(IntOrString.FromInt(1), IntOrString.FromInt(1))));
        Assert.Empty(Errors(DaemonSetStrategy.Instance, Set(IntOrString.FromInt(0), IntOrString.FromString("10%"))));
    }

    [Fact]
    public void ReplicationController_needs_a_selector_matching_its_template()
    {
        var rc = new ReplicationController { Spec = { Selector = new() { ["app"] = "other" }, Template = Template("legacy") } };
        Assert.Equal(["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"legacy\"}: `selector` does not match template `labels`"],
            Errors(ReplicationControllerStrategy.Instance, rc));
        Assert.Equal(["spec.selector: Required value", "spec.template: Required value"], Errors(ReplicationControllerStrategy.Instance, new ReplicationController()));
    }

    [Fact]
    public void Job_template_must_not_restart_always_and_indexed_jobs_need_completions()
    {
        var job = new Job { Spec = { Template = Template() } };
        Assert.Equal(["spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""], Errors(JobStrategy.Instance, job));
        var indexed = new Job { Spec = { Parallelism = 2, CompletionMode = "Indexed", Template = Template() } };
        indexed.Spec.Template.Spec!.RestartPolicy = "Never";
        Assert.Equal(["spec.completions: Required value: when completion mode is Indexed"], Errors(JobStrategy.Instance, indexed));
    }

    [Fact]
    public void Job_selector_must_be_the_generated_one_unless_manual()
    {
        var job = new Job { Metadata = { Uid = "u-1" }, Spec = { Selector = Select("web"), Template = Template() } };
        job.Spec.Template.Spec!.RestartPolicy = "OnFailure";
        Assert.Equal(["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"batch.kubernetes.io/controller-uid\":\"u-1\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated"],
            Errors(JobStrategy.Instance, job));
        var manual = new Job { Spec = { ManualSelector = true, Template = Template() } };
        manual.Spec.Template.Spec!.RestartPolicy = "Never";
        Assert.Equal(["spec.selector: Required value"], Errors(JobStrategy.Instance, manual));
    }

    [Fact]
    public void Job_template_and_completions_are_immutable_but_parallelism_is_not()
    {
        Job Job()
        {
            var job = new Job { Metadata = { Name = "pi" }, Spec = { Template = Template() } };
            job.Spec.Template.Spec!.RestartPolicy = "Never";
            return job;
        }
        Assert.Empty(UpdateErrors(JobStrategy.Instance, Job(), j => { j.Spec.Parallelism = 4; j.Spec.Suspend = true; }));
        Assert.Equal(["spec.completions: Invalid value: 3: field is immutable"], UpdateErrors(JobStrategy.Instance, Job(), j => j.Spec.Completions = 3));
        var image = UpdateErrors(JobStrategy.Instance, Job(), j => j.Spec.Template.Spec!.Containers[0].Image = "busybox:2");
        Assert.Equal("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable", Assert.Single(image));
    }

    [Fact]
    public void Suspended_jobs_may_change_their_scheduling_directives()
    {
        var job = new Job { Spec = { Suspend = true, Template = Template() } };
        job.Spec.Template.Spec!.RestartPolicy = "Never";
        Assert.Empty(UpdateErrors(JobStrategy.Instance, job, j => j.Spec.Template.Spec!.NodeSelector = new() { ["zone"] = "a" }));
    }

    [Theory]
    [InlineData("*/5 * * * *", null)]
    [InlineData("@hourly", null)]
    [InlineData("0 9 * jan-mar MON-fri", null)]
    [InlineData("@every 1h30m", null)]
    [InlineData("* * *", "spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]")]
    [InlineData("61 * * * *", "spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61")]
    [InlineData("*/0 * * * *", "spec.schedule: Invalid value: \"*/0 * * * *\": step of range should be a positive number: */0")]
    [InlineData("x * * * *", "spec.schedule: Invalid value: \"x * * * *\": failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("5-2 * * * *", "spec.schedule: Invalid value: \"5-2 * * * *\": beginning of range (5) beyond end of range (2): 5-2")]
    [InlineData("@fortnightly", "spec.schedule: Invalid value: \"@fortnightly\": unrecognized descriptor: @fortnightly")]
    [InlineData("", "spec.schedule: Required value")]
    public void CronJob_schedules_are_checked_like_kubernetes(string schedule, string? error)
    {
        var cj = new CronJob { Metadata = { Name = "c" }, Spec = { Schedule = schedule, JobTemplate = new() { Spec = new() { Template = Template() } } } };
        cj.Spec.JobTemplate.Spec!.Template.Spec!.RestartPolicy = "OnFailure";
        Assert.Equal(error is null ? [] : [error], Errors(CronJobStrategy.Instance, cj));
    }

    [Fact]
    public void CronJob_time_zone_policy_and_name_length()
    {
        var cj = new CronJob
        {
            Metadata = { Name = new string('c', 53) },
            Spec = { Schedule = "@daily", TimeZone = "Mars/Olympus", ConcurrencyPolicy = "Sometimes", JobTemplate = new() { Spec = new() { Template = Template() } } },
        };
        cj.Spec.JobTemplate.Spec!.Template.Spec!.RestartPolicy = "Never";
        Assert.Equal(
        [
            $"metadata.name: Invalid value: \"{new string('c', 53)}\": must be no more than 52 characters",
            "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus",
            "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
        ], Errors(CronJobStrategy.Instance, cj));
    }

    [Fact]
    public void PodDisruptionBudget_takes_one_bound_as_number_or_percentage()
    {
        var both = new PodDisruptionBudget { Spec = { MinAvailable = IntOrString.FromInt(1), MaxUnavailable = IntOrString.FromString("5x") } };
        Assert.Equal(
        [
            "spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set",
            "spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"5x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ], Errors(PodDisruptionBudgetStrategy.Instance, both));
        Assert.Empty(Errors(PodDisruptionBudgetStrategy.Instance, new PodDisruptionBudget { Spec = { MaxUnavailable = IntOrString.FromString("20%") } }));
    }

    [Fact]
    public void PriorityClass_reserves_system_names_and_high_values_and_freezes_the_value()
    {
        Assert.Equal(["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"],
            Errors(PriorityClassStrategy.Instance, new PriorityClass { Metadata = { Name = "huge" }, Value = 1_000_000_001 }));
        Assert.Equal(["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-x is not a known system priority class"],
            Errors(PriorityClassStrategy.Instance, new PriorityClass { Metadata = { Name = "system-x" }, Value = 1 }));
        Assert.Equal(["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"],
            Errors(PriorityClassStrategy.Instance, new PriorityClass { Metadata = { Name = "system-node-critical" }, Value = 1 }));
        Assert.Empty(Errors(PriorityClassStrategy.Instance, ApiJson.Clone(PriorityClassStrategy.SystemClasses[0])));
        Assert.Equal(["value: Forbidden: may not be changed in an update."],
            UpdateErrors(PriorityClassStrategy.Instance, new PriorityClass { Metadata = { Name = "p" }, Value = 1 }, p => p.Value = 2));
    }

    [Fact]
    public void PersistentVolume_needs_capacity_access_modes_and_exactly_one_source()
    {
        Assert.Equal(["spec.accessModes: Required value", "spec.capacity: Required value", "spec: Required value: must specify a volume type"],
            Errors(PersistentVolumeStrategy.Instance, new PersistentVolume()));
        var two = new PersistentVolume
        {
            Spec = new()
            {
                Capacity = new() { ["storage"] = new Quantity("1Gi") }, AccessModes = ["ReadWriteOnce"],
                HostPath = new HostPathVolumeSource { Path = "/x" }, Local = new LocalVolumeSource { Path = "/y" },
            },
        };
        Assert.Equal(["spec.local: Forbidden: may not specify more than 1 volume type", "spec.nodeAffinity: Required value: Local volume requires node affinity"],
            Errors(PersistentVolumeStrategy.Instance, two));
    }

    [Fact]
    public void PersistentVolumeClaim_spec_is_immutable_except_the_request()
    {
        PersistentVolumeClaim Claim() => new() { Spec = { AccessModes = ["ReadWriteOnce"], Resources = new() { Requests = new() { ["storage"] = new Quantity("1Gi") } } } };
        Assert.Empty(UpdateErrors(PersistentVolumeClaimStrategy.Instance, Claim(), c => c.Spec.Resources!.Requests!["storage"] = new Quantity("2Gi")));
        Assert.Empty(UpdateErrors(PersistentVolumeClaimStrategy.Instance, Claim(), c => c.Spec.VolumeName = "pv-1"));
        Assert.Equal(["spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"],
            UpdateErrors(PersistentVolumeClaimStrategy.Instance, Claim(), c => c.Spec.AccessModes = ["ReadWriteMany"]));
        var zero = Claim();
        zero.Spec.Resources!.Requests!["storage"] = new Quantity("0");
        Assert.Equal(["spec.resources[storage]: Invalid value: \"0\": must be greater than zero"], Errors(PersistentVolumeClaimStrategy.Instance, zero));
    }

    [Fact]
    public void StorageClass_provisioning_fields_are_immutable()
    {
        Assert.Equal(["provisioner: Required value"], Errors(StorageClassStrategy.Instance, new StorageClass()));
        Assert.Equal(["parameters: Forbidden: updates to parameters are forbidden.", "provisioner: Forbidden: updates to provisioner are forbidden."],
            UpdateErrors(StorageClassStrategy.Instance, new StorageClass { Provisioner = "a" }, s => { s.Provisioner = "b"; s.Parameters = new() { ["x"] = "y" }; }));
    }
}
