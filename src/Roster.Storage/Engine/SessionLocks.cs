
namespace Roster.Storage;

/// <summary>
/// The locks a write session takes, as the parts need them: the node's turn for a row (<see cref="RowGates"/>) before
/// the database's lock, a named lock, the whole state's tables. Where one writer runs at a time (SQLite) the dialect
/// has no statement for them and they are no-ops.
/// </summary>
internal sealed class SessionLocks(SqlRunner db, RowGates? gates)
{
    // the node's turns this session holds (see RowGates), each taken once, given back when the transaction has ended
    HashSet<string>? _queued;
    List<IDisposable>? _turns;

    /// <summary>Waits for the node's turn at <paramref name="row"/> (once per session), before the database's lock is asked for.</summary>
    public async Task QueueFor(string row)
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

    /// <summary>Waits for, then holds, the lock called <paramref name="name"/> until the session ends.</summary>
    public async Task Named(string name)
    {
        if (db.Dialect.NamedLock is not { } sql) return;
        await QueueFor("lock:" + name);
        await db.Exec(sql, new { name });
    }

    /// <summary>Keeps every other writer of the whole state out until this session ends (a snapshot copied or put back whole).</summary>
    public async Task State(params IEnumerable<string>[] tables)
    {
        if (db.Dialect.LockTables(tables.SelectMany(t => t).Distinct()) is { } sql) await db.Exec(sql);
    }
}
