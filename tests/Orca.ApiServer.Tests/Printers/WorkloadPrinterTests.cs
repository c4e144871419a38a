using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Scheduling;
using Orca.Api.Storage;
using Orca.ApiServer.Registry;
using PrinterSet = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Tests.Printers;

/// <summary>The columns and cells `kubectl get` shows for the workload and storage kinds, as Kubernetes 1.32 prints them.</summary>
public sealed class WorkloadPrinterTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Now;

    private static PodTemplateSpec Template(params (string Name, string Image)[] containers) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [.. containers.Select(c => new Container { Name = c.Name, Image = c.Image })] },
    };

    private static LabelSelector Select(string key, string value) => new() { MatchLabels = new() { [key] = value } };

    [Fact]
    public void Deployment_shows_ready_over_desired_and_wide_containers_images_selector()
    {
        var d = new Deployment
        {
            Metadata = Meta("web"),
            Spec = new DeploymentSpec { Replicas = 3, Selector = Select("app", "web"), Template = Template(("nginx", "nginx:1.27"), ("log", "busybox")) },
            Status = new DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 1 },
        };
        AssertRow(PrinterSet.Deployment, d,
            ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"],
            "web", "2/3", 3L, 1L, "5d", "nginx,log", "nginx:1.27,busybox", "app=web");
        AssertPriorities(PrinterSet.Deployment, 5);
        var fresh = new Deployment { Metadata = Meta("new"), Spec = new DeploymentSpec { Replicas = 1, Selector = Select("app", "web"), Template = Template(("a", "b")) } };
        Assert.Equal("0/1", PrinterSet.Deployment.Cells(fresh, Now)[1]!.GetValue<string>());
    }

    [Fact]
    public void ReplicaSet_and_ReplicationController_show_desired_current_ready()
    {
        var rs = new ReplicaSet
        {
            Metadata = Meta("web-5d4"),
            Spec = new ReplicaSetSpec { Replicas = 2, Selector = Select("app", "web"), Template = Template(("nginx", "nginx")) },
            Status = new ReplicaSetStatus { Replicas = 2, ReadyReplicas = 1 },
        };
        AssertRow(PrinterSet.ReplicaSet, rs, ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"],
            "web-5d4", 2L, 2L, 1L, "5d", "nginx", "nginx", "app=web");
        var rc = new ReplicationController
        {
            Metadata = Meta("legacy"),
            Spec = new ReplicationControllerSpec { Replicas = 3, Selector = new() { ["b"] = "2", ["a"] = "1" }, Template = Template(("c", "busybox")) },
        };
        AssertRow(PrinterSet.ReplicationController, rc, ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"],
            "legacy", 3L, 0L, 0L, "5d", "c", "busybox", "a=1,b=2");
    }

    [Fact]
    public void StatefulSet_shows_ready_over_desired()
    {
        var ss = new StatefulSet
        {
            Metadata = Meta("db"),
            Spec = new StatefulSetSpec { Replicas = 3, Template = Template(("db", "postgres")) },
            Status = new StatefulSetStatus { ReadyReplicas = 1 },
        };
        AssertRow(PrinterSet.StatefulSet, ss, ["Name", "Ready", "Age", "Containers", "Images"], "db", "1/3", "5d", "db", "postgres");
    }

    [Fact]
    public void DaemonSet_shows_counts_and_the_template_node_selector()
    {
        var template = Template(("agent", "busybox"));
        template.Spec!.NodeSelector = new() { ["kubernetes.io/os"] = "linux" };
        var ds = new DaemonSet
        {
            Metadata = Meta("agent"),
            Spec = new DaemonSetSpec { Selector = Select("app", "agent"), Template = template },
            Status = new DaemonSetStatus { DesiredNumberScheduled = 3, CurrentNumberScheduled = 3, NumberReady = 2, UpdatedNumberScheduled = 1, NumberAvailable = 2 },
        };
        AssertRow(PrinterSet.DaemonSet, ds,
            ["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector"],
            "agent", 3L, 3L, 2L, 1L, 2L, "kubernetes.io/os=linux", "5d", "agent", "busybox", "app=agent");
        ds.Spec.Template.Spec!.NodeSelector = null;
        Assert.Equal("<none>", PrinterSet.DaemonSet.Cells(ds, Now)[6]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, null, null, "Running")]
    [InlineData("Complete", null, null, "Complete")]
    [InlineData("Failed", null, null, "Failed")]
    [InlineData("Suspended", null, null, "Suspended")]
    [InlineData("FailureTarget", null, null, "FailureTarget")]
    [InlineData("SuccessCriteriaMet", null, null, "SuccessCriteriaMet")]
    [InlineData("SuccessCriteriaMet", "Complete", null, "Complete")]
    [InlineData("Suspended", "Failed", null, "Failed")]
    [InlineData(null, null, "deleting", "Terminating")]
    public void Job_status_follows_kubernetes_precedence(string? first, string? second, string? deleting, string expected)
    {
        var job = new Job { Metadata = Meta("pi") };
        job.Status.Conditions = new[] { first, second }.OfType<string>().Select(t => new JobCondition { Type = t, Status = "True" }).ToList();
        if (deleting is not null) job.Metadata.DeletionTimestamp = Now;
        Assert.Equal(expected, PrinterSet.Job.Cells(job, Now)[1]!.GetValue<string>());
    }

    [Fact]
    public void Job_shows_completions_and_duration()
    {
        var job = new Job
        {
            Metadata = Meta("pi"),
            Spec = new JobSpec { Completions = 5, Selector = Select("batch.kubernetes.io/controller-uid", "u1"), Template = Template(("pi", "perl")) },
            Status = new JobStatus { Succeeded = 2, StartTime = Now.AddMinutes(-3) },
        };
        AssertRow(PrinterSet.Job, job, ["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"],
            "pi", "Running", "2/5", "3m", "5d", "pi", "perl", "batch.kubernetes.io/controller-uid=u1");
        job.Status.CompletionTime = Now.AddMinutes(-2).AddSeconds(-30);
        Assert.Equal("30s", PrinterSet.Job.Cells(job, Now)[3]!.GetValue<string>());
        job.Spec.Completions = null;
        job.Spec.Parallelism = 3;
        Assert.Equal("2/1 of 3", PrinterSet.Job.Cells(job, Now)[2]!.GetValue<string>());
        job.Spec.Parallelism = 1;
        job.Status.StartTime = null;
        Assert.Equal(("2/1", ""), (PrinterSet.Job.Cells(job, Now)[2]!.GetValue<string>(), PrinterSet.Job.Cells(job, Now)[3]!.GetValue<string>()));
    }

    [Fact]
    public void CronJob_shows_schedule_timezone_suspend_active_and_last_schedule()
    {
        var cj = new CronJob
        {
            Metadata = Meta("hello"),
            Spec = new CronJobSpec { Schedule = "*/5 * * * *", Suspend = false, JobTemplate = new JobTemplateSpec { Spec = new JobSpec { Template = Template(("c", "busybox")) } } },
            Status = new CronJobStatus { Active = [new ObjectReference { Name = "hello-1" }], LastScheduleTime = Now.AddMinutes(-4) },
        };
        AssertRow(PrinterSet.CronJob, cj, ["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector"],
            "hello", "*/5 * * * *", "<none>", "False", 1L, "4m", "5d", "c", "busybox", "<none>");
        Assert.Equal("boolean", PrinterSet.CronJob.Columns[3].Type);
        cj.Spec.TimeZone = "Etc/UTC";
        cj.Status = new CronJobStatus();
        var cells = PrinterSet.CronJob.Cells(cj, Now);
        Assert.Equal(("Etc/UTC", "<none>"), (cells[2]!.GetValue<string>(), cells[5]!.GetValue<string>()));
    }

    [Fact]
    public void PodDisruptionBudget_shows_NA_for_the_unset_bound()
    {
        var pdb = new PodDisruptionBudget
        {
            Metadata = Meta("web"),
            Spec = new PodDisruptionBudgetSpec { MinAvailable = IntOrString.FromString("50%") },
            Status = new PodDisruptionBudgetStatus { DisruptionsAllowed = 2 },
        };
        AssertRow(PrinterSet.PodDisruptionBudget, pdb, ["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"],
            "web", "50%", "N/A", 2L, "5d");
    }

    [Fact]
    public void PriorityClass_shows_value_default_and_policy()
    {
        var pc = new PriorityClass { Metadata = Meta("high"), Value = 1000, GlobalDefault = true, PreemptionPolicy = "Never" };
        var cells = PrinterSet.PriorityClass.Cells(pc, Now);
        Assert.Equal(["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"], PrinterSet.PriorityClass.Columns.Select(c => c.Name));
        Assert.Equal(("high", 1000L, true, "5d", "Never"),
            (cells[0]!.GetValue<string>(), cells[1]!.GetValue<long>(), cells[2]!.GetValue<bool>(), cells[3]!.GetValue<string>(), cells[4]!.GetValue<string>()));
    }

    [Fact]
    public void PersistentVolume_and_claim_rows()
    {
        var pv = new PersistentVolume
        {
            Metadata = Meta("pv-1"),
            Spec = new PersistentVolumeSpec
            {
                Capacity = new() { ["storage"] = new Quantity("10Gi") },
                AccessModes = ["ReadWriteMany", "ReadWriteOnce"],
                PersistentVolumeReclaimPolicy = "Delete",
                ClaimRef = new ObjectReference { Namespace = "default", Name = "data-db-0" },
                StorageClassName = "local-path",
                VolumeMode = "Filesystem",
            },
            Status = new PersistentVolumeStatus { Phase = "Bound" },
        };
        AssertRow(PrinterSet.PersistentVolume, pv,
            ["Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode"],
            "pv-1", "10Gi", "RWO,RWX", "Delete", "Bound", "default/data-db-0", "local-path", "<unset>", "", "5d", "Filesystem");
        var pvc = new PersistentVolumeClaim
        {
            Metadata = Meta("data-db-0"),
            Spec = new PersistentVolumeClaimSpec { StorageClassName = "local-path", VolumeMode = "Filesystem" },
            Status = new PersistentVolumeClaimStatus { Phase = "Pending" },
        };
        string[] claimColumns = ["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"];
        AssertRow(PrinterSet.PersistentVolumeClaim, pvc, claimColumns, "data-db-0", "Pending", "", "", "", "local-path", "<unset>", "5d", "Filesystem");
        pvc.Spec.VolumeName = "pv-1";
        pvc.Status = new PersistentVolumeClaimStatus { Phase = "Bound", AccessModes = ["ReadWriteOnce"], Capacity = new() { ["storage"] = new Quantity("10Gi") } };
        AssertRow(PrinterSet.PersistentVolumeClaim, pvc, claimColumns, "data-db-0", "Bound", "pv-1", "10Gi", "RWO", "local-path", "<unset>", "5d", "Filesystem");
    }

    [Fact]
    public void StorageClass_marks_the_default_and_fills_defaults()
    {
        var sc = new StorageClass
        {
            Metadata = Meta("local-path") with { Annotations = new() { ["storageclass.kubernetes.io/is-default-class"] = "true" } },
            Provisioner = "orca.io/local-path",
        };
        var cells = PrinterSet.StorageClass.Cells(sc, Now);
        Assert.Equal(["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"], PrinterSet.StorageClass.Columns.Select(c => c.Name));
        Assert.Equal(("local-path (default)", "orca.io/local-path", "Delete", "Immediate", false),
            (cells[0]!.GetValue<string>(), cells[1]!.GetValue<string>(), cells[2]!.GetValue<string>(), cells[3]!.GetValue<string>(), cells[4]!.GetValue<bool>()));
    }

    [Fact]
    public void ControllerRevision_names_its_controller_with_group()
    {
        var revision = new ControllerRevision
        {
            Metadata = Meta("db-7c9") with { OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "db", Uid = "u", Controller = true }] },
            Revision = 2,
        };
        AssertRow(PrinterSet.ControllerRevision, revision, ["Name", "Controller", "Revision", "Age"], "db-7c9", "statefulset.apps/db", 2L, "5d");
        revision.Metadata.OwnerReferences = null;
        Assert.Equal("<none>", PrinterSet.ControllerRevision.Cells(revision, Now)[1]!.GetValue<string>());
    }

    private static void AssertPriorities(ITableConvertor printer, int firstWide) =>
        Assert.Equal(Enumerable.Range(0, printer.Columns.Count).Select(i => i >= firstWide ? 1 : 0), printer.Columns.Select(c => c.Priority));

    private static void AssertRow(ITableConvertor printer, IKubeObject obj, string[] columns, params object[] expected)
    {
        Assert.Equal(columns, printer.Columns.Select(c => c.Name));
        Assert.Equal(("Name", "name"), (printer.Columns[0].Name, printer.Columns[0].Format));
        var cells = printer.Cells(obj, Now);
        Assert.Equal(expected.Length, cells.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            object? actual = expected[i] is long ? cells[i]!.GetValue<long>() : cells[i]!.GetValue<string>();
            Assert.Equal(expected[i], actual);
        }
    }

    private static ObjectMeta Meta(string name) => new() { Name = name, CreationTimestamp = Now.AddDays(-5) };
}
