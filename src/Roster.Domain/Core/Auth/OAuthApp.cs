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
    /// <summary><c>s2s</c> (Server-to-Server, account_credentials) or <c>user</c> (authorization code, acts on <c>me</c>).</summary>
    public string Type { get; init; } = OAuthAppTypes.ServerToServer;
    /// <summary>Redirect URIs a user-level app may send codes to.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The webhook secret token that signs the app's deliveries, as stored (sealed by the store's <see cref="SecretBox"/>); empty until made.</summary>
    public string WebhookSecret { get; init; } = "";
}
