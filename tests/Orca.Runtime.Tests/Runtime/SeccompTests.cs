namespace Orca.Runtime.Tests.Runtime;

/// <summary>Seccomp profiles as a process inside a real container sees them.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class SeccompTests(RuntimeFixture fixture) : RuntimeTestBase(fixture)
{
    private const string Probe = "grep '^Seccomp:' /proc/self/status; unshare -n true 2>&1; echo unshare=$?";

    [Fact]
    public async Task Runtime_default_filters_and_denies_new_namespaces_while_unconfined_does_not_filter()
    {
        var filtered = await RunAsync(Security(SeccompProfile.RuntimeDefault), Probe);
        Assert.Contains("Seccomp:\t2", filtered);
        Assert.Contains("Operation not permitted", filtered);
        Assert.Contains("unshare=1", filtered);

        var unconfined = await RunAsync(Security(SeccompProfile.Unconfined), "grep '^Seccomp:' /proc/self/status");
        Assert.Contains("Seccomp:\t0", unconfined);
    }

    [Fact]
    public async Task Runtime_default_lets_a_container_with_cap_sys_admin_make_namespaces_and_privileged_is_unconfined()
    {
        var admin = await RunAsync(Security(SeccompProfile.RuntimeDefault) with { AddCapabilities = ["SYS_ADMIN"] }, Probe);
        Assert.Contains("Seccomp:\t2", admin);
        Assert.Contains("unshare=0", admin);

        var privileged = await RunAsync(Security(SeccompProfile.RuntimeDefault) with { Privileged = true }, "grep '^Seccomp:' /proc/self/status");
        Assert.Contains("Seccomp:\t0", privileged);
    }

    [Fact]
    public async Task A_localhost_profile_file_is_applied_and_a_missing_one_fails_the_create()
    {
        var file = Path.Combine(Fixture.Directory, "deny-mkdir.json");
        await File.WriteAllTextAsync(file, """
            {"defaultAction": "SCMP_ACT_ALLOW",
             "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
            """);
        var output = await RunAsync(Security(new SeccompProfile(SeccompKind.Localhost, file)), "mkdir /tmp/x 2>&1; echo mkdir=$?; touch /tmp/y && echo touched");
        Assert.Contains("Operation not permitted", output);
        Assert.Contains("mkdir=1", output);
        Assert.Contains("touched", output);

        var pod = Pod("seccomp-missing");
        var sandbox = await RunSandboxAsync(pod);
        var missing = Container("main", "true") with { Security = Security(new SeccompProfile(SeccompKind.Localhost, file + ".absent")) };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Runtime.CreateContainerAsync(sandbox, missing, pod, Ct));
        Assert.Contains($"cannot load seccomp profile \"{file}.absent\"", error.Message);
        Assert.Empty(await Runtime.ListContainersAsync(sandbox, Ct));
    }

    private static ContainerSecurity Security(SeccompProfile profile) => new() { Seccomp = profile };

    private async Task<string> RunAsync(ContainerSecurity security, string script)
    {
        var pod = Pod("seccomp");
        var sandbox = await RunSandboxAsync(pod);
        var id = await StartContainerAsync(sandbox, pod, Container("main", "sh", "-c", script) with { Security = security });
        var status = await WaitForExitAsync(id);
        Assert.Equal(0, status.ExitCode);
        return string.Join('\n', File.ReadAllLines(status.LogPath).Select(l => l.Split(' ', 4)[3]));
    }
}
