using System.Text.Json;
using Orca.Api;
using Orca.Api.Json;
using Orca.ApiServer.Resources;

namespace Orca.ApiServer.Tests.Resources;

/// <summary>Every kind's strategy can compare two versions' specs (the generation bump) without failing.</summary>
public sealed class SpecChangeTests
{
    public static TheoryData<string> Resources() => [.. CoreResources.Definitions().Concat(WorkloadResources.Definitions()).Select(d => $"{d.Group}/{d.Resource}")];

    [Theory]
    [MemberData(nameof(Resources))]
    public void Two_copies_of_an_object_have_the_same_spec(string resource)
    {
        var definition = CoreResources.Definitions().Concat(WorkloadResources.Definitions()).First(d => $"{d.Group}/{d.Resource}" == resource);
        var json = """{"metadata":{"name":"x"},"spec":{}}"""u8.ToArray();
        IKubeObject Copy() => (IKubeObject)JsonSerializer.Deserialize(json, ApiJson.Info(definition.ObjectType))!;

        Assert.False(definition.Strategy.SpecChanged(Copy(), Copy()));
    }
}
