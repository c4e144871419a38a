namespace Orca.E2E.Tests;

public sealed partial class NodeFeatureTests
{
    private partial Task StartRegistryAsync() => Task.CompletedTask;

    private partial string[] RegistryArgs() => [];

    private partial void StopRegistry()
    {
    }
}
