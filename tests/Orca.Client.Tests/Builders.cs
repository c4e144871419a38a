using Orca.Api.Core;

namespace Orca.Client.Tests;

internal static class Builders
{
    public static Pod Pod(string name, string ns = "default", string? app = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new() { Name = name, Namespace = ns, Labels = app is null ? null : new() { ["app"] = app } },
        Spec = new() { Containers = [new Container { Name = "c", Image = "busybox" }] },
    };

    public static ConfigMap ConfigMap(string name, string value, string ns = "default") => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new() { Name = name, Namespace = ns },
        Data = new() { ["k"] = value },
    };
}
