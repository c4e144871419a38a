namespace Orca.Agent.Streaming.Spdy;

/// <summary>The peer broke SPDY/3.1 framing or header compression; the session cannot continue.</summary>
internal sealed class SpdyProtocolException(string message) : IOException(message);
