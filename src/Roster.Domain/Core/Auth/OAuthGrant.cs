namespace Roster.Domain.Auth;

/// <summary>An authorization code or a refresh token, stored only as a hash; single use.</summary>
public sealed record OAuthGrant(
    string TokenHash, string Kind, string ClientId, string UserId, string AccountId, IReadOnlyList<string> Scopes,
    string? RedirectUri, string? CodeChallenge, string? ChallengeMethod, DateTimeOffset ExpiresAt);
