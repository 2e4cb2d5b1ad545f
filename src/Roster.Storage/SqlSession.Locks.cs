using Roster.Domain.Accounts;

namespace Roster.Storage;

internal sealed partial class SqlSession
{
    // ---- locks held by a write session (see ILockStore) ----

    public async Task<User?> LockUserAsync(string id)
        => (await One<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @id {unique.ForUpdate}", new { id }))?.ToUser();

    public async Task<Account?> LockAccountAsync(string id)
        => (await One<AccountRow>($"SELECT {AccountColumns} FROM accounts WHERE id = @id {unique.ForUpdate}", new { id }))?.ToAccount();

    public async Task LockAsync(string name)
    {
        if (unique.NamedLock is { } sql) await Exec(sql, new { name });
    }

    /// <summary>Keeps every other writer of the whole state out until this session ends (a snapshot copied or put back whole).</summary>
    async Task LockState(params IEnumerable<string>[] tables)
    {
        if (unique.LockTables(tables.SelectMany(t => t).Distinct()) is { } sql) await Exec(sql);
    }
}
