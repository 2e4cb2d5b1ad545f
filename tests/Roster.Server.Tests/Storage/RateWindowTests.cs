using Roster.Domain.Limits;
using Roster.Storage;

namespace Roster.Server.Tests;

/// <summary>
/// Windows of the rate counters only move forward: a late request of the previous second must count against the
/// current window, never reset it (once seen on PostgreSQL as 19 requests passing a limit of 8).
/// </summary>
public class RateWindowTests
{
    static async Task LateRequestsNeverReset(IRateCounter counter)
    {
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

    [Fact]
    public Task InMemory() => LateRequestsNeverReset(new MemoryRateCounter());

    [SkippableFact]
    public async Task InPostgres()
    {
        PostgresCluster.Require();
        var db = PostgresCluster.NewDatabase();
        try
        {
            using var store = new PostgresStore(db);
            await store.MigrateAsync(apply: true);
            await LateRequestsNeverReset(store.RateCounter);
            // two nodes' counters over the one store, a limit they take in batches of 20: never past it, at most one
            // node's unspent batch short of it
            IRateCounter[] nodes = [store.RateCounter, store.RateCounter];
            var taken = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => nodes[i % 2].TryTakeAsync("acct:batched", 5000, 640).AsTask()));
            Assert.Equal(20, LeasingRateCounter.BatchFor(640));
            Assert.InRange(taken.Count(n => n >= 0), 640 - 19, 640);
        }
        finally
        {
            PostgresCluster.Drop(db);
        }
    }
}
