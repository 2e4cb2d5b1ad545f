using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;

namespace Roster.Domain.Users;

/// <summary>User tokens and ZAKs: signed, expiring, revocable.</summary>
public sealed class UserTokensService(IRosterStore store, TimeProvider clock, RosterKeys keys)
{
    public const long DefaultZakTtl = 7200;
    public const long ApiUserZakTtl = 7_776_000;
    public const long MaxZakTtl = 31_536_000;
    /// <summary>GET /users/me/zak: Zoom's ZAKs from it expire five minutes after receipt.</summary>
    public const long OwnZakTtl = 300;
    public static readonly TimeSpan SdkTokenLifetime = TimeSpan.FromDays(14);

    DateTimeOffset Now => clock.GetUtcNow();

    // ---- user tokens ----

    public Task<string> IssueTokenAsync(Caller caller, string userId, string? type, long? ttl, CancellationToken ct = default)
    {
        type = string.IsNullOrEmpty(type) ? "token" : type;
        if (type is not ("token" or "zak")) throw Fail.InvalidField("type");
        // Zoom documents ttl for ZAKs only; a token of another type ignores it
        if (type == "zak" && ttl is { } t && (t < 1 || t > MaxZakTtl)) throw Fail.InvalidField("ttl");
        return store.ReadAsync(async s =>
        {
            var user = await Target(s, caller, userId, Operations.GetToken);
            ThrowIfInvitationExpired(user, Now);
            var lifetime = type == "token"
                ? (long)SdkTokenLifetime.TotalSeconds
                : ttl ?? (user.LoginType == LoginTypes.ApiUser ? ApiUserZakTtl : DefaultZakTtl);
            return Sign(user, type, lifetime);
        }, ct);
    }

    /// <summary>GET /users/me/zak: a ZAK of the token's own user, valid for <see cref="OwnZakTtl"/> seconds.</summary>
    public Task<string> IssueOwnZakAsync(Caller caller, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            var user = await Target(s, caller, "me", Operations.GetOwnZak);
            ThrowIfInvitationExpired(user, Now);
            return Sign(user, "zak", OwnZakTtl);
        }, ct);

    string Sign(User user, string type, long lifetime)
    {
        var now = Now;
        var payload = new UserTokenPayload(user.Id, type, now.ToUnixTimeMilliseconds(), now.ToUnixTimeSeconds() + lifetime,
            Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));
        return keys.UserTokens.Encode(payload, DomainJsonContext.Default.UserTokenPayload);
    }

    public Task RevokeTokensAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.RevokeSsoToken, hold: true);
            user.TokensRevokedAt = Now;
            await s.UpdateUserAsync(user);
            await Record(s, clock, caller, DomainEvent.Of(user, new UserTokensRevoked(EventUser.Of(user))));
            return true;
        }, ct);

    /// <summary>Checks a user token: signed by this store, not expired, issued after the user's last revoke.</summary>
    public Task<UserTokenPayload?> VerifyTokenAsync(Caller caller, string token, CancellationToken ct = default)
    {
        Operations.RosterVerifyToken.AuthorizeAdmin(caller);
        if (!keys.UserTokens.TryDecode(token, DomainJsonContext.Default.UserTokenPayload, out var payload)
            || payload!.ExpiresAt <= Now.ToUnixTimeSeconds())
            return Task.FromResult<UserTokenPayload?>(null);
        return store.ReadAsync<UserTokenPayload?>(async s =>
        {
            var user = await s.GetUserAsync(payload.UserId);
            if (user is null || user.AccountId != caller.AccountId) return null; // another account's token is unknown here
            if (user.TokensRevokedAt is { } revoked && payload.IssuedAtMs <= revoked.ToUnixTimeMilliseconds()) return null;
            return payload;
        }, ct);
    }
}
