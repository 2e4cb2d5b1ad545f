namespace Roster.Storage.Tests;

/// <summary>The node's queues in front of row locks (PostgreSQL): one write per row at a time goes on, and none waits forever.</summary>
public class RowGatesTests
{
    [Fact]
    public async Task OneWriteOfARowGoesOnAtATimeOthersRowsDoNotWaitAndTheTableEmpties()
    {
        var gates = new RowGates();
        var first = await gates.EnterAsync("user:a", CancellationToken.None);
        Assert.NotNull(first);
        var second = gates.EnterAsync("user:a", CancellationToken.None).AsTask();
        var other = await gates.EnterAsync("user:b", CancellationToken.None); // another row: its own turn at once
        Assert.NotNull(other);
        await Task.Delay(100);
        Assert.False(second.IsCompleted); // waits for the first
        first!.Dispose();
        first.Dispose(); // leaving twice gives back one turn
        var next = await second;
        Assert.NotNull(next);
        Assert.Equal(2, gates.Count);
        next!.Dispose();
        other!.Dispose();
        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task AWriteThatWaitsPastItsPatienceGoesOnWithoutItsTurn()
    {
        var gates = new RowGates();
        using var held = await gates.EnterAsync("user:a", CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var late = await gates.EnterAsync("user:a", CancellationToken.None);
        Assert.Null(late); // the database's lock (and its deadlock detection) decides from here
        Assert.True(waited.Elapsed >= RowGates.Patience - TimeSpan.FromMilliseconds(50), waited.Elapsed.ToString());
        Assert.Equal(1, gates.Count); // the holder's gate only

        using var cancel = new CancellationTokenSource();
        var cancelled = gates.EnterAsync("user:a", cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, gates.Count);
    }
}
