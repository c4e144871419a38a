namespace Orca.E2E.Tests;

/// <summary>
/// Jobs and CronJobs through kubectl with real containers: backoffLimit on a failing pod, completions with
/// parallelism, and a job made by hand from a CronJob's template. Own bridge ("orcaj"), pod subnet
/// (10.99.x.0/24) and agent port; everything is swept at the end.
/// </summary>
public sealed class JobTests : IAsyncLifetime
{
    private AgentNode _node = null!;

    public async Task InitializeAsync() => _node = await AgentNode.StartOnAsync("orcaj", "e2e-job-node", $"10.99.{Random.Shared.Next(1, 250)}.0/24");

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    private Kubectl Kubectl => _node.Kubectl;

    [Fact]
    public async Task A_job_whose_pod_exits_1_fails_with_BackoffLimitExceeded_after_exactly_two_pods()
    {
        (await Kubectl.ApplyAsync("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: fails, namespace: default}
            spec:
              backoffLimit: 1
              template:
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: work
                    image: busybox:e2e
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "echo trying; exit 1"]
            """)).ShouldSucceed();
        (await Kubectl.RunAsync(["wait", "--for=condition=failed", "job/fails", "--timeout=120s"], null, timeout: TimeSpan.FromSeconds(130))).ShouldSucceed();

        var reason = (await Kubectl.RunAsync("get", "job", "fails", "-o", "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason}|{.status.failed}|{.status.conditions[?(@.type==\"Failed\")].message}")).ShouldSucceed().Out;
        Assert.Equal("BackoffLimitExceeded|2|Job has reached the specified backoff limit", reason);
        var pods = (await Kubectl.RunAsync("get", "pods", "-l", "job-name=fails", "--no-headers")).ShouldSucceed().Out.Split('\n');
        Assert.Equal(2, pods.Length);
        Assert.All(pods, row => Assert.Matches(@"^fails-\w{5}\s+0/1\s+Error\s+0\s", row));
        var table = (await Kubectl.RunAsync("get", "jobs", "fails")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$", table[0]);
        Assert.Matches(@"^fails\s+Failed\s+0/1\s+\d+s\s+\d+s$", table[1]);
        var describe = (await Kubectl.RunAsync("describe", "job", "fails")).ShouldSucceed().Stdout;
        Assert.Matches(@"Warning\s+BackoffLimitExceeded\s+.*job-controller\s+Job has reached the specified backoff limit", describe);
    }

    [Fact]
    public async Task A_job_with_three_completions_two_at_a_time_completes()
    {
        (await Kubectl.ApplyAsync("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: three, namespace: default}
            spec:
              completions: 3
              parallelism: 2
              template:
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: work
                    image: busybox:e2e
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "echo done"]
            """)).ShouldSucceed();
        (await Kubectl.RunAsync(["wait", "--for=condition=complete", "job/three", "--timeout=120s"], null, timeout: TimeSpan.FromSeconds(130))).ShouldSucceed();

        var table = (await Kubectl.RunAsync("get", "jobs")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$", table[0]);
        Assert.Contains(table, row => System.Text.RegularExpressions.Regex.IsMatch(row, @"^three\s+Complete\s+3/3\s+\d+s\s+\d+s$"));
        var pods = (await Kubectl.RunAsync("get", "pods", "-l", "batch.kubernetes.io/job-name=three", "--no-headers")).ShouldSucceed().Out.Split('\n');
        Assert.Equal(3, pods.Length);
        Assert.All(pods, row => Assert.Matches(@"^three-\w{5}\s+0/1\s+Completed\s+0\s", row));
        var finalizers = (await Kubectl.RunAsync("get", "pods", "-l", "batch.kubernetes.io/job-name=three", "-o", "jsonpath={.items[*].metadata.finalizers}")).ShouldSucceed().Out;
        Assert.Equal("", finalizers);
        var logs = (await Kubectl.RunAsync("logs", "job/three")).ShouldSucceed().Out;
        Assert.Equal("done", logs);
    }

    [Fact]
    public async Task Kubectl_create_job_from_a_cronjob_runs_its_template()
    {
        (await Kubectl.ApplyAsync("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: default}
            spec:
              schedule: "0 3 1 1 *"
              timeZone: Europe/Berlin
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: work
                        image: busybox:e2e
                        imagePullPolicy: IfNotPresent
                        command: ["sh", "-c", "echo from-cron"]
            """)).ShouldSucceed();
        var cron = (await Kubectl.RunAsync("get", "cronjobs")).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$", cron[0]);
        Assert.Matches(@"^nightly\s+0 3 1 1 \*\s+Europe/Berlin\s+False\s+0\s+<none>\s+\d+s$", cron[1]);

        (await Kubectl.RunAsync("create", "job", "by-hand", "--from=cronjob/nightly")).ShouldSucceed();
        (await Kubectl.RunAsync(["wait", "--for=condition=complete", "job/by-hand", "--timeout=120s"], null, timeout: TimeSpan.FromSeconds(130))).ShouldSucceed();
        var meta = (await Kubectl.RunAsync("get", "job", "by-hand", "-o", "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}|{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}")).ShouldSucceed().Out;
        Assert.Equal("manual|CronJob/nightly", meta);
        Assert.Equal("from-cron", (await Kubectl.RunAsync("logs", "job/by-hand")).ShouldSucceed().Out);
    }
}
