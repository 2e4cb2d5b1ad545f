namespace Roster.Domain.Limits;

/// <summary>
/// Counts against a budget the nodes share without a store round trip per request: a node takes a small batch of a
/// window's budget at once (<see cref="BatchFor"/>) and spends it locally. Nodes together never pass more than the
/// limit in a window; a batch a node has not spent when the window ends is lost, so in one window up to
/// (nodes − 1) × (batch − 1) requests may be refused that one exact counter would have passed. Limits under 64 are
/// counted exactly (a batch of one).
/// </summary>
public sealed class LeasingRateCounter(IRateBudget budget) : IRateCounter, Events.IFollowsStore
{
    /// <summary>The batch a node takes of a window of <paramref name="limit"/>: a 32nd of it, and 1 under 64.</summary>
    public static long BatchFor(int limit) => limit < 64 ? 1 : limit / 32;

    sealed class Lease
    {
        public long Window = long.MinValue;
        public long Base;       // the window's count before this node's latest grant
        public long Granted;    // the latest grant
        public long Used;       // spent of it
        public bool Full;       // the window had nothing left
        public Task? Taking;    // a grant being asked for: the other requests of this key wait for it
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <summary>A replaced state (a reset, a restore) empties the shared windows: what this node holds goes too.</summary>
    public ValueTask ForgetAsync(CancellationToken ct)
    {
        _leases.Clear();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<long> TryTakeAsync(string key, long window, int limit)
    {
        var lease = _leases.GetOrAdd(key, _ => new Lease());
        while (true)
        {
            Task taking;
            lock (lease)
            {
                if (window > lease.Window)
                {
                    // windows only move forward; a late request of an older window spends the current one
                    lease.Window = window;
                    lease.Base = lease.Granted = lease.Used = 0;
                    lease.Full = false;
                    lease.Taking = null;
                }
                if (lease.Used < lease.Granted) return lease.Base + ++lease.Used;
                if (lease.Full) return -1;
                if (lease.Taking is { IsCompleted: true }) lease.Taking = null; // done (or failed: the store was away) — ask again
                taking = lease.Taking ??= TakeAsync(lease, key, lease.Window, limit);
            }
            await taking;
        }
    }

    async Task TakeAsync(Lease lease, string key, long window, int limit)
    {
        var (granted, count) = await budget.TakeAsync(key, window, BatchFor(limit), limit);
        lock (lease)
        {
            if (lease.Window != window) return; // a newer window started meanwhile
            lease.Base = count - granted;
            lease.Granted = granted;
            lease.Used = 0;
            lease.Full = granted == 0;
        }
    }
}
