using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Domain.Abstractions;

/// <summary>
/// What a write session holds against concurrent writers. A store may run writes side by side (PostgreSQL at READ
/// COMMITTED, several nodes): a plain read sees what was committed when it ran, so a rule that reads, decides and
/// writes names here what it depends on. Each lock lasts until the session ends; where writes never overlap (one
/// SQLite writer) these are plain reads and no-ops. Unique indexes decide creation races on their own.
/// </summary>
public interface ILockStore
{
    /// <summary>The user as committed now, held against every other write of that user until this session ends.</summary>
    Task<User?> LockUserAsync(string id);
    /// <summary>The account as committed now, held against every other write of that account until this session ends.</summary>
    Task<Account?> LockAccountAsync(string id);
    /// <summary>Waits for, then holds, the lock called <paramref name="name"/>: for rules over sets of rows (seats in use, subscriptions of an app) or rows that may not exist yet (a meta key).</summary>
    Task LockAsync(string name);
}
