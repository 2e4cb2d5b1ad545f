using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>OAuth apps and their single-use grants.</summary>
internal sealed class AppStore(SqlRunner db) : IAppStore
{
    sealed class AppRow
    {
        public string ClientId { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string OwnerUserId { get; set; } = "";
        public string Scopes { get; set; } = "";
        public string Name { get; set; } = "";
        public long Active { get; set; }
        public long CreatedAt { get; set; }
        public string AppType { get; set; } = "s2s";
        public string RedirectUris { get; set; } = "";
        public string WebhookSecret { get; set; } = "";
    }

    const string AppColumns = "client_id, secret_hash, account_id, owner_user_id, scopes, name, active, created_at, app_type, redirect_uris, webhook_secret";

    static OAuthApp ToApp(AppRow r) => new()
    {
        ClientId = r.ClientId, SecretHash = r.SecretHash, AccountId = r.AccountId, OwnerUserId = r.OwnerUserId,
        Scopes = r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), Name = r.Name, Active = r.Active != 0, CreatedAt = At(r.CreatedAt),
        Type = r.AppType, RedirectUris = r.RedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries), WebhookSecret = r.WebhookSecret,
    };

    public async Task<OAuthApp?> GetAppAsync(string clientId)
        => await db.One<AppRow>($"SELECT {AppColumns} FROM oauth_apps WHERE client_id = @clientId", new { clientId }) is { } r ? ToApp(r) : null;

    public async Task<IReadOnlyList<OAuthApp>> ListAppsAsync(string accountId)
        => (await db.Many<AppRow>($"SELECT {AppColumns} FROM oauth_apps WHERE account_id = @accountId ORDER BY created_at, client_id", new { accountId })).Select(ToApp).ToList();

    public Task InsertAppAsync(OAuthApp a)
        => db.Exec("INSERT INTO oauth_apps (client_id, secret_hash, account_id, owner_user_id, scopes, name, active, created_at, app_type, redirect_uris, webhook_secret) VALUES (@ClientId, @SecretHash, @AccountId, @OwnerUserId, @Scopes, @Name, @Active, @CreatedAt, @Type, @RedirectUris, @WebhookSecret)",
            new { a.ClientId, a.SecretHash, a.AccountId, a.OwnerUserId, Scopes = string.Join(' ', a.Scopes), a.Name, Active = a.Active ? 1 : 0, CreatedAt = Ms(a.CreatedAt), a.Type, RedirectUris = string.Join(' ', a.RedirectUris), a.WebhookSecret });

    public Task UpdateAppSecretAsync(string clientId, string secretHash)
        => db.Exec("UPDATE oauth_apps SET secret_hash = @secretHash WHERE client_id = @clientId", new { clientId, secretHash });

    public Task UpdateAppScopesAsync(string clientId, IReadOnlyList<string> scopes)
        => db.Exec("UPDATE oauth_apps SET scopes = @scopes WHERE client_id = @clientId", new { clientId, scopes = string.Join(' ', scopes) });

    sealed class GrantRow
    {
        public string TokenHash { get; set; } = "";
        public string Kind { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string UserId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Scopes { get; set; } = "";
        public string? RedirectUri { get; set; }
        public string? CodeChallenge { get; set; }
        public string? ChallengeMethod { get; set; }
        public long ExpiresAt { get; set; }
    }

    public Task InsertGrantAsync(OAuthGrant g)
        => db.Exec(
            """
            INSERT INTO oauth_grants (token_hash, kind, client_id, user_id, account_id, scopes, redirect_uri, code_challenge, challenge_method, expires_at, used)
            VALUES (@TokenHash, @Kind, @ClientId, @UserId, @AccountId, @Scopes, @RedirectUri, @CodeChallenge, @ChallengeMethod, @ExpiresAt, 0)
            """,
            new { g.TokenHash, g.Kind, g.ClientId, g.UserId, g.AccountId, Scopes = string.Join(' ', g.Scopes), g.RedirectUri, g.CodeChallenge, g.ChallengeMethod, ExpiresAt = Ms(g.ExpiresAt) });

    public async Task<OAuthGrant?> TakeGrantAsync(string tokenHash, string kind)
    {
        // The update decides: of two concurrent uses, only one changes the row.
        if (await db.Exec("UPDATE oauth_grants SET used = 1 WHERE token_hash = @tokenHash AND kind = @kind AND used = 0", new { tokenHash, kind }) != 1) return null;
        var r = await db.One<GrantRow>("SELECT token_hash, kind, client_id, user_id, account_id, scopes, redirect_uri, code_challenge, challenge_method, expires_at FROM oauth_grants WHERE token_hash = @tokenHash", new { tokenHash });
        return r is null ? null : new OAuthGrant(r.TokenHash, r.Kind, r.ClientId, r.UserId, r.AccountId, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            r.RedirectUri, r.CodeChallenge, r.ChallengeMethod, At(r.ExpiresAt));
    }
}
