namespace Roster.Domain.Auth;

/// <summary>What a successful code exchange or refresh grants.</summary>
public sealed record UserGrant(string UserId, string AccountId, string ClientId, IReadOnlyList<string> Scopes, string RefreshToken);
