using Roster.Domain.Abstractions;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Auth;

/// <summary>
/// User-level OAuth (reference §7.3): authorization codes (5 minutes, single use, PKCE S256 or plain) and
/// refresh tokens (rotated on every use, 90 days). Both are stored only as SHA-256 hashes.
/// </summary>
public sealed class UserOAuthService(IRosterStore store, TimeProvider clock, PasswordHasher? passwords = null)
{
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(90);
    const string Code = "code", Refresh = "refresh";

    static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    static string NewToken() => Ids.Random(32);

    /// <summary>Checks the parameters of <c>GET /oauth/authorize</c> before the sign-in page is shown.</summary>
    public Task<OAuthApp> CheckAuthorizeAsync(string? clientId, string? redirectUri, string? responseType, string? challengeMethod, CancellationToken ct = default)
    {
        if (responseType != "code") throw new OAuthException(400, "unsupported_response_type", "response_type must be code");
        if (challengeMethod is not (null or "" or "S256" or "plain")) throw new OAuthException(400, "invalid_request", "Unsupported code_challenge_method");
        return store.ReadAsync(async s =>
        {
            var app = string.IsNullOrEmpty(clientId) ? null : await s.GetAppAsync(clientId);
            if (app is null || !app.Active || app.Type != OAuthAppTypes.User) throw new OAuthException(400, "invalid_client", "Invalid client_id");
            if (string.IsNullOrEmpty(redirectUri) || !app.RedirectUris.Contains(redirectUri)) throw new OAuthException(400, "invalid_request", "Redirect URI mismatch");
            return app;
        }, ct);
    }

    /// <summary>The user signs in on the consent page; the answer is a code for the app's redirect URI.</summary>
    public async Task<string> AuthorizeAsync(string clientId, string redirectUri, string email, string password, string? challenge, string? challengeMethod, CancellationToken ct = default)
    {
        var app = await CheckAuthorizeAsync(clientId, redirectUri, "code", challengeMethod, ct);
        var user = await store.ReadAsync(s => s.GetUserByEmailAsync(email.Trim().ToLowerInvariant()), ct);
        if (user is null || user.Status != UserStatuses.Active || !await _passwords.VerifyAsync(password, user.PasswordHash, ct))
            throw new OAuthException(401, "access_denied", "Invalid email or password");
        var code = NewToken();
        await store.Write(async s =>
        {
            // the sign-in is recorded on the user (last_login_time) in the same transaction as the code
            var current = await s.LockUserAsync(user.Id);
            if (current is null || current.Status != UserStatuses.Active) throw new OAuthException(401, "access_denied", "Invalid email or password");
            current.LastLoginTime = clock.GetUtcNow();
            await s.UpdateUserAsync(current);
            await s.InsertGrantAsync(new OAuthGrant(Hash(code), Code, app.ClientId, user.Id, user.AccountId, app.Scopes, redirectUri,
                string.IsNullOrEmpty(challenge) ? null : challenge, string.IsNullOrEmpty(challenge) ? null : challengeMethod ?? "plain", clock.GetUtcNow() + CodeLifetime));
            await s.RecordAsync(clock, new Events.Operator(user.Id, app.ClientId), Events.DomainEvent.Of(user,
                new Events.UserSignedIn(Events.EventUser.Of(user) with { SignInType = "oauth", ClientId = app.ClientId })));
            return true;
        }, ct);
        return code;
    }

    /// <summary><c>grant_type=authorization_code</c>: a code, once, within 5 minutes, by the app it was made for.</summary>
    public Task<UserGrant> ExchangeCodeAsync(OAuthApp app, string? code, string? redirectUri, string? verifier, CancellationToken ct = default)
    {
        if (app.Type != OAuthAppTypes.User) throw new OAuthException(400, "unauthorized_client", "This app cannot use the authorization_code grant");
        if (string.IsNullOrEmpty(code)) throw new OAuthException(400, "invalid_request", "Missing code");
        return store.Write(async s =>
        {
            var grant = await s.TakeGrantAsync(Hash(code), Code) ?? throw new OAuthException(400, "invalid_grant", "Invalid authorization code");
            if (grant.ClientId != app.ClientId) throw new OAuthException(400, "invalid_grant", "Invalid authorization code");
            if (grant.ExpiresAt <= clock.GetUtcNow()) throw new OAuthException(400, "invalid_grant", "Authorization code expired");
            if (grant.RedirectUri != redirectUri) throw new OAuthException(400, "invalid_request", "Redirect URI mismatch");
            if (grant.CodeChallenge is { } challenge && !PkceMatches(challenge, grant.ChallengeMethod, verifier))
                throw new OAuthException(400, "invalid_grant", "Invalid code_verifier");
            return await Grant(s, app, grant.UserId);
        }, ct);
    }

    /// <summary><c>grant_type=refresh_token</c>: the old refresh token stops working, a new one is returned.</summary>
    public Task<UserGrant> RefreshAsync(OAuthApp app, string? refreshToken, CancellationToken ct = default)
    {
        if (app.Type != OAuthAppTypes.User) throw new OAuthException(400, "unauthorized_client", "This app cannot use the refresh_token grant");
        if (string.IsNullOrEmpty(refreshToken)) throw new OAuthException(400, "invalid_request", "Missing refresh_token");
        return store.Write(async s =>
        {
            var grant = await s.TakeGrantAsync(Hash(refreshToken), Refresh) ?? throw new OAuthException(400, "invalid_grant", "Invalid Token!");
            if (grant.ClientId != app.ClientId || grant.ExpiresAt <= clock.GetUtcNow()) throw new OAuthException(400, "invalid_grant", "Invalid Token!");
            return await Grant(s, app, grant.UserId);
        }, ct);
    }

    async Task<UserGrant> Grant(IStoreSession s, OAuthApp app, string userId)
    {
        var user = await s.GetUserAsync(userId);
        if (user is null || user.Status != UserStatuses.Active) throw new OAuthException(400, "invalid_grant", "The user of this grant no longer exists or is not active");
        var refresh = NewToken();
        await s.InsertGrantAsync(new OAuthGrant(Hash(refresh), Refresh, app.ClientId, user.Id, user.AccountId, app.Scopes, null, null, null, clock.GetUtcNow() + RefreshLifetime));
        return new UserGrant(user.Id, user.AccountId, app.ClientId, app.Scopes, refresh);
    }

    public static bool PkceMatches(string challenge, string? method, string? verifier)
    {
        if (string.IsNullOrEmpty(verifier)) return false;
        var expected = method == "S256"
            ? Ids.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }
}
