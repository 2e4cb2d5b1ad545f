namespace Roster.Domain.Limits;

/// <summary>Counts in this process (one node); a replaced state (a reset) starts every window afresh.</summary>
public sealed class MemoryRateCounter : IRateCounter, Events.IFollowsStore
{
    sealed class Window
    {
        public long Key;
        public long Count;
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public ValueTask ForgetAsync(CancellationToken ct)
    {
        _windows.Clear();
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> TryTakeAsync(string key, long window, int limit)
    {
        var w = _windows.GetOrAdd(key, _ => new Window());
        lock (w)
        {
            if (window > w.Key)
            {
                // windows only move forward; a late request of an older window counts against the current one
                w.Key = window;
                w.Count = 0;
            }
            if (w.Count >= limit) return ValueTask.FromResult(-1L);
            return ValueTask.FromResult(++w.Count);
        }
    }
}
