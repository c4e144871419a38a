using Orca.Runtime.Oci;

namespace Orca.Runtime.Tests.Runtime;

public sealed class OciSpecBuilderTests
{
    public static TheoryData<string[], string[], string[], string[], string[]> ArgumentCases => new()
    {
        // command, args, image entrypoint, image cmd, expected
        { [], [], ["/entry"], ["cmd"], ["/entry", "cmd"] },
        { ["sh"], [], ["/entry"], ["cmd"], ["sh"] },
        { [], ["x"], ["/entry"], ["cmd"], ["/entry", "x"] },
        { ["sh"], ["-c", "true"], ["/entry"], ["cmd"], ["sh", "-c", "true"] },
        { [], [], [], ["sh"], ["sh"] },
    };

    [Theory]
    [MemberData(nameof(ArgumentCases))]
    public void Command_and_args_override_entrypoint_and_cmd_like_kubernetes(string[] command, string[] args, string[] entrypoint, string[] cmd, string[] expected)
    {
        var container = new ContainerConfig { Name = "c", Image = "i", Command = command, Args = args };
        Assert.Equal(expected, OciSpecBuilder.Arguments(container, new ImageConfig { Entrypoint = entrypoint, Cmd = cmd }));
    }

    [Fact]
    public void No_command_anywhere_is_an_error()
    {
        var container = new ContainerConfig { Name = "c", Image = "i" };
        Assert.Throws<ArgumentException>(() => OciSpecBuilder.Arguments(container, new ImageConfig()));
    }

    [Fact]
    public void Config_env_overrides_image_env_in_place_and_hostname_is_added()
    {
        var container = new ContainerConfig { Name = "c", Image = "i", Env = [new KeyValue("A", "config"), new KeyValue("C", "3")] };
        var image = new ImageConfig { Env = ["PATH=/bin", "A=image", "B=2"] };
        Assert.Equal(["PATH=/bin", "A=config", "B=2", "HOSTNAME=h", "C=3"], OciSpecBuilder.Environment(container, image, "h"));
    }

    [Theory]
    [InlineData(false, new string[0], new[] { "NET_RAW" }, "CAP_CHOWN", "CAP_NET_RAW", 13)]
    [InlineData(false, new[] { "sys_admin" }, new string[0], "CAP_SYS_ADMIN", "CAP_SYS_TIME", 15)]
    [InlineData(false, new[] { "NET_BIND_SERVICE" }, new[] { "ALL" }, "CAP_NET_BIND_SERVICE", "CAP_CHOWN", 1)]
    [InlineData(true, new string[0], new[] { "ALL" }, "CAP_SYS_ADMIN", "CAP_NONE", 41)]
    public void Capabilities_start_from_the_default_set(bool privileged, string[] add, string[] drop, string present, string absent, int count)
    {
        var caps = Capabilities.Compute(new ContainerSecurity { Privileged = privileged, AddCapabilities = add, DropCapabilities = drop }, ulong.MaxValue);
        Assert.Contains(present, caps);
        Assert.DoesNotContain(absent, caps);
        Assert.Equal(count, caps.Count);
    }

    [Fact]
    public void Privileged_and_add_all_stay_within_the_hosts_bounding_set()
    {
        var withoutSysResource = ulong.MaxValue & ~(1UL << 24);
        foreach (var security in new[] { new ContainerSecurity { Privileged = true }, new ContainerSecurity { AddCapabilities = ["ALL"] } })
        {
            var caps = Capabilities.Compute(security, withoutSysResource);
            Assert.DoesNotContain("CAP_SYS_RESOURCE", caps);
            Assert.Contains("CAP_SYS_ADMIN", caps);
            Assert.Equal(40, caps.Count);
        }
    }
}
