using Roster.Domain.Accounts;

namespace Roster.Storage;

internal sealed partial class SqlSession
{
    // ---- locks held by a write session (see ILockStore) ----

    public async Task<User?> LockUserAsync(string id)
    {
        await QueueFor("user:" + id);
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
    {
        await QueueFor("account:" + id);
        return (await One<AccountRow>($"SELECT {AccountColumns} FROM accounts WHERE id = @id {unique.ForUpdate}", new { id }))?.ToAccount();
    }

    public async Task LockAsync(string name)
    {
        if (unique.NamedLock is not { } sql) return;
        await QueueFor("lock:" + name);
        await Exec(sql, new { name });
    }

    // the node's turns this session holds (see RowGates), each taken once, given back when the transaction has ended
    HashSet<string>? _queued;
    List<IDisposable>? _turns;

    async Task QueueFor(string row)
    {
        if (gates is null || !(_queued ??= new(StringComparer.Ordinal)).Add(row)) return;
        if (await gates.EnterAsync(row, CancellationToken.None) is { } turn) (_turns ??= []).Add(turn);
    }

    /// <summary>Gives back the node's turns; called once the transaction has committed or rolled back.</summary>
    public void LeaveQueues()
    {
        if (_turns is null) return;
        foreach (var turn in _turns) turn.Dispose();
        _turns = null;
    }

    /// <summary>Keeps every other writer of the whole state out until this session ends (a snapshot copied or put back whole).</summary>
    async Task LockState(params IEnumerable<string>[] tables)
    {
        if (unique.LockTables(tables.SelectMany(t => t).Distinct()) is { } sql) await Exec(sql);
    }
}
