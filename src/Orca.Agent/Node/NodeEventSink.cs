namespace Orca.Agent.Node;

/// <summary>Where events about the node itself go (image garbage collection, pressure); the EventRecorder in the agent, a list in tests.</summary>
internal delegate void NodeEventSink(string type, string reason, string message);
