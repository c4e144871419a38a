using Orca.Api.Core;

namespace Orca.Agent.Tests;

public sealed class EnvAndStaticPodTests
{
    [Fact]
    public async Task Env_value_from_field_refs_config_maps_secrets_and_resources_reaches_the_container_config()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.Client.Resource<ConfigMap>().CreateAsync(new ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new() { Name = "settings", Namespace = "default" },
            Data = new() { ["mode"] = "fast", ["level"] = "3" },
        });
        await h.Client.Resource<Secret>().CreateAsync(new Secret
        {
            ApiVersion = "v1", Kind = "Secret", Metadata = new() { Name = "creds", Namespace = "default" },
            Data = new() { ["password"] = "hunter2"u8.ToArray() },
        });
        await h.CreateAsync(PodBuilder.Named("web").OnNode().Labeled("tier", "front").WithContainer("app", c =>
        {
            c.Resources = new ResourceRequirements { Limits = new() { ["memory"] = new Api.Quantity("64Mi"), ["cpu"] = new Api.Quantity("500m") } };
            c.EnvFrom = [new EnvFromSource { Prefix = "CFG_", ConfigMapRef = new ConfigMapEnvSource { Name = "settings" } }];
            c.Env =
            [
                new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
                new EnvVar { Name = "NODE", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
                new EnvVar { Name = "TIER", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels['tier']" } } },
                new EnvVar { Name = "IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "status.podIP" } } },
                new EnvVar { Name = "MODE", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "settings", Key = "mode" } } },
                new EnvVar { Name = "PASS", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "creds", Key = "password" } } },
                new EnvVar { Name = "MEM_MI", ValueFrom = new EnvVarSource { ResourceFieldRef = new ResourceFieldSelector { Resource = "limits.memory", Divisor = new Api.Quantity("1Mi") } } },
                new EnvVar { Name = "GREETING", Value = "hi $(POD_NAME) $$(POD_NAME)" },
            ];
        }).Build());

        await h.PodWhenAsync("web", p => p.Status.Phase == "Running", "Running");

        var config = h.Runtime.Locked(r => r.Created.Single());
        var env = config.Env.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal("web", env["POD_NAME"]);
        Assert.Equal(AgentHarness.Node, env["NODE"]);
        Assert.Equal("front", env["TIER"]);
        Assert.StartsWith("10.88.0.", env["IP"]);
        Assert.Equal("fast", env["MODE"]);
        Assert.Equal("3", env["CFG_level"]);
        Assert.Equal("hunter2", env["PASS"]);
        Assert.Equal("64", env["MEM_MI"]);
        Assert.Equal("hi web $(POD_NAME)", env["GREETING"]);
        Assert.Equal(64L * 1024 * 1024, config.Resources.MemoryLimitInBytes);
        Assert.Equal(50_000, config.Resources.CpuQuota);
        Assert.Equal(512, config.Resources.CpuShares);
    }

    [Fact]
    public async Task A_missing_config_map_leaves_the_container_waiting_with_create_container_config_error()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.CreateAsync(PodBuilder.Named("web").OnNode().WithContainer("app", c => c.Env =
            [new EnvVar { Name = "X", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "absent", Key = "k" } } }]).Build());

        var pod = await h.PodWhenAsync("web", p => p.Status.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "CreateContainerConfigError", "config error");

        Assert.Equal("configmap \"absent\" not found", pod.Status.ContainerStatuses![0].State!.Waiting!.Message);
        Assert.Equal("Pending", pod.Status.Phase);
    }

    [Fact]
    public async Task A_static_pod_manifest_runs_and_gets_a_mirror_pod()
    {
        await using var h = await AgentHarness.StartServerAsync();
        var manifests = Path.Combine(h.DataDir, "manifests");
        Directory.CreateDirectory(manifests);
        await File.WriteAllTextAsync(Path.Combine(manifests, "etcd.yaml"), """
            apiVersion: v1
            kind: Pod
            metadata:
              name: etcd
              namespace: kube-system
              labels:
                component: etcd
            spec:
              containers:
              - name: etcd
                image: "etcd:3.5"
                imagePullPolicy: IfNotPresent
                ports:
                - containerPort: 2379
            """);
        await h.StartAgentAsync();

        Pod? mirror = null;
        await h.EventuallyAsync(async () =>
        {
            try
            {
                mirror = await h.Pods.GetAsync("kube-system", $"etcd-{AgentHarness.Node}");
                return mirror.Status.Phase == "Running";
            }
            catch (Client.ApiException e) when (e.IsNotFound)
            {
                return false;
            }
        }, "mirror pod Running");

        Assert.NotNull(mirror!.Metadata.Annotations!["kubernetes.io/config.mirror"]);
        Assert.Equal("file", mirror.Metadata.Annotations["kubernetes.io/config.source"]);
        Assert.Equal(AgentHarness.Node, mirror.Spec.NodeName);
        Assert.Equal("Node", Assert.Single(mirror.Metadata.OwnerReferences!).Kind);
        // Static pods tolerate every NoExecute taint (node problems never evict them).
        Assert.Contains(mirror.Spec.Tolerations!, t => t is { Operator: "Exists", Effect: "NoExecute" } && string.IsNullOrEmpty(t.Key));
        Assert.Equal(["etcd"], h.Runtime.Locked(r => r.Starts.Select(s => s.Name).ToList()));

        File.Delete(Path.Combine(manifests, "etcd.yaml"));
        await h.EventuallyAsync(async () =>
        {
            try
            {
                await h.Pods.GetAsync("kube-system", $"etcd-{AgentHarness.Node}");
                return false;
            }
            catch (Client.ApiException e) when (e.IsNotFound)
            {
                return (await h.Runtime.ListPodSandboxesAsync(CancellationToken.None)).Count == 0;
            }
        }, "mirror pod and sandbox removed with the manifest", tick: TimeSpan.FromSeconds(5));
    }
}
