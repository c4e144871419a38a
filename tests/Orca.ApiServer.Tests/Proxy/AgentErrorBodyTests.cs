using System.Text;
using Orca.ApiServer.Proxy;

namespace Orca.ApiServer.Tests.Proxy;

public sealed class AgentErrorBodyTests
{
    [Theory]
    [InlineData("Transfer-Encoding", "chunked", "5\r\n{\"a\":\r\n3;ext=1\r\n 1}\r\n0\r\n\r\n", "{\"a\": 1}")]
    [InlineData("Content-Length", "8", "{\"a\": 1}trailing", "{\"a\": 1}")]
    [InlineData("Content-Type", "application/json", "{\"a\": 1}", "{\"a\": 1}")]
    public async Task The_client_gets_the_decoded_body_whatever_framing_the_agent_used(string header, string value, string wire, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(wire);
        // Part of the body came with the head; the rest is still on the connection.
        using var stream = new MemoryStream(bytes[4..]);
        var body = await AgentErrorBody.ReadAsync(stream, [(header, value)], bytes[..4], CancellationToken.None);
        Assert.Equal(expected, Encoding.ASCII.GetString(body));
    }

    [Fact]
    public void An_unfinished_chunked_body_is_not_complete()
    {
        var (body, complete) = AgentErrorBody.Dechunk(Encoding.ASCII.GetBytes("5\r\nhel"));
        Assert.False(complete);
        Assert.Empty(body);
    }
}
