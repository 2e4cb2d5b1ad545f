using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Roster.Domain.Abstractions;
using Roster.Domain.Events;
using Roster.Storage;

namespace Roster.Server.Tests;

/// <summary>
/// Rules that read, decide and write hold under concurrent writers, on whichever engine the suite runs
/// (PostgreSQL runs writes side by side at READ COMMITTED; SQLite through one writer): each burst is fired at once
/// and the outcome must be what some one-at-a-time order would give.
/// </summary>
public class ConcurrencyRulesTests
{
    const int Rounds = 3;

    [Fact]
    public async Task SeatsAreNeverOversold()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var (sub, _, _) = await app.SubAccountAsync(master, $"boss{round}@seats.test", seats: 4);
            using (sub)
            {
                var seatHolders = await SeatHolders(sub);
                var free = 4 - seatHolders;
                Assert.True(free > 0);
                // licensed users created at once, and basic users promoted at once: never more than the free seats
                var basics = new List<string>();
                for (var i = 0; i < 6; i++) basics.Add(await sub.CreateUser($"basic{round}-{i}@seats.test", type: 1));
                var creates = Enumerable.Range(0, 6).Select(i => sub.Post("/v2/users", new { action = "custCreate", user_info = new { email = $"lic{round}-{i}@seats.test", type = 2 } }));
                var promotions = basics.Select(id => sub.Patch($"/v2/users/{id}", new { type = 2 }));
                var replies = await Task.WhenAll(creates.Concat(promotions));
                Assert.All(replies, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.NoContent || (r.Status == HttpStatusCode.BadRequest && r.Code == 2034), r.Body));
                Assert.Equal(free, replies.Count(r => r.Status is HttpStatusCode.Created or HttpStatusCode.NoContent));
                Assert.Equal(4, await SeatHolders(sub));
            }
        }
    }

    static async Task<int> SeatHolders(Api api)
    {
        var count = 0;
        foreach (var status in new[] { "active", "pending" })
        {
            var page = await api.Get($"/v2/users?status={status}&page_size=300");
            count += page.Json["users"]!.AsArray().Count(u => u!["type"]!.GetValue<int>() is 2 or 3);
        }
        return count;
    }

    [Fact]
    public async Task ConcurrentProfilePatchesLoseNoField()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var id = await api.CreateUser($"patched{round}@example.com");
            var fields = new (string Name, string Value)[]
            {
                ("dept", "R&D"), ("job_title", "Engineer"), ("company", "Roster"), ("location", "Paris"), ("first_name", "Grace"),
                ("last_name", "Hopper"), ("timezone", "America/Chicago"), ("language", "fr-FR"), ("cost_center", "CC-7"), ("pronouns", "she/her"),
            };
            var replies = await Task.WhenAll(fields.Select(f => api.Patch($"/v2/users/{id}", new JsonObject { [f.Name] = f.Value })));
            Assert.All(replies, r => r.Is(HttpStatusCode.NoContent));
            var user = (await api.Get($"/v2/users/{id}")).Json;
            Assert.All(fields, f => Assert.Equal(f.Value, user[f.Name]?.GetValue<string>()));
        }
    }

    [Fact]
    public async Task TheDailyEmailChangeLimitHoldsUnderConcurrentChanges()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var id = await api.CreateUser($"mover{round}@example.com");
            var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => api.Put($"/v2/users/{id}/email", new { email = $"moved{round}-{i}@example.com" })));
            Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.NoContent || (r.Status == HttpStatusCode.BadRequest && r.Code == 300), r.Body));
            Assert.Equal(3, replies.Count(r => r.Status == HttpStatusCode.NoContent));
            // the address the user has is the one of some change that succeeded
            var email = (await api.Get($"/v2/users/{id}")).Json["email"]!.GetValue<string>();
            Assert.Contains(replies.Select((r, i) => (r, i)), x => x.r.Status == HttpStatusCode.NoContent && email == $"moved{round}-{x.i}@example.com");
        }
    }

    [Fact]
    public async Task ConcurrentSubAccountsAllLandWithTheirOwnNumbers()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => master.Post("/v2/accounts", new
        {
            first_name = "Sub", last_name = "Owner", email = $"owner{i}@numbers.test", password = "Secur3Pass!x", account_name = $"Numbers {i}",
        })));
        Assert.All(replies, r => r.Is(HttpStatusCode.Created));
        var listed = (await master.Get("/v2/accounts?page_size=300")).Json["accounts"]!.AsArray();
        Assert.Equal(10, listed.Count);
        var numbers = listed.Select(a => a!["account_number"]!.GetValue<long>()).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task ConcurrentStatusAndDeleteEndInOneState()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var id = await api.CreateUser($"flip{round}@example.com");
            var work = Enumerable.Range(0, 8).Select(i => i == 5
                ? api.Delete($"/v2/users/{id}?action=delete")
                : api.Put($"/v2/users/{id}/status", new { action = i % 2 == 0 ? "deactivate" : "activate" })).ToList();
            var replies = await Task.WhenAll(work);
            Assert.All(replies, r => Assert.True(r.Status is HttpStatusCode.NoContent || (r.Status == HttpStatusCode.NotFound && r.Code == 1001), r.Body));
            (await api.Get($"/v2/users/{id}")).IsError(404, 1001);
            // the totals the list reports count what is there
            foreach (var status in new[] { "active", "inactive" })
            {
                var page = (await api.Get($"/v2/users?status={status}&page_size=300")).Json;
                Assert.Equal(page["users"]!.AsArray().Count, page["total_records"]!.GetValue<int>());
            }
        }
    }

    /// <summary>Through the node's queues in front of row locks (<c>RowGates</c>, PostgreSQL): none lost, none left queued.</summary>
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
            .Count(e => e.Type == EventTypes.UserUpdated && e.SubjectId == id);
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
