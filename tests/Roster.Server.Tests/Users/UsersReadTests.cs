using System.Net;

namespace Roster.Server.Tests;

public class UsersReadTests
{
    [Fact]
    public async Task UserIsFoundByIdEmailAndMe()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("find@example.com");
        Assert.Equal(id, (await api.Get($"/v2/users/{id}")).Json["id"]!.GetValue<string>());
        Assert.Equal(id, (await api.Get("/v2/users/FIND@example.com")).Json["id"]!.GetValue<string>());
        var me = (await api.Get("/v2/users/me")).Json;
        Assert.False(me.ContainsKey("manager")); // an e-mail address in Zoom's document: omitted while unset
        Assert.Equal("owner@example.com", me["email"]!.GetValue<string>());
        Assert.Equal("Owner", me["role_name"]!.GetValue<string>());
        Assert.Equal(RosterApp.AccountId, me["account_id"]!.GetValue<string>());
        (await api.Get("/v2/users/nobody@example.com")).IsError(404, 1001);
        var reply = (await api.Get("/v2/users/abc")).IsError(404, 1001);
        Assert.Equal("User does not exist: abc.", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task LiteralSegmentsWinOverUserId()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        await api.CreateUser("literal@example.com", action: "autoCreate", password: "Str0ngPassw");
        Assert.True((await api.Get("/v2/users/email?email=literal@example.com")).Json["existed_email"]!.GetValue<bool>());
        Assert.False((await api.Get("/v2/users/vanity_name?vanity_name=nobody.here")).Json["existed"]!.GetValue<bool>());
        (await api.Get("/v2/users/email")).IsError(400, 300);
        (await api.Get("/v2/users/vanity_name")).IsError(400, 300);
    }

