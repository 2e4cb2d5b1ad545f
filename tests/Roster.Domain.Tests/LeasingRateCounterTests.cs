using Roster.Domain.Limits;

namespace Roster.Domain.Tests;

/// <summary>Nodes sharing a window's budget in batches: never more than the limit, and what is lost to unspent batches is bounded.</summary>
public class LeasingRateCounterTests
{
    /// <summary>The shared row, as the store keeps it: one window per key, moving only forward.</summary>
    sealed class SharedBudget : IRateBudget
    {
        readonly Dictionary<string, (long Window, long N)> _rows = [];
        public int Calls;

        public async ValueTask<(long Granted, long Count)> TakeAsync(string key, long window, long want, int limit)
        {
            await Task.Yield(); // a round trip: other requests run meanwhile
            lock (_rows)
            {
                Calls++;
                var (w, n) = _rows.GetValueOrDefault(key, (long.MinValue, 0));
                if (window > w) (w, n) = (window, 0);
                var granted = Math.Min(want, limit - n);
                if (granted <= 0) return (0, n);
                _rows[key] = (w, n + granted);
                return (granted, n + granted);
            }
        }
    }

    static async Task<int> Admitted(IReadOnlyList<LeasingRateCounter> nodes, string key, long window, int limit, int requests)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => Task.Run(async () => await nodes[i % nodes.Count].TryTakeAsync(key, window, limit))));
        Assert.All(results.Where(r => r >= 0), r => Assert.InRange(r, 1, limit)); // every count a request sees is within the window
        return results.Count(r => r >= 0);
    }

    [Fact]
    public async Task NodesTogetherNeverPassTheLimitAndLoseAtMostTheirUnspentBatches()
    {
        var shared = new SharedBudget();
        var nodes = Enumerable.Range(0, 3).Select(_ => new LeasingRateCounter(shared)).ToList();
        const int limit = 1000;
        var batch = LeasingRateCounter.BatchFor(limit);
        Assert.Equal(31, batch);
        for (var window = 1; window <= 5; window++)
        {
            var admitted = await Admitted(nodes, "acct|Light|s", window, limit, 1500);
            Assert.InRange(admitted, limit - (nodes.Count - 1) * (batch - 1), limit);
        }
        Assert.True(shared.Calls < 5 * 1500 / 10, $"{shared.Calls} store calls for 7,500 requests"); // batches, not a call per request
    }

    [Fact]
    public async Task SmallLimitsAreCountedExactly()
    {
        var shared = new SharedBudget();
        var nodes = Enumerable.Range(0, 3).Select(_ => new LeasingRateCounter(shared)).ToList();
        Assert.Equal(1, LeasingRateCounter.BatchFor(63));
        for (var window = 1; window <= 3; window++)
            Assert.Equal(10, await Admitted(nodes, "acct|Heavy|s", window, 10, 40));
    }

    [Fact]
    public async Task ALateRequestSpendsTheCurrentWindowAndAResetForgetsWhatANodeHolds()
    {
        var shared = new SharedBudget();
        var node = new LeasingRateCounter(shared);
        Assert.Equal(1, await node.TryTakeAsync("k", 10, 100));
        Assert.Equal(2, await node.TryTakeAsync("k", 9, 100)); // an older window: counted in the current one
        Assert.Equal(1, await node.TryTakeAsync("k", 11, 100)); // a newer one starts afresh
        for (var i = 2; i <= 100; i++) Assert.Equal(i, await node.TryTakeAsync("k", 11, 100));
        Assert.Equal(-1, await node.TryTakeAsync("k", 11, 100));
        await node.ForgetAsync(CancellationToken.None);
        Assert.Equal(-1, await node.TryTakeAsync("k", 11, 100)); // the shared window is still full (a reset empties it too)
    }

    [Fact]
    public async Task AStoreThatFailsFailsTheRequestAndTheNextOneAsksAgain()
    {
        var failing = new FlakyBudget();
        var node = new LeasingRateCounter(failing);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.TryTakeAsync("k", 1, 100));
        failing.Up = true;
        Assert.Equal(1, await node.TryTakeAsync("k", 1, 100));
    }

    sealed class FlakyBudget : IRateBudget
    {
        public bool Up;
        readonly SharedBudget _inner = new();
        public async ValueTask<(long Granted, long Count)> TakeAsync(string key, long window, long want, int limit)
        {
            await Task.Yield();
            return Up ? await _inner.TakeAsync(key, window, want, limit) : throw new InvalidOperationException("store away");
        }
    }
}
