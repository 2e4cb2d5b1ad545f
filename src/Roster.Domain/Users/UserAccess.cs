namespace Roster.Domain.Users;

/// <summary>What every user operation does first: find the target in the caller's account, check privileges, record.</summary>
internal static class UserAccess
{
    /// <summary>
    /// Finds the user a path names (id, e-mail or <c>me</c>) inside the caller's account and checks the
    /// operation's scopes. A user of another account answers exactly as a user that does not exist.
    /// </summary>
    public static async Task<User> Target(IStoreSession s, Caller caller, string userId, Operation op)
    {
        var user = userId == "me"
            ? await s.GetUserAsync(caller.UserId)
            : userId.Contains('@') ? await s.GetUserByEmailAsync(userId.ToLowerInvariant()) : await s.GetUserAsync(userId);
        if (user is null || user.AccountId != caller.AccountId) throw Fail.UserNotFound(userId);
        op.Authorize(caller, user.Id == caller.UserId);
        return user;
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
