using System.Net.Sockets;
using Orca.Agent.Translate;

namespace Orca.Agent.Tests;

/// <summary>hostPath types checked and created as the kubelet does, with its messages.</summary>
public sealed class HostPathTypeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orca-hostpath-").FullName;
    private Socket? _socket;

    public void Dispose()
    {
        _socket?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("", "missing", null)]
    [InlineData("Directory", "missing", "is not a directory")]
    [InlineData("Directory", "file", "is not a directory")]
    [InlineData("Directory", "dir", null)]
    [InlineData("File", "dir", "is not a file")]
    [InlineData("File", "missing", "is not a file")]
    [InlineData("File", "file", null)]
    [InlineData("FileOrCreate", "dir", "is not a file")]
    [InlineData("DirectoryOrCreate", "file", "is not a directory")]
    [InlineData("Socket", "file", "is not a socket file")]
    [InlineData("Socket", "socket", null)]
    [InlineData("CharDevice", "/dev/null", null)]
    [InlineData("CharDevice", "file", "is not a character device")]
    [InlineData("BlockDevice", "/dev/null", "is not a block device")]
    public void Each_type_accepts_its_kind_of_path_and_names_the_mismatch(string type, string what, string? expected)
    {
        var path = Make(what);

        var error = HostPathTypes.Check(path, type);

        if (expected is null) Assert.Null(error);
        else Assert.Equal($"hostPath type check failed: {path} {expected}", error);
    }

    [Fact]
    public void The_or_create_types_make_a_directory_with_its_parents_and_an_empty_0644_file()
    {
        var dir = Path.Combine(_dir, "a", "b");
        var file = Path.Combine(_dir, "f.txt");

        Assert.Null(HostPathTypes.Check(dir, "DirectoryOrCreate"));
        Assert.Null(HostPathTypes.Check(file, "FileOrCreate"));

        Assert.True(Directory.Exists(dir));
        Assert.Equal(0, new FileInfo(file).Length);
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(file));
    }

    private string Make(string what)
    {
        if (what.StartsWith('/')) return what;
        var path = Path.Combine(_dir, what);
        switch (what)
        {
            case "file": File.WriteAllText(path, "x"); break;
            case "dir": Directory.CreateDirectory(path); break;
            case "socket":
                // Kept open: .NET removes a socket file it bound when the socket closes.
                _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                _socket.Bind(new UnixDomainSocketEndPoint(path));
                break;
        }
        return path;
    }
}
