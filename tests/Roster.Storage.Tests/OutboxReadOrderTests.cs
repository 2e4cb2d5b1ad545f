using System.Text.Json.Nodes;
using Roster.Domain.Events;

namespace Roster.Storage.Tests;

/// <summary>
/// Reading the outbox without missing anything on PostgreSQL, where seq is taken at insert and transactions commit in
/// any order: readers go in (tx, seq) order below the oldest open transaction. SQLite has one writer committing in seq
/// order, so the interleaving cannot happen there (its side: <see cref="OutboxQueryPlanTests"/>).
/// </summary>
public class OutboxReadOrderTests
{
    /// <summary>
    /// Transaction X takes a lower seq than transaction Y but commits after it. A reader by seq alone would pass
    /// X's number while X is still open and never see it; by (tx, seq) below the oldest open transaction, it does.
    /// </summary>
    [SkippableFact]
    public async Task AnEventThatCommitsAfterAHigherSeqIsStillReadOnPostgres()
    {
        using var under = await EngineStore.OpenAsync(EngineStore.Postgres);
        var store = under.Store;
        static DomainEvent Event(string subject) => new("user.updated", "acct", subject, new JsonObject()) { Id = Guid.NewGuid().ToString("N") };

        var yStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var yGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var xAppended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var xGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Y writes first (so its transaction id is the lower one), then waits
        var y = store.WriteAsync(async s =>
        {
            await s.SetMetaAsync("test_y", "1");
            yStarted.TrySetResult();
            await yGo.Task;
            await s.AppendEventAsync(Event("y"));
            return 0;
        });
        await yStarted.Task;
        // X appends first (the lower seq) and stays open
        var x = store.WriteAsync(async s =>
        {
            await s.SetMetaAsync("test_x", "1");
            await s.AppendEventAsync(Event("x"));
            await s.GetMetaAsync("test_x"); // a statement after it: the appended event has gone to the database (its seq taken)
            xAppended.TrySetResult();
            await xGo.Task;
            return 0;
        });
        await xAppended.Task;
        yGo.SetResult();
        await y; // Y commits: the higher seq is visible, the lower one not yet

        var first = await store.ReadAsync(s => s.ListEventsAsync(null, EventPosition.Start, 100));
        xGo.SetResult();
        await x;
        // both have ended now, but a transaction of another test in the same cluster can still hide them for a
        // while: read on (after the first read's position) until both are seen, up to a bound
        var read = first.ToList();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); read.Count < 2 && DateTime.UtcNow < deadline;)
        {
            read.AddRange(await store.ReadAsync(s => s.ListEventsAsync(null, read.Count > 0 ? read[^1].Position : EventPosition.Start, 100)));
            if (read.Count < 2) await Task.Delay(50);
        }

        Assert.Equal(["x", "y"], read.Select(e => e.SubjectId!).Order());
        Assert.Equal(read.Count, read.Select(e => e.Seq).Distinct().Count());
        var ySeq = read.Single(e => e.SubjectId == "y").Seq;
        Assert.True(read.Single(e => e.SubjectId == "x").Seq < ySeq, "the interleaving did not happen: X should hold the lower seq");
        Assert.Equal(read[^1].Position, await store.ReadAsync(s => s.LatestEventPositionAsync()));
    }
}
