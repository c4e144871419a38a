namespace Orca.ApiServer.Security;

/// <summary>An authenticated (or anonymous) caller as authorization sees it.</summary>
/// <param name="Name">The user name (certificate CN or the name a token was registered with).</param>
/// <param name="Groups">Group names; authenticated users always include <see cref="AuthenticatedGroup"/>.</param>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string AuthenticatedGroup = "system:authenticated";
    public const string UnauthenticatedGroup = "system:unauthenticated";
    public const string AnonymousName = "system:anonymous";

    /// <summary>The identity of a request that presented no credentials.</summary>
    public static UserInfo Anonymous { get; } = new(AnonymousName, [UnauthenticatedGroup]);

    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);
}
