using Microsoft.Data.Sqlite;
using Roster.Domain.Events;
using Roster.Server.Tests;

namespace Roster.Storage.Tests;

/// <summary>How the store's hottest background query is planned: the delivery loop and every node's follower ask for the events after a position several times a second.</summary>
public class OutboxQueryPlanTests
{
    [Fact]
    public async Task EventsAfterAPositionAreSoughtInThePositionIndexOnSqlite()
    {
        var dir = TestTemp.NewFolder("roster-plan");
        try
        {
            using var store = new SqliteStore(Path.Combine(dir, "roster.db"));
            {
                store.Migrate();
                // 2,000 events, then the ones after the 1,990th: found by seeking, and the same as a plain reading gives
                await store.WriteAsync(async s =>
                {
                    for (var i = 0; i < 2_000; i++)
                        await s.AppendEventAsync(new DomainEvent("user.updated", i % 2 == 0 ? "acct_a" : "acct_b", $"u{i}", new System.Text.Json.Nodes.JsonObject()) { Id = $"e{i}" });
                    return 0;
                });
                var all = await store.ReadAsync(s => s.ListEventsAsync(null, EventPosition.Start, 5_000));
                var after = all[1_989].Position;
                Assert.Equal(all.Skip(1_990).Select(e => e.Id), (await store.ReadAsync(s => s.ListEventsAsync(null, after, 100))).Select(e => e.Id));
                Assert.Equal(all.Skip(1_990).Where(e => e.AccountId == "acct_a").Select(e => e.Id),
                    (await store.ReadAsync(s => s.ListEventsAsync("acct_a", after, 100))).Select(e => e.Id));
            }
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "roster.db")};Pooling=false");
            await connection.OpenAsync();
            foreach (var ofAccount in new[] { false, true })
            {
                await using var plan = connection.CreateCommand();
                plan.CommandText = "EXPLAIN QUERY PLAN " + SqlSession.EventsAfterSql(store, ofAccount);
                foreach (var name in new[] { "@accountId", "@Tx", "@Seq", "@limit" }) plan.Parameters.AddWithValue(name, name == "@accountId" ? "acct_a" : 0L);
                var steps = new List<string>();
                await using (var reader = await plan.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
                // a search on the position's tx and seq, not on tx alone (which read every event, all of tx 0)
                Assert.Contains(steps, step => step.StartsWith("SEARCH outbox USING", StringComparison.Ordinal) && step.Contains("seq>?", StringComparison.Ordinal));
            }
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
