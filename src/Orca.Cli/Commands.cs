namespace Orca.Cli;

/// <summary>Subcommand dispatch: wiring only.</summary>
internal static class Commands
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage: orca <server|version> [flags]");
            return Task.FromResult(args.Length == 0 ? 2 : 0);
        }
        switch (args[0])
        {
            case "version":
                Console.WriteLine("orca v1.32.0-orca");
                return Task.FromResult(0);
            default:
                Console.Error.WriteLine($"orca: unknown command \"{args[0]}\"");
                return Task.FromResult(2);
        }
    }
}
