namespace Orca.Agent.Probes;

internal enum ProbeKind { Startup, Liveness, Readiness }
