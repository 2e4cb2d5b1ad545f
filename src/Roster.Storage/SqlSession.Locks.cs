using Roster.Domain.Accounts;

namespace Roster.Storage;

internal sealed partial class SqlSession
{
    // ---- locks held by a write session (see ILockStore) ----

    public async Task<User?> LockUserAsync(string id)
    {
        var user = (await One<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @id {unique.ForUpdate}", new { id }))?.ToUser();
        if (user is not null) Hold(user.Id, CountKey.Of(user));
        return user;
    }

    /// <summary>
    /// The totals' keys of users this session holds, as the row now is (read under its lock, or written by this session):
    /// a user's totals move without reading the row again while its lock is held.
    /// </summary>
    Dictionary<string, CountKey>? _held;

    void Hold(string userId, CountKey key) => (_held ??= new(StringComparer.Ordinal))[userId] = key;

    async Task<CountKey?> HeldKeyOf(string userId) => _held is not null && _held.TryGetValue(userId, out var key) ? key : await KeyOf(userId);

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
