using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Storage;

/// <summary>What a write session holds against concurrent writers (see <see cref="ILockStore"/>): each row is read under its lock by the part that owns it.</summary>
internal sealed class LockStore(SessionLocks locks, UserStore users, AccountStore accounts) : ILockStore
{
    public Task<User?> LockUserAsync(string id) => users.LockAsync(id);

    public Task<Account?> LockAccountAsync(string id) => accounts.LockAsync(id);

    public Task LockAsync(string name) => locks.Named(name);
}
