using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roster.Domain.Abstractions;
using Roster.Domain.Groups;
using Roster.Domain.Users;
using Xunit.Abstractions;

namespace Roster.Server.Tests;

/// <summary>
/// A group of 100,000 members lists a page in O(page): page 1 and the last page cost the same, and <c>total_records</c>
/// comes from the kept count. The memberships are written with the store's bulk path (PostgreSQL: COPY).
/// </summary>
public class GroupScaleTests(ITestOutputHelper output)
{
    const int Members = 100_000;

    [Fact]
    public async Task AHundredThousandMembersListALatePageAsFastAsTheFirst()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var groupId = (await api.Post("/v2/groups", new { name = "Everyone" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var store = app.Services.GetRequiredService<IRosterStore>();
        await new UserSeeder(store, app.Clock).SeedAsync(RosterApp.AccountId, Members, "scale.test");
        var watch = Stopwatch.StartNew();
        for (long after = 0; ;)
        {
            var batch = await store.ReadAsync(s => s.ListUsersAsync(RosterApp.AccountId, UserStatuses.Active, null, after, 10_000));
            var ids = batch.Where(u => u.Email.EndsWith("@scale.test", StringComparison.Ordinal)).Select(u => u.Id).ToList();
            await store.WriteAsync(async s => { await s.AddGroupMembersAsync(groupId, ids, app.Clock.GetUtcNow()); return true; });
            if (batch.Count < 10_000) break;
            after = batch[^1].Seq;
        }
        output.WriteLine($"{Members} memberships written in {watch.ElapsedMilliseconds} ms ({(TestEngine.Postgres ? "PostgreSQL" : "SQLite")})");

        async Task<(Reply Reply, double Ms)> Timed(string path)
        {
            await api.Get(path); // warm: the statement prepared, the pages cached
            var best = double.MaxValue;
            Reply reply = null!;
            for (var i = 0; i < 5; i++)
            {
                var t = Stopwatch.StartNew();
                reply = (await api.Get(path)).Is(HttpStatusCode.OK);
                best = Math.Min(best, t.Elapsed.TotalMilliseconds);
            }
            return (reply, best);
        }

        var (first, firstMs) = await Timed($"/v2/groups/{groupId}/members?page_size=300");
        Assert.Equal(Members, first.Json["total_records"]!.GetValue<int>());
        Assert.Equal(334, first.Json["page_count"]!.GetValue<int>());
        var token = first.Json["next_page_token"]!.GetValue<string>();
        var pages = 1;
        var seen = 300;
        string late = "";
        while (token.Length > 0)
        {
            late = $"/v2/groups/{groupId}/members?page_size=300&next_page_token={Uri.EscapeDataString(token)}";
            var page = (await api.Get(late)).Is(HttpStatusCode.OK).Json;
            seen += page["members"]!.AsArray().Count;
            pages++;
            token = page["next_page_token"]!.GetValue<string>();
        }
        Assert.Equal(334, pages);
        Assert.Equal(Members, seen);
        var (last, lastMs) = await Timed(late);
        Assert.Equal(334, last.Json["page_number"]!.GetValue<int>());
        Assert.Equal(Members % 300, last.Json["members"]!.AsArray().Count);
        output.WriteLine($"page 1: {firstMs:F1} ms, page 334: {lastMs:F1} ms (best of 5, 300 members a page)");
        // O(page), not O(offset): the last page is a range of the index as the first is (a generous bound against noise)
        Assert.True(lastMs < Math.Max(50, firstMs * 5), $"page 1 {firstMs:F1} ms, page 334 {lastMs:F1} ms");
    }
}
