using Roster.Domain.Abstractions;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Storage.Tests;

/// <summary>
/// Writes whose results nobody reads wait and go to the database together (on PostgreSQL: one round trip before the
/// next statement or the commit). On both engines a write session still sees its own writes, a refused one is the
/// same store fact as before, and a failed session leaves nothing.
/// </summary>
public class BatchedWritesTests
{
    static User NewUser(string id, string email) => new()
    {
        Id = id, AccountId = "acct_batch", Email = email, Type = UserTypes.Basic, Pmi = 5_000_000_000 + id.Length * 1000L + id[^1],
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Verified = true,
    };

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task AWriteSessionSeesItsOwnWritesAndARefusedOneLeavesNothing(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        var store = under.Store;
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
        var events = await Eventually.Until(() => store.ReadAsync(s => s.ListEventsAsync("acct_batch", EventPosition.Start, 10)), e => e.Count > 0);
        Assert.Equal(["e1"], events.Select(e => e.Id));
    }
}
