namespace Roster.Domain.Auth;

/// <summary>
/// Who is calling: the account and user of the access token, and the token's scopes. <paramref name="UserLevel"/> is
/// true for tokens of user-level OAuth (authorization code), which act for the signed-in user only.
/// </summary>
public sealed record Caller(string AccountId, string UserId, string ClientId, IReadOnlySet<string> Scopes, bool UserLevel = false);
