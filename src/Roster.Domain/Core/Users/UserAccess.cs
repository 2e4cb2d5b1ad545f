using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Users;

/// <summary>What every user operation does first: find the target in the caller's account, check privileges, record.</summary>
internal static class UserAccess
{
    /// <summary>
    /// Finds the user a path names (id, e-mail or <c>me</c>) inside the caller's account and checks the
    /// operation's scopes. A user of another account answers exactly as a user that does not exist.
    /// </summary>
    /// <param name="hold">For a write that reads the user, decides and writes it back: the user as committed now,
    /// held against every other write of it until the session ends (<see cref="ILockStore.LockUserAsync"/>).</param>
    public static async Task<User> Target(IStoreSession s, Caller caller, string userId, Operation op, bool hold = false)
    {
        var id = userId == "me" ? caller.UserId : userId;
        if (userId.Contains('@'))
        {
            var byEmail = await s.GetUserByEmailAsync(userId.ToLowerInvariant());
            if (!hold || byEmail is null) return Authorized(byEmail);
            id = byEmail.Id;
        }
        return Authorized(hold ? await s.LockUserAsync(id) : await s.GetUserAsync(id));

        User Authorized(User? user) => Found(user, caller, userId, op);
    }

    /// <summary>
    /// <paramref name="user"/> when it is of the caller's account and the operation's scopes allow the call; a user
    /// of another account answers exactly as one that does not exist.
    /// </summary>
    public static User Found(User? user, Caller caller, string named, Operation op)
    {
        if (user is null || user.AccountId != caller.AccountId) throw Fail.UserNotFound(named);
        op.Authorize(caller, user.Id == caller.UserId);
        return user;
    }

    /// <summary>
    /// <paramref name="user"/> as committed now, held against every other write of it until the session ends; a user
    /// gone or moved to another account meanwhile answers as not found.
    /// </summary>
    public static async Task<User> Hold(IStoreSession s, User user, string? named = null)
    {
        var held = await s.LockUserAsync(user.Id);
        if (held is null || held.AccountId != user.AccountId) throw Fail.UserNotFound(named ?? user.Id);
        return held;
    }

    /// <summary>Records an event of this write, by the caller, on the store's clock (null records nothing).</summary>
    public static Task Record(IStoreSession s, TimeProvider clock, Caller caller, DomainEvent? e) => s.RecordAsync(clock, Operator.Of(caller), e);

    /// <summary>Owner and admins manage other users; a member may act only on what user scopes allow.</summary>
    public static async Task<User> RequireAdmin(IStoreSession s, Caller caller)
    {
        var me = await s.GetUserAsync(caller.UserId);
        if (me is null || me.AccountId != caller.AccountId || !(me.IsOwner || me.IsAdmin))
            throw Fail.NoPrivilege("Only the account owner or an admin can do this.");
        return me;
    }

    public static void ThrowIfInvitationExpired(User user, DateTimeOffset now)
    {
        if (user.InvitationExpired(now)) throw Fail.InvitationExpired();
    }

    public static async Task<Account> AccountOf(IStoreSession s, string accountId)
        => await s.GetAccountAsync(accountId) ?? throw Fail.AccountNotFound(accountId);
}
