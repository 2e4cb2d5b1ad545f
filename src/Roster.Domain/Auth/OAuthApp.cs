namespace Roster.Domain.Auth;

/// <summary>A Server-to-Server OAuth app of an account. The secret is kept only as a SHA-256 hash.</summary>
public sealed class OAuthApp
{
    public required string ClientId { get; init; }
    public required string SecretHash { get; init; }
    public required string AccountId { get; init; }
    /// <summary>The user a token of this app acts as; <c>me</c> names this user.</summary>
    public required string OwnerUserId { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public string Name { get; init; } = "Roster Server-to-Server";
    public bool Active { get; init; } = true;
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Who is calling: the account and user of the access token, and the token's scopes.</summary>
public sealed record Caller(string AccountId, string UserId, string ClientId, IReadOnlySet<string> Scopes);
