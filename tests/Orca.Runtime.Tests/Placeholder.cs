namespace Orca.Runtime.Tests;

public sealed class ImageReferenceContractTests
{
    [Fact]
    public void Runtime_configs_default_to_kubernetes_behaviour()
    {
        var sandbox = new PodSandboxConfig { Name = "web", Namespace = "default", Uid = "u" };
        Assert.Equal(NamespaceMode.Pod, sandbox.Network);
        Assert.Equal(NamespaceMode.Container, sandbox.Pid);
        Assert.Equal(100_000, new LinuxResources().CpuPeriod);
    }
}
