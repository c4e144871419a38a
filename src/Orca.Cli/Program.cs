namespace Orca.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args) => await Commands.RunAsync(args);
}
