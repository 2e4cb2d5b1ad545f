using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Users;
using Roster.Server.Users;

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

/// <summary>Puts the validated caller on the request for every endpoint of a group.</summary>
public static class CallerExtensions
{
    const string Key = "roster.caller";

    public static Caller Caller(this HttpContext context)
        => context.Items[Key] as Caller ?? throw new InvalidOperationException("endpoint is not behind RequireZoomToken");

    /// <summary>The caller once a token was checked for this request, else null.</summary>
    public static Caller? TryCaller(this HttpContext context) => context.Items.TryGetValue(Key, out var c) ? c as Caller : null;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    public static TBuilder RequireZoomToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (ctx, next) =>
        {
            var tokens = ctx.HttpContext.RequestServices.GetRequiredService<AccessTokens>();
            ctx.HttpContext.Items[Key] = await tokens.ValidateAsync(ctx.HttpContext.Request.Headers.Authorization);
            return await next(ctx);
        });

    /// <summary>
    /// Checks the operation's scopes before anything else about the request, as Zoom does: a token with neither an
    /// admin nor a user scope of the operation gets 4711 at once. Whether a user scope reaches the target (only
    /// <c>me</c>) is decided by the domain once the target is known.
    /// </summary>
    /// <remarks>Roster's own calls pass <paramref name="zoomRateLimits"/> false: they are not Zoom's API and use none of its quota.</remarks>
    public static TBuilder Scoped<TBuilder>(this TBuilder builder, Operation operation, bool zoomRateLimits = true) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var caller = http.Caller();
            var admin = operation.AdminScopes.Any(caller.Scopes.Contains);
            if (!admin && !operation.UserScopes.Any(caller.Scopes.Contains))
                throw Fail.MissingScopes(operation.AdminScopes);
            // User scopes reach only the caller: a target named by another id is refused before its input is read
            // (an e-mail may still be the caller's own; the domain decides that once the user is known).
            if (!admin && http.Request.RouteValues.TryGetValue("userId", out var target) && target is string t
                && t != "me" && t != caller.UserId && !t.Contains('@'))
                throw Fail.MissingScopes([.. operation.AdminScopes, .. operation.UserScopes]);
            var limiter = http.RequestServices.GetRequiredService<Domain.Limits.RateLimiter>();
            if (zoomRateLimits && limiter.Enabled)
            {
                var plan = (await http.RequestServices.GetRequiredService<Users.AccountFacts>().OfAsync(caller.AccountId, http.RequestAborted)).Plan;
                var decision = await limiter.TakeAsync(caller.AccountId, plan, operation.Label);
                if (decision.Error is not null)
                {
                    http.RequestServices.GetRequiredService<Metrics.RosterMetrics>().RateLimitRefused(operation, decision.Category, decision.Type);
                    throw decision.Refusal();
                }
                foreach (var (name, value) in decision.Headers()) http.Response.Headers[name] = value;
            }
            return await next(ctx);
        }).WithMetadata(operation);
}
