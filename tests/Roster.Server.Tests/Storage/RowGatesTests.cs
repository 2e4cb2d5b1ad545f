using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roster.Domain.Abstractions;
using Roster.Storage;

namespace Roster.Server.Tests;

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

    [Fact]
    public async Task ManyWritesOfOneUserAtOnceAllLandAndLeaveNoQueueBehind()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("hot@gates.test");
        // 40 settings patches and 40 profile patches of one user at once: each is answered and none is lost
        var settings = Enumerable.Range(0, 40).Select(i => api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { chat = i % 2 == 0 } }));
        var profile = Enumerable.Range(0, 40).Select(i => api.Patch($"/v2/users/{id}", new { dept = $"D{i}" }));
        var replies = await Task.WhenAll(settings.Concat(profile));
        Assert.All(replies, r => r.Is(HttpStatusCode.NoContent));
        var dept = (await api.Get($"/v2/users/{id}")).Json["dept"]!.GetValue<string>();
        Assert.Matches("^D[0-9]+$", dept);
        // on PostgreSQL an event is listed once every transaction older than its own has ended (a node's background
        // work may still hold one), so the count is read until it settles, as EventsTests.AtLeast does
        async Task<int> Updates() => (await app.Services.GetRequiredService<IRosterStore>().ReadAsync(s => s.ListEventsAsync(null, default, 1000)))
            .Count(e => e.Type == Domain.Events.EventTypes.UserUpdated && e.SubjectId == id);
        var updates = await Updates();
        for (var i = 0; i < 100 && updates < 40; i++)
        {
            await Task.Delay(100);
            updates = await Updates();
        }
        Assert.Equal(40, updates); // one event per patch: none merged, none lost
        if (app.Services.GetRequiredService<IRosterStore>() is PostgresStore postgres)
        {
            // the node's background writes (webhook fan-out, meta keys) take queues too: read until they are done
            for (var i = 0; i < 100 && postgres.QueuedRows > 0; i++) await Task.Delay(100);
            Assert.Equal(0, postgres.QueuedRows);
        }
    }
}
