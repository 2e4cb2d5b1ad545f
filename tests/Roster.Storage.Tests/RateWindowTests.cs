using Roster.Domain.Limits;

namespace Roster.Storage.Tests;

/// <summary>
/// Windows of the rate counters only move forward: a late request of the previous second must count against the
/// current window, never reset it (once seen on PostgreSQL as 19 requests passing a limit of 8). Each engine's counter:
/// the node's memory on SQLite, the shared <c>rate_windows</c> on PostgreSQL.
/// </summary>
public class RateWindowTests
{
    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task LateRequestsNeverResetAWindow(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        var counter = under.Engine.RateCounter;
        const string key = "acct:light";
        for (var i = 1; i <= 8; i++) Assert.Equal(i, await counter.TryTakeAsync(key, 1000, 8));
        Assert.Equal(-1, await counter.TryTakeAsync(key, 1000, 8));
        // a request that belongs to second 999 arrives now: the window of second 1000 stays full
        Assert.Equal(-1, await counter.TryTakeAsync(key, 999, 8));
        Assert.Equal(-1, await counter.TryTakeAsync(key, 1000, 8));
        // the next second starts afresh; a late one of second 1000 then counts in 1001
        Assert.Equal(1, await counter.TryTakeAsync(key, 1001, 8));
        Assert.Equal(2, await counter.TryTakeAsync(key, 1000, 8));
        Assert.Equal(3, await counter.TryTakeAsync(key, 1001, 8));
    }

    /// <summary>Only PostgreSQL shares a window between nodes (one SQLite node counts in its memory).</summary>
    [SkippableFact]
    public async Task NodesSharingAPostgresStoreNeverPassTheLimit()
    {
        using var under = await EngineStore.OpenAsync(EngineStore.Postgres);
        // two nodes' counters over the one store, a limit they take in batches of 20: never past it, at most one
        // node's unspent batch short of it
        IRateCounter[] nodes = [under.Engine.RateCounter, under.Open().RateCounter];
        var taken = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => nodes[i % 2].TryTakeAsync("acct:batched", 5000, 640).AsTask()));
        Assert.Equal(20, LeasingRateCounter.BatchFor(640));
        Assert.InRange(taken.Count(n => n >= 0), 640 - 19, 640);
    }
}
