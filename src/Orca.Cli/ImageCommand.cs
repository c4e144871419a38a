using Orca.Runtime;
using Orca.Runtime.Images;

namespace Orca.Cli;

/// <summary>`orca image import FILE | ls | rm REF [--data-dir D]`: the image store of the server or agent owning D.</summary>
internal static class ImageCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: orca image <import FILE|ls|rm REF> [--data-dir DIR]");
            return 2;
        }
        var positional = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var flags = Flags.Parse(args.Skip(1 + positional.Length).ToArray());
        var dataDir = Path.GetFullPath(flags.Get("data-dir") ?? "/var/lib/orca");
        flags.RejectUnknown();
        var store = new ImageStore(new ImageStoreOptions { Root = Path.Combine(dataDir, "images") }, TimeProvider.System);
        try
        {
            switch (args[0])
            {
                case "import" when positional.Length == 1:
                    await using (var file = File.OpenRead(positional[0]))
                    {
                        foreach (var image in await store.ImportAsync(file, CancellationToken.None))
                            Console.WriteLine($"imported {string.Join(", ", image.RepoTags.DefaultIfEmpty(image.Id))}");
                    }
                    return 0;
                case "ls":
                    Print(await store.ListImagesAsync(CancellationToken.None));
                    return 0;
                case "rm" when positional.Length >= 1:
                    foreach (var reference in positional)
                    {
                        await store.RemoveImageAsync(reference, CancellationToken.None);
                        Console.WriteLine($"removed {reference}");
                    }
                    return 0;
                default:
                    Console.Error.WriteLine($"orca image: unknown or incomplete command \"{string.Join(' ', args)}\"");
                    return 2;
            }
        }
        catch (Exception e) when (e is ImageStoreException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"orca image: {e.Message}");
            return 1;
        }
    }

    private static void Print(IReadOnlyList<ImageInfo> images)
    {
        Console.WriteLine($"{"IMAGE",-50} {"ID",-15} {"SIZE",10}");
        foreach (var image in images)
        {
            var id = image.Id.Replace("sha256:", "", StringComparison.Ordinal);
            var size = $"{image.Size / 1024.0 / 1024.0:0.0}MB";
            foreach (var tag in image.RepoTags.DefaultIfEmpty("<none>")) Console.WriteLine($"{tag,-50} {id[..Math.Min(13, id.Length)],-15} {size,10}");
        }
    }
}
