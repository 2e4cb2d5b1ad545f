using System.Text.RegularExpressions;
using Roster.Domain.Abstractions;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Sandbox;

/// <summary>
/// Acts out what Roster has no clients for: a user signing in to (or out of) a Zoom client. A sign-in sets what
/// Zoom records of it (<c>last_login_time</c>, <c>last_client_version</c>, an SSO user's <c>employee_unique_id</c>)
/// and both record Zoom's <c>user.signed_in</c> / <c>user.signed_out</c> events, so an integration can be tested
/// against them.
/// </summary>
public sealed partial class ClientSignIns(IRosterStore store, TimeProvider clock)
{
    public static readonly string[] ClientTypes = ["browser", "mac", "win", "iphone", "android", "ipad", "chromeos", "linux"];

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")]
    private static partial Regex VersionPattern();

    /// <summary>Zoom's login type of a sign-in by this user (API users cannot sign in at all).</summary>
    static int LoginTypeOf(User user) => user.LoginType == LoginTypes.Sso ? LoginTypes.Sso : LoginTypes.WorkEmail;

    static void Check(ClientSignIn body)
    {
        if (body.ClientType is null || !ClientTypes.Contains(body.ClientType)) throw Fail.InvalidField("client_type");
        if (body.ClientType == "browser" ? body.Version is { Length: > 0 } && !VersionPattern().IsMatch(body.Version)
                                         : body.Version is null || !VersionPattern().IsMatch(body.Version))
            throw Fail.InvalidField("version");
        if (body.EmployeeUniqueId is { } e && (e.Length is 0 or > 128 || e.Any(char.IsControl))) throw Fail.InvalidField("employee_unique_id");
    }

    /// <summary>Finds the user (id or e-mail, any account: the sandbox key is the store's) who may sign in.</summary>
    static async Task<User> Signer(IStoreSession s, string userId)
    {
        var found = userId.Contains('@') ? await s.GetUserByEmailAsync(userId.ToLowerInvariant()) : await s.GetUserAsync(userId);
        var user = found is null ? null : await s.LockUserAsync(found.Id);
        if (user is null) throw Fail.UserNotFound(userId);
        if (user.Status != UserStatuses.Active) throw Fail.Invalid("Only an active user can sign in to a Zoom client.");
        if (user.LoginType == LoginTypes.ApiUser) throw Fail.Invalid("An API user (custCreate) cannot sign in to a Zoom client.");
        return user;
    }

    static EventUser What(User user, ClientSignIn body) => EventUser.Of(user) with
    {
        SignInType = "client", ClientType = body.ClientType, Version = body.Version ?? "", LoginType = LoginTypeOf(user),
    };

    public Task<User> SignInAsync(string userId, ClientSignIn body, CancellationToken ct = default)
    {
        Check(body);
        return store.Write(async s =>
        {
            var user = await Signer(s, userId);
            if (body.EmployeeUniqueId is not null && user.LoginType != LoginTypes.Sso)
                throw Fail.Invalid("employee_unique_id comes with a SAML SSO sign-in; this user does not sign in with SSO.");
            user.LastLoginTime = clock.GetUtcNow();
            if (body.ClientType != ClientPresence.Browser) user.Profile.LastClientVersion = $"{body.Version}({body.ClientType})";
            ClientPresence.SignedIn(user.Profile, body.ClientType!);
            if (body.EmployeeUniqueId is { } e && e != user.Profile.EmployeeUniqueId)
            {
                // one identity-provider id names one user of an account (GET user looks users up by it); the lock makes
                // two sign-ins bringing the same id wait for each other, where no unique index can say it
                await s.LockAsync($"employee-unique-id:{user.AccountId}");
                if ((await s.GetUsersByEmployeeUniqueIdAsync(user.AccountId, e)).Count > 0)
                    throw Fail.Invalid($"Another user of this account already has employee_unique_id \"{e}\".");
                user.Profile.EmployeeUniqueId = e;
            }
            await s.UpdateUserAsync(user);
            await s.RecordAsync(clock, Operator.User(user.Id), DomainEvent.Of(user, new UserSignedIn(What(user, body))));
            return user;
        }, ct);
    }

    public Task SignOutAsync(string userId, ClientSignIn body, CancellationToken ct = default)
    {
        Check(body);
        if (body.EmployeeUniqueId is not null) throw Fail.InvalidField("employee_unique_id");
        return store.Write(async s =>
        {
            var user = await Signer(s, userId);
            if (ClientPresence.SignedOut(user.Profile, body.ClientType!)) await s.UpdateUserAsync(user);
            await s.RecordAsync(clock, Operator.User(user.Id), DomainEvent.Of(user, new UserSignedOut(What(user, body))));
            return true;
        }, ct);
    }
}
