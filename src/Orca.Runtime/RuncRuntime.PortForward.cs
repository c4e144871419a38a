using System.Net;
using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using Orca.Runtime.Native;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>
    /// A TCP connection to 127.0.0.1:<paramref name="port"/> inside the sandbox's network namespace.
    /// The socket is created on a dedicated thread that enters the namespace and leaves it again
    /// (a socket keeps the namespace it was born in), then connects normally. The caller owns the stream.
    /// </summary>
    public async Task<Stream> PortForwardAsync(string sandboxId, int port, CancellationToken cancellationToken)
    {
        var sandbox = RequireSandbox(sandboxId);
        var socket = sandbox.NetnsPath is { } netns ? CreateSocketIn(netns) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket CreateSocketIn(string netnsPath)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var original = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle(netnsPath);
                Libc.Setns(target, Libc.CloneNewNet);
                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                }
                finally
                {
                    Libc.Setns(original, Libc.CloneNewNet);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "orca-netns" };
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw new IOException($"could not open a socket in {netnsPath}: {failure.Message}", failure);
        return socket!;
    }
}
