using System.Net;

namespace Roster.Server.Tests;

/// <summary>GET /users/summary: the account's users counted by type and status, following every write.</summary>
public class UsersSummaryTests
{
    static async Task<Dictionary<string, long>> Summary(Api api)
        => (await api.Get("/v2/users/summary")).Is(HttpStatusCode.OK).Json.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());

    [Fact]
    public async Task SummaryCountsUsersByTypeAndStatusAndFollowsEveryWrite()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var before = await Summary(api);
        Assert.Equal(["licensed_users_count", "basic_users_count", "on_prem_users_count", "room_users_count", "pending_users_count",
            "join_only_users_count", "total_users_count"], before.Keys);
        var licensed = await api.CreateUser("lic@example.com", type: 2);
        var basic = await api.CreateUser("basic@example.com", type: 1);
        await api.CreateUser("nolicence@example.com", type: 4);
        await api.CreateUser("pending@example.com", type: 2, action: "create");
        var after = await Summary(api);
        Assert.Equal(before["licensed_users_count"] + 1, after["licensed_users_count"]);
        Assert.Equal(before["basic_users_count"] + 1, after["basic_users_count"]);
        Assert.Equal(before["join_only_users_count"] + 1, after["join_only_users_count"]);
        Assert.Equal(before["pending_users_count"] + 1, after["pending_users_count"]);
        Assert.Equal(before["total_users_count"] + 4, after["total_users_count"]);
        Assert.Equal(0, after["room_users_count"]);

        // a type change moves a user between counts; a deactivated user keeps its type; a deleted one leaves
        (await api.Patch($"/v2/users/{basic}", new { type = 2 })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{licensed}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        var moved = await Summary(api);
        Assert.Equal(after["licensed_users_count"] + 1, moved["licensed_users_count"]);
        Assert.Equal(after["basic_users_count"] - 1, moved["basic_users_count"]);
        (await api.Delete($"/v2/users/{basic}?action=delete")).Is(HttpStatusCode.NoContent);
        var deleted = await Summary(api);
        Assert.Equal(moved["licensed_users_count"] - 1, deleted["licensed_users_count"]);
        Assert.Equal(moved["total_users_count"] - 1, deleted["total_users_count"]);
        // the list agrees with the summary
        var active = (await api.Get("/v2/users?status=active&page_size=300")).Json["total_records"]!.GetValue<long>();
        var inactive = (await api.Get("/v2/users?status=inactive&page_size=300")).Json["total_records"]!.GetValue<long>();
        var pending = (await api.Get("/v2/users?status=pending&page_size=300")).Json["total_records"]!.GetValue<long>();
        Assert.Equal(deleted["total_users_count"], active + inactive + pending);
        Assert.Equal(deleted["pending_users_count"], pending);
    }

    [Fact]
    public async Task SummaryIsOfTheCallersAccountOnly()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@tenant.test");
        var mine = await Summary(master);
        await sub.CreateUser("theirs@tenant.test", type: 2);
        Assert.Equal(mine, await Summary(master));
        Assert.Equal(2, (await Summary(sub))["total_users_count"]); // the sub account's owner and its new user
    }
}
