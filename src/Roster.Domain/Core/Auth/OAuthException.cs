namespace Roster.Domain.Auth;

/// <summary>A refusal of the OAuth endpoints, in their own terms (reference §7.4): status, <c>error</c>, <c>reason</c>.</summary>
public sealed class OAuthException(int status, string error, string reason) : Exception(reason)
{
    public int Status { get; } = status;
    public string Error { get; } = error;
    public string Reason { get; } = reason;
}
