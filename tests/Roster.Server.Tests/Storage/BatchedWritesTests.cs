using Npgsql;
using Roster.Domain.Abstractions;
using Roster.Domain.Events;
using Roster.Domain.Users;
using Roster.Storage;

namespace Roster.Server.Tests;

/// <summary>
/// Writes whose results nobody reads wait and go to the database together (on PostgreSQL: one round trip before the
/// next statement or the commit). On whichever engine the suite runs, a write session still sees its own writes, a
/// refused one is the same store fact as before, and a failed session leaves nothing.
/// </summary>
public class BatchedWritesTests
{
    static User NewUser(string id, string email) => new()
    {
        Id = id, AccountId = "acct_batch", Email = email, Type = UserTypes.Basic, Pmi = 5_000_000_000 + id.Length * 1000L + id[^1],
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Verified = true,
    };

    [Fact]
    public async Task AWriteSessionSeesItsOwnWritesAndARefusedOneLeavesNothing()
    {
        var dir = TestTemp.NewFolder("roster-batch");
        var db = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            IRosterStore store;
            if (db is null)
            {
                var sqlite = new SqliteStore(Path.Combine(dir, "roster.db"));
                sqlite.Migrate();
                store = sqlite;
            }
            else
            {
                var pg = new PostgresStore(db);
                await pg.MigrateAsync(apply: true);
                store = pg;
            }
            using var _ = (IDisposable)store;
            await store.WriteAsync(async s =>
            {
                await s.InsertUserAsync(NewUser("ua", "a@batch.test"));
                await s.InsertUserAsync(NewUser("ub", "b@batch.test"));
                return 0;
            });

            // read-your-writes: an update waiting to be sent is seen by the next read of the same session, and the
            // totals it moved are seen by a count
            var seen = await store.WriteAsync(async s =>
            {
                var a = (await s.LockUserAsync("ua"))!;
                a.Profile.Dept = "Moved";
                a.Type = UserTypes.Licensed;
                await s.UpdateUserAsync(a);
                await s.AppendEventAsync(new DomainEvent("user.updated", "acct_batch", "ua", new System.Text.Json.Nodes.JsonObject()) { Id = "e1" });
                var again = (await s.GetUserAsync("ua"))!;
                var tally = await s.TallyUsersAsync("acct_batch");
                return (again.Profile.Dept, again.Type, Licensed: tally.Where(t => t.Type == UserTypes.Licensed).Sum(t => t.N));
            });
            Assert.Equal(("Moved", UserTypes.Licensed, 1L), seen);

            // a refused write (b's e-mail on a) is the store's unique-key fact, naming the key and the value
            var conflict = await Assert.ThrowsAsync<UniqueKeyConflict>(() => store.WriteAsync(async s =>
            {
                var a = (await s.LockUserAsync("ua"))!;
                a.Email = "b@batch.test";
                a.Profile.Dept = "Lost";
                await s.UpdateUserAsync(a);
                await s.AppendEventAsync(new DomainEvent("user.updated", "acct_batch", "ua", new System.Text.Json.Nodes.JsonObject()) { Id = "e2" });
                return 0;
            }));
            Assert.Equal(("email", "b@batch.test"), (conflict.Key, conflict.Value));
            // the statement the database refused serves the next write as before (SQLite's writer keeps its statements)
            await store.WriteAsync(async s =>
            {
                var a = (await s.LockUserAsync("ua"))!;
                a.Profile.Dept = "Kept";
                await s.UpdateUserAsync(a);
                return 0;
            });

            // a session that fails after its writes wait leaves none of them
            await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(async s =>
            {
                var a = (await s.LockUserAsync("ua"))!;
                a.Profile.Dept = "Undone";
                a.Type = UserTypes.Basic;
                await s.UpdateUserAsync(a);
                await s.SaveSettingsAsync("ua", """{"feature":{"meeting_capacity":100}}""");
                throw new InvalidOperationException("the work fails");
            }));

            var (user, settings, licensed) = await store.ReadAsync(async s => (
                (await s.GetUserAsync("ua"))!, await s.GetSettingsAsync("ua"),
                (await s.TallyUsersAsync("acct_batch")).Where(t => t.Type == UserTypes.Licensed).Sum(t => t.N)));
            Assert.Equal(("a@batch.test", "Kept", UserTypes.Licensed, 1L), (user.Email, user.Profile.Dept, user.Type, licensed));
            Assert.Null(settings);
            // on PostgreSQL an event shows once every transaction older than its own has ended, in any database of the
            // cluster (other tests run beside this one): wait for it, up to a bound
            var events = await EventsTests.Until(() => store.ReadAsync(s => s.ListEventsAsync("acct_batch", EventPosition.Start, 10)), e => e.Count > 0);
            Assert.Equal(["e1"], events.Select(e => e.Id));
        }
        finally
        {
            if (db is not null)
            {
                NpgsqlConnection.ClearAllPools();
                PostgresCluster.Drop(db);
            }
            TestTemp.Delete(dir);
        }
    }
}

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
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, "roster.db")};Pooling=false");
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
