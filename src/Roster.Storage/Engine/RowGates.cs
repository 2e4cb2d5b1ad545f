
namespace Roster.Storage;

/// <summary>
/// A node's own queue in front of each row lock it asks the database for. Many writes of one row at once (64
/// clients patching one user) would otherwise each hold a connection and wait in PostgreSQL's lock manager, where
/// every release wakes the whole queue to fight for the row again and the fighting takes the cores the holder needs.
/// Here they wait in the node, one at a time per row goes on to the database, and its lock is held only as long as
/// its statements run.
/// </summary>
/// <remarks>
/// A gate is only an order of arrival, never the rule: the database's lock is still taken after it. A write that
/// waits longer than <see cref="Patience"/> goes on without its gate, so two writes that take two rows in opposite
/// orders end in the database's deadlock detection (and their retry) as they would with no gate, never waiting on
/// each other in the node.
/// </remarks>
internal sealed class RowGates
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    sealed class Gate
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        /// <summary>Writes holding or waiting for this gate; -1 once it has left the table.</summary>
        public int Users;
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Gates in the table now (each held or waited for).</summary>
    public int Count => _gates.Count;

    /// <summary>Waits for the row's turn; null when <see cref="Patience"/> ran out first (then the write goes on without it).</summary>
    public async ValueTask<IDisposable?> EnterAsync(string row, CancellationToken ct)
    {
        Gate gate;
        while (true)
        {
            gate = _gates.GetOrAdd(row, _ => new Gate());
            lock (gate)
            {
                if (gate.Users >= 0)
                {
                    gate.Users++;
                    break;
                }
            }
        }
        var entered = false;
        try
        {
            entered = await gate.Turn.WaitAsync(Patience, ct);
        }
        finally
        {
            if (!entered) Leave(row, gate, held: false);
        }
        return entered ? new Turn(this, row, gate) : null;
    }

    void Leave(string row, Gate gate, bool held)
    {
        if (held) gate.Turn.Release();
        lock (gate)
        {
            if (--gate.Users > 0) return;
            gate.Users = -1;
            _gates.TryRemove(new KeyValuePair<string, Gate>(row, gate));
        }
    }

    sealed class Turn(RowGates gates, string row, Gate gate) : IDisposable
    {
        int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) gates.Leave(row, gate, held: true);
        }
    }
}
