using System.Reflection;

namespace Orca.Architecture.Tests;

/// <summary>
/// Keeps the arrows of ARCHITECTURE.md true: which Orca assemblies each project may reference.
/// Only the API server touches the store; the client, scheduler, controllers and agent are API
/// clients; the API types depend on nothing of Orca.
/// </summary>
public sealed class DependencyRulesTests
{
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Orca.Api", [] },
        { "Orca.Storage", ["Orca.Api"] },
        { "Orca.Client", ["Orca.Api"] },
        { "Orca.ApiServer", ["Orca.Api", "Orca.Storage"] },
        { "Orca.Runtime", [] },
        { "Orca.Agent", ["Orca.Api", "Orca.Client", "Orca.Runtime"] },
        { "Orca.Sim", ["Orca.Api", "Orca.Client"] },
        { "Orca.Scheduler", ["Orca.Api", "Orca.Client"] },
        { "Orca.Controllers", ["Orca.Api", "Orca.Client"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_project_references_only_what_the_architecture_allows(string assembly, string[] allowed)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Orca", StringComparison.Ordinal))
            .ToList();
        var forbidden = references.Except(allowed).ToList();
        Assert.True(forbidden.Count == 0, $"{assembly} must not reference {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void Nothing_but_the_api_server_and_the_wiring_references_the_store()
    {
        var dir = AppContext.BaseDirectory;
        var users = Directory.GetFiles(dir, "Orca*.dll")
            .Select(f => Assembly.LoadFrom(f))
            .Where(a => a.GetName().Name is { } n && !n.EndsWith(".Tests", StringComparison.Ordinal))
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == "Orca.Storage"))
            .Select(a => a.GetName().Name!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        // The `orca` binary (Orca.Cli) is the wiring and may reference everything; it is not an Orca.* library.
        Assert.Equal(["Orca.ApiServer"], users);
    }
}
