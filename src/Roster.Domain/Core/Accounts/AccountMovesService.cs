using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Accounts;

/// <summary>Moving users between the accounts of one master.</summary>
public sealed class AccountMovesService(IRosterStore store, TimeProvider clock)
{
    /// <summary>
    /// Moves a user between accounts of one master (seed: switch_user_account). <paramref name="accountId"/> is
    /// the user's current account, <c>me</c> naming the master itself; the destination must be a sub account.
    /// </summary>
    public Task SwitchUserAccountAsync(Caller caller, string accountId, string userId, string? destinationId, CancellationToken ct = default)
    {
        Operations.SwitchUserAccount.Authorize(caller, targetIsSelf: false);
        if (string.IsNullOrEmpty(destinationId)) throw Fail.InvalidField("account_id");
        return store.Write(async s =>
        {
            var master = await SubAccountsService.MasterOf(s, caller);
            var me = await s.GetUserAsync(caller.UserId);
            if (me is null || !(me.IsOwner || me.IsAdmin)) throw Fail.NoPrivilege("Only the master account's owner or an admin can do this.");
            var source = accountId == "me" ? master : await s.GetAccountAsync(accountId);
            if (source is null || (source.Id != master.Id && source.ParentId != master.Id)) throw Fail.AccountNotFound(accountId);
            var found = userId.Contains('@') ? await s.GetUserByEmailAsync(userId.ToLowerInvariant()) : await s.GetUserAsync(userId);
            var user = found is null ? null : await s.LockUserAsync(found.Id);
            if (user is null || user.AccountId != source.Id) throw Fail.UserNotFound(userId);
            var destination = await s.GetAccountAsync(destinationId);
            if (destination is null || destination.ParentId != master.Id) throw Fail.AccountNotFound(destinationId);
            if (destination.Id == source.Id) throw Fail.Invalid("The user is already in that account.");
            if (user.IsOwner || user.IsAdmin) throw Fail.NoPrivilege("The owner or an admin of an account cannot be moved to another account.");
            if (user.IsPending) throw Fail.Invalid("A pending user cannot be moved to another account.");
            var sourceOwner = await s.GetUserAsync(source.OwnerId);
            if (sourceOwner is not null && source.IsManagedEmail(user.Email) && Domain(user.Email) == Domain(sourceOwner.Email))
                throw Fail.ManagedDomainUser("A user of the account owner's managed domain cannot be moved to another account.");
            if (user.Status != UserStatuses.Inactive)
                await UsersService.RequireSeat(s, destination, user.Type, null, "The destination account has no available licensed seat.");
            await s.DeleteAllAssistantsAsync(user.Id);
            await s.DeleteAllSchedulersAsync(user.Id);
            var before = Changes.Snapshot(user);
            user.AccountId = destination.Id;
            user.RoleId = Roles.MemberId;
            await s.UpdateUserAsync(user);
            // the account always changes here, so there is always an event; it belongs to the account the user left
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(source.Id, user.Id, UserAccountSwitched.Of(before, user)!));
            return true;
        }, ct);
    }

    static string Domain(string email) => email[(email.LastIndexOf('@') + 1)..];
}
