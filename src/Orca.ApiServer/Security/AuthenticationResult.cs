namespace Orca.ApiServer.Security;

/// <summary>How authentication of one request ended.</summary>
public enum AuthenticationOutcome
{
    /// <summary>A credential was valid; <see cref="AuthenticationResult.User"/> is set.</summary>
    Authenticated,

    /// <summary>
    /// No credential was presented (no bearer token, no client certificate). The request is anonymous:
    /// allow it only for <see cref="Authenticator.IsAnonymousPath"/>, otherwise answer 401.
    /// </summary>
    NoCredentials,

    /// <summary>A credential was presented and none was valid; answer 401 with <see cref="AuthenticationResult.Reason"/>.</summary>
    Rejected,
}

/// <summary>The result of <see cref="Authenticator.Authenticate"/>. A value, never an exception.</summary>
public sealed record AuthenticationResult
{
    private AuthenticationResult(AuthenticationOutcome outcome, UserInfo? user, string? reason)
    {
        Outcome = outcome;
        User = user;
        Reason = reason;
    }

    public AuthenticationOutcome Outcome { get; }

    /// <summary>The caller when <see cref="Outcome"/> is <see cref="AuthenticationOutcome.Authenticated"/>, else null.</summary>
    public UserInfo? User { get; }

    /// <summary>Why credentials were rejected (for logs; do not echo secrets). Null unless rejected.</summary>
    public string? Reason { get; }

    public bool IsAuthenticated => Outcome == AuthenticationOutcome.Authenticated;

    public static AuthenticationResult NoCredentials { get; } = new(AuthenticationOutcome.NoCredentials, null, null);

    public static AuthenticationResult Success(UserInfo user) => new(AuthenticationOutcome.Authenticated, user, null);

    public static AuthenticationResult Rejected(string reason) => new(AuthenticationOutcome.Rejected, null, reason);
}
