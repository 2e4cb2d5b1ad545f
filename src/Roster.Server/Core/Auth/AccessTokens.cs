using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;

namespace Roster.Server.Auth;

/// <summary>
/// Access tokens are JWTs signed (HS256) with the store's key, so any node sharing the store accepts them.
/// They carry the account, the app, the user a token acts as (<c>me</c>) and the space-separated scopes.
/// </summary>
public sealed class AccessTokens(RosterKeys keys, TimeProvider clock, IRosterStore store) : Domain.Events.IFollowsStore
{
    public const int LifetimeSeconds = 3600;
    const string Issuer = "roster";
    readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    (byte[] Secret, SymmetricSecurityKey Key)? _signing;
    /// <summary>The key of the store's current secret (a replaced state may bring another).</summary>
    SymmetricSecurityKey Key
    {
        get
        {
            var secret = keys.Secret;
            if (_signing is { } current && ReferenceEquals(current.Secret, secret)) return current.Key;
            var key = new SymmetricSecurityKey(secret) { KeyId = "roster-1" };
            _signing = (secret, key);
            return key;
        }
    }
    const int MaxRemembered = 10_000;
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> _validated = new(StringComparer.Ordinal);

    public string Issue(OAuthApp app) => Issue(app.AccountId, app.ClientId, app.OwnerUserId, TokenScopes(app));

    /// <summary>What an app's token holds: its scopes and, as Zoom grants every app, the event-subscription scopes.</summary>
    public static IReadOnlyList<string> TokenScopes(OAuthApp app) => app.Type == OAuthAppTypes.ServerToServer
        ? [.. app.Scopes, .. Operations.EventSubscriptionScopes.Except(app.Scopes)]
        : app.Scopes;

    /// <summary>
    /// A token acting as <paramref name="userId"/> of <paramref name="accountId"/> with <paramref name="scopes"/>;
    /// <paramref name="userLevel"/> marks tokens of user-level OAuth (claim <c>typ</c> = <c>user</c>).
    /// </summary>
    public string Issue(string accountId, string clientId, string userId, IEnumerable<string> scopes, bool userLevel = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(LifetimeSeconds),
            Claims = new Dictionary<string, object>
            {
                ["aid"] = accountId,
                ["cid"] = clientId,
                ["uid"] = userId,
                ["scope"] = string.Join(' ', scopes),
                ["typ"] = userLevel ? "user" : "s2s",
            },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The caller a bearer token names, or Zoom's 401/124 when it is missing, malformed or expired.</summary>
    public async Task<Caller> ValidateAsync(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            throw Fail.InvalidAccessToken();
        var presented = authorization.AsSpan("Bearer ".Length).Trim();
        // A token's signature and claims never change, so a validated token is remembered until it expires:
        // the signature check is the most expensive step of a cheap read. It is looked up by the header's own
        // characters (no copy of the token per request).
        if (_validated.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(presented, out var remembered, out var known))
        {
            if (known.Expires > clock.GetUtcNow()) return known.Caller;
            _validated.TryRemove(remembered, out _);
            throw Fail.ExpiredAccessToken();
        }
        var token = presented.ToString();
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = Key,
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > clock.GetUtcNow().UtcDateTime,
        });
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException) throw Fail.ExpiredAccessToken();
            throw Fail.InvalidAccessToken();
        }
        string Claim(string name) => result.Claims.TryGetValue(name, out var v) && v is string s ? s : throw Fail.InvalidAccessToken();
        var scopes = Claim("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var caller = new Caller(Claim("aid"), Claim("uid"), Claim("cid"), scopes, UserLevel: result.Claims.TryGetValue("typ", out var typ) && typ is "user");
        // the app that got the token must still exist (a deleted sandbox account, a reset): checked once per token
        if (await store.ReadAsync(st => st.GetAppAsync(caller.ClientId)) is null) throw Fail.InvalidAccessToken();
        if (_validated.Count >= MaxRemembered) _validated.Clear();
        _validated[token] = (caller, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
        return caller;
    }

    /// <summary>A deleted account: its tokens are checked afresh (and refused, its apps being gone).</summary>
    public void Apply(Domain.Events.DomainEvent e)
    {
        if (e.Is<Domain.Events.AccountDeleted>()) ForgetAccount(e.AccountId);
    }

    /// <summary>Drops the checked tokens of a deleted account (every node follows the event; the one that deleted it at once).</summary>
    void ForgetAccount(string accountId)
    {
        foreach (var (token, known) in _validated)
            if (known.Caller.AccountId == accountId) _validated.TryRemove(token, out _);
    }

    /// <summary>A replaced state: tokens are checked afresh, against the store's key as it is now.</summary>
    public ValueTask ForgetAsync(CancellationToken ct)
    {
        _validated.Clear();
        return ValueTask.CompletedTask;
    }
}
