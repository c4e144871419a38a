using Orca.Api.Core;

namespace Orca.Agent.Tests;

/// <summary>Fluent pods for tests: <c>PodBuilder.Named("web").OnNode("node-1").WithContainer("app")</c>.</summary>
internal sealed class PodBuilder
{
    private readonly Pod _pod = new() { ApiVersion = "v1", Kind = "Pod" };

    private PodBuilder(string name)
    {
        _pod.Metadata.Name = name;
        _pod.Metadata.Namespace = "default";
    }

    public static PodBuilder Named(string name) => new(name);

    public PodBuilder OnNode(string node = AgentHarness.Node)
    {
        _pod.Spec.NodeName = node;
        return this;
    }

    public PodBuilder RestartPolicy(string policy)
    {
        _pod.Spec.RestartPolicy = policy;
        return this;
    }

    public PodBuilder Grace(long seconds)
    {
        _pod.Spec.TerminationGracePeriodSeconds = seconds;
        return this;
    }

    public PodBuilder WithContainer(string name, Action<Container>? configure = null)
    {
        var c = new Container { Name = name, Image = "busybox:1.36", ImagePullPolicy = "IfNotPresent" };
        configure?.Invoke(c);
        _pod.Spec.Containers.Add(c);
        return this;
    }

    public PodBuilder WithInit(string name, Action<Container>? configure = null)
    {
        var c = new Container { Name = name, Image = "busybox:1.36", ImagePullPolicy = "IfNotPresent" };
        configure?.Invoke(c);
        (_pod.Spec.InitContainers ??= []).Add(c);
        return this;
    }

    public PodBuilder Labeled(string key, string value)
    {
        (_pod.Metadata.Labels ??= [])[key] = value;
        return this;
    }

    public Pod Build() => _pod;

    public static Probe Exec(params string[] command) => new() { Exec = new ExecAction { Command = [.. command] }, PeriodSeconds = 1, FailureThreshold = 1 };
}
