namespace Orca.ApiServer.Http;

/// <summary>The version Orca reports: Kubernetes 1.32 (kubectl's dispatcher picks its binary from "minor").</summary>
internal static class ServerInfo
{
    public const string GitVersion = "v1.32.0-orca";

    public static readonly byte[] VersionJson = System.Text.Encoding.UTF8.GetBytes(
        "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"" + GitVersion + "\",\"gitCommit\":\"0000000000000000000000000000000000000000\"," +
        "\"gitTreeState\":\"clean\",\"buildDate\":\"2026-11-23T00:00:00Z\",\"goVersion\":\"dotnet10\",\"compiler\":\"dotnet\",\"platform\":\"linux/amd64\"}");
}