    [Fact]
    public async Task EmailCheckOnlyCountsWorkEmailUsersOfTheCallersAccount()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        await api.CreateUser("work@example.com", action: "autoCreate", password: "Str0ngPassw");
        await api.CreateUser("api@example.com");
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@elsewhere.test");
        await sub.CreateUser("theirs@elsewhere.test", action: "create");
        Assert.True((await api.Get("/v2/users/email?email=work@example.com")).Json["existed_email"]!.GetValue<bool>());
        Assert.False((await api.Get("/v2/users/email?email=api@example.com")).Json["existed_email"]!.GetValue<bool>());
        Assert.False((await api.Get("/v2/users/email?email=theirs@elsewhere.test")).Json["existed_email"]!.GetValue<bool>());
        Assert.True((await sub.Get("/v2/users/email?email=theirs@elsewhere.test")).Json["existed_email"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ListPagesWithTokensThatAreBoundToTheQueryAndExpire()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var i = 0; i < 7; i++) await api.CreateUser($"u{i}@example.com");
        var seen = new List<string>();
        var first = (await api.Get("/v2/users?page_size=3")).Json;
        Assert.Equal(8, first["total_records"]!.GetValue<int>());
        Assert.Equal(3, first["page_count"]!.GetValue<int>());
        Assert.Equal(3, first["page_size"]!.GetValue<int>());
        var token = first["next_page_token"]!.GetValue<string>();
        seen.AddRange(first["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
        var pageNumber = 1;
        while (token != "")
        {
            var page = (await api.Get($"/v2/users?page_size=3&next_page_token={Uri.EscapeDataString(token)}")).Is(HttpStatusCode.OK).Json;
            Assert.Equal(++pageNumber, page["page_number"]!.GetValue<int>());
            seen.AddRange(page["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
            token = page["next_page_token"]!.GetValue<string>();
        }
        Assert.Equal(8, seen.Distinct().Count());
        Assert.Equal(3, pageNumber);

        var again = (await api.Get("/v2/users?page_size=3")).Json["next_page_token"]!.GetValue<string>();
        (await api.Get($"/v2/users?page_size=4&next_page_token={Uri.EscapeDataString(again)}")).IsError(400, 300);
        (await api.Get($"/v2/users?page_size=3&status=inactive&next_page_token={Uri.EscapeDataString(again)}")).IsError(400, 300);
        var tampered = again[..^2] + (again[^2] == 'A' ? "B" : "A") + again[^1];
        (await api.Get($"/v2/users?page_size=3&next_page_token={Uri.EscapeDataString(tampered)}")).IsError(400, 300);
        (await api.Get("/v2/users?page_size=3&next_page_token=garbage")).IsError(400, 300);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = await app.ApiAsync();
        (await later.Get($"/v2/users?page_size=3&next_page_token={Uri.EscapeDataString(again)}")).IsError(400, 300);
    }

    [Fact]
    public async Task PageTokensOfOneAccountAreInvalidInAnother()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var i = 0; i < 3; i++) await api.CreateUser($"u{i}@example.com");
        var token = (await api.Get("/v2/users?page_size=2")).Json["next_page_token"]!.GetValue<string>();
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@other.test");
        (await sub.Get($"/v2/users?page_size=2&next_page_token={Uri.EscapeDataString(token)}")).IsError(400, 300);
    }

    [Fact]
    public async Task ListFiltersByStatusAndRoleAndHonoursPageNumber()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await api.CreateUser($"u{i}@example.com"));
        (await api.Put($"/v2/users/{ids[0]}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        Assert.Equal(5, (await api.Get("/v2/users")).Json["total_records"]!.GetValue<int>());
        var inactive = (await api.Get("/v2/users?status=inactive")).Json;
        Assert.Equal(ids[0], inactive["users"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, (await api.Get("/v2/users?role_id=0")).Json["total_records"]!.GetValue<int>());
        Assert.Equal(4, (await api.Get("/v2/users?role_id=2")).Json["total_records"]!.GetValue<int>());
        var page2 = (await api.Get("/v2/users?page_size=2&page_number=2")).Json;
        Assert.Equal(2, page2["page_number"]!.GetValue<int>());
        Assert.Equal(2, page2["users"]!.AsArray().Count);
        Assert.Equal(300, (await api.Get("/v2/users?page_size=5000")).Json["page_size"]!.GetValue<int>());
        (await api.Get("/v2/users?page_size=0")).IsError(400, 300);
        (await api.Get("/v2/users?page_size=abc")).IsError(400, 300);
        (await api.Get("/v2/users?status=gone")).IsError(400, 300);
        var empty = (await api.Get("/v2/users?status=pending")).Json;
        Assert.Equal("", empty["next_page_token"]!.GetValue<string>());
        Assert.Equal(0, empty["total_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task IncludeFieldsAddsCustomAttributesAndHostKey()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("attrs@example.com", type: 2);
        (await api.Patch($"/v2/users/{id}", new { host_key = "123456", custom_attributes = new[] { new { key = "k1", name = "Cost", value = "42" } } })).Is(HttpStatusCode.NoContent);
        var plain = (await api.Get("/v2/users")).Json["users"]!.AsArray().Single(u => u!["email"]!.GetValue<string>() == "attrs@example.com")!.AsObject();
        Assert.False(plain.ContainsKey("host_key"));
        Assert.False(plain.ContainsKey("custom_attributes"));
        var full = (await api.Get("/v2/users?include_fields=custom_attributes,host_key")).Json["users"]!.AsArray()
            .Single(u => u!["email"]!.GetValue<string>() == "attrs@example.com")!.AsObject();
        Assert.Equal("123456", full["host_key"]!.GetValue<string>());
        Assert.Equal("42", full["custom_attributes"]![0]!["value"]!.GetValue<string>());
    }
}

public class TotalsTests
{
    static async Task<int> Total(Api api, string query) => (await api.Get($"/v2/users?{query}")).Json["total_records"]!.GetValue<int>();

    static async Task<int> Walk(Api api, string query)
    {
        var count = 0;
        var token = "";
        do
        {
            var page = (await api.Get($"/v2/users?{query}&page_size=2&next_page_token={Uri.EscapeDataString(token)}")).Json;
            count += page["users"]!.AsArray().Count;
            token = page["next_page_token"]!.GetValue<string>();
        } while (token != "");
        return count;
    }

    [Fact]
    public async Task TotalsFollowEveryKindOfWrite()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var (sub, subId, _) = await app.SubAccountAsync(api, "boss@totals.test");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await api.CreateUser($"t{i}@elsewhere.test", type: 2));
        await api.CreateUser("pending@elsewhere.test", action: "create");
        await api.Put($"/v2/users/{ids[0]}/status", new { action = "deactivate" });
        await api.Delete($"/v2/users/{ids[1]}?action=delete");
        await api.Put($"/v2/accounts/me/users/{ids[2]}/account", new { account_id = subId });
        await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "t3@elsewhere.test", type = 1 } }); // 409, no change
        foreach (var q in new[] { "status=active", "status=inactive", "status=pending", "status=active&role_id=2", "status=active&role_id=0" })
        {
            Assert.Equal(await Walk(api, q), await Total(api, q));
            Assert.Equal(await Walk(sub, q), await Total(sub, q));
        }
        Assert.Equal(3, await Total(api, "status=active"));
        Assert.Equal(2, await Total(sub, "status=active"));
    }
}
