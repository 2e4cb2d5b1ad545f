using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Zoom's groups (<c>/v2/groups</c>) through the API, on either engine: shapes, every documented error, paging, quotas.</summary>
public class GroupsTests
{
    static async Task<string> CreateGroup(Api api, string name)
        => (await api.Post("/v2/groups", new { name })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

    static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(x => x!.GetValue<string>())];

    static async Task<string[]> GroupIdsOf(Api api, string userId) => Strings((await api.Get($"/v2/users/{userId}")).Is(HttpStatusCode.OK).Json["group_ids"]);

    [Fact]
    public async Task CreateGetUpdateDeleteAndTheirErrors()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var created = (await api.Post("/v2/groups", new { name = "Sales", in_directory = true, directory_privacy = 3 })).Is(HttpStatusCode.Created).Json;
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("Sales", created["name"]!.GetValue<string>());
        Assert.Equal(0, created["total_members"]!.GetValue<int>());
        Assert.True(created["in_directory"]!.GetValue<bool>());
        Assert.Equal(3, created["directory_privacy"]!.GetValue<int>());

        var got = (await api.Get($"/v2/groups/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["id", "name", "total_members", "in_directory", "directory_privacy"], got.Select(p => p.Key));

        var missing = (await api.Post("/v2/groups", new { })).IsError(400, 300);
        Assert.Equal("Missing field: name", missing.Json["message"]!.GetValue<string>());
        (await api.Post("/v2/groups", new { name = "   " })).IsError(400, 300);
        (await api.Post("/v2/groups", new { name = new string('x', 128) })).IsError(400, 300);
        (await api.Post("/v2/groups", new { name = new string('x', 127) })).Is(HttpStatusCode.Created);
        (await api.Post("/v2/groups", new { name = "Ops", directory_privacy = 4 })).IsError(400, 300);
        var taken = (await api.Post("/v2/groups", new { name = "sALES" })).IsError(409, 4132);
        Assert.Contains("sALES", taken.Json["message"]!.GetValue<string>());
        (await api.Send(HttpMethod.Post, "/v2/groups", rawBody: "{\"name\":")).IsError(400, 300);

        (await api.Get("/v2/groups/nope")).IsError(404, 4130);
        (await api.Patch($"/v2/groups/{id}", new { name = "Sales EMEA" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("Sales EMEA", (await api.Get($"/v2/groups/{id}")).Json["name"]!.GetValue<string>());
        await CreateGroup(api, "Support");
        (await api.Patch($"/v2/groups/{id}", new { name = "support" })).IsError(409, 4132);
        (await api.Patch($"/v2/groups/{id}", new { name = "" })).IsError(400, 300);
        (await api.Patch("/v2/groups/nope", new { name = "x" })).IsError(404, 4130);
        Assert.Equal("Sales EMEA", (await api.Get($"/v2/groups/{id}")).Json["name"]!.GetValue<string>());

        var channels = (await api.Get($"/v2/groups/{id}/channels")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(id, channels["group_id"]!.GetValue<string>());
        Assert.Empty(channels["channels"]!.AsArray());
        (await api.Get("/v2/groups/nope/channels")).IsError(404, 4130);

        (await api.Delete($"/v2/groups/{id}")).Is(HttpStatusCode.NoContent);
        (await api.Get($"/v2/groups/{id}")).IsError(404, 4130);
        (await api.Delete($"/v2/groups/{id}")).IsError(404, 4130);
        await CreateGroup(api, "Sales"); // the name is free again
    }

    [Fact]
    public async Task ListPagesWithTokensAndTotals()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await CreateGroup(api, $"G{i}"));
        var first = (await api.Get("/v2/groups?page_size=2")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["groups", "total_records", "next_page_token"], first.Select(p => p.Key));
        Assert.Equal(5, first["total_records"]!.GetValue<int>());
        var seen = first["groups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()).ToList();
        var token = first["next_page_token"]!.GetValue<string>();
        while (token.Length > 0)
        {
            var page = (await api.Get($"/v2/groups?page_size=2&next_page_token={Uri.EscapeDataString(token)}")).Is(HttpStatusCode.OK).Json;
            Assert.Equal(5, page["total_records"]!.GetValue<int>());
            seen.AddRange(page["groups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
            token = page["next_page_token"]!.GetValue<string>();
        }
        Assert.Equal(ids, seen);
        Assert.Equal(5, (await api.Get("/v2/groups")).Json["groups"]!.AsArray().Count);
        (await api.Get("/v2/groups?page_size=0")).IsError(400, 300);
        (await api.Get("/v2/groups?page_size=x")).IsError(400, 300);
        (await api.Get("/v2/groups?next_page_token=forged")).IsError(400, 300);
        var tokenOfTwo = first["next_page_token"]!.GetValue<string>();
        (await api.Get($"/v2/groups?page_size=3&next_page_token={Uri.EscapeDataString(tokenOfTwo)}")).IsError(400, 300); // bound to its query
        Assert.Equal(5, (await api.Get("/v2/groups?page_size=1000")).Is(HttpStatusCode.OK).Json["groups"]!.AsArray().Count); // above 300 reads 300
    }

    [Fact]
    public async Task AHundredCreatesADayThenZoomsQuotaAnswerUntilMidnightUtc()
    {
        await using var app = new RosterApp();
        app.Clock.Now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var api = await app.ApiAsync();
        await CreateGroup(api, "dup");
        (await api.Post("/v2/groups", new { name = "dup" })).IsError(409, 4132); // a refused create uses no quota
        for (var i = 1; i < 100; i++) await CreateGroup(api, $"g{i}");
        var refused = (await api.Post("/v2/groups", new { name = "one too many" })).IsError(429, 429);
        Assert.Equal("You have exceeded the daily rate limit (100) of Create a Group API request for this account. This limit resets at GMT 00:00:00.",
            refused.Json["message"]!.GetValue<string>());
        Assert.Equal(100, (await api.Get("/v2/groups")).Json["total_records"]!.GetValue<int>());
        app.Clock.Advance(TimeSpan.FromHours(12)); // the next UTC day
        using var tomorrow = await app.ApiAsync();
        await CreateGroup(tomorrow, "one too many");
    }

    [Fact]
    public async Task MembersAddListRemoveAndTheUsersGroupIds()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var sales = await CreateGroup(api, "Sales");
        var ops = await CreateGroup(api, "Ops");
        var ann = await api.CreateUser("ann@example.com", type: 2);
        var bob = await api.CreateUser("bob@example.com");
        var cy = await api.CreateUser("cy@example.com");
        (await api.Patch($"/v2/users/{ann}", new { first_name = "Ann", last_name = "Lee" })).Is(HttpStatusCode.NoContent);

        // id wins over e-mail; an unknown user is left out of ids; so is one already a member
        var added = (await api.Post($"/v2/groups/{sales}/members", new { members = new object[]
        {
            new { id = ann, email = "bob@example.com" }, new { email = "CY@example.com" }, new { email = "ghost@example.com" }, new { id = ann },
        } })).Is(HttpStatusCode.Created).Json;
        Assert.Equal([ann, cy], added["ids"]!.GetValue<string>().Split(','));
        Assert.True(DateTimeOffset.TryParse(added["added_at"]!.GetValue<string>(), out _));
        var again = (await api.Post($"/v2/groups/{sales}/members", new { members = new[] { new { id = ann } } })).Is(HttpStatusCode.Created).Json;
        Assert.Equal("", again["ids"]!.GetValue<string>());

        (await api.Post($"/v2/groups/{sales}/members", new { members = Enumerable.Range(0, 31).Select(i => new { email = $"x{i}@example.com" }).ToArray() })).IsError(400, 300);
        (await api.Post($"/v2/groups/{sales}/members", new { members = Array.Empty<object>() })).IsError(400, 300);
        (await api.Post($"/v2/groups/{sales}/members", new { members = new[] { new { } } })).IsError(400, 300);
        (await api.Post("/v2/groups/nope/members", new { members = new[] { new { id = bob } } })).IsError(404, 4130);

        var list = (await api.Get($"/v2/groups/{sales}/members?page_size=1")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["members", "next_page_token", "page_count", "page_number", "page_size", "total_records"], list.Select(p => p.Key));
        Assert.Equal(2, list["total_records"]!.GetValue<int>());
        Assert.Equal(2, list["page_count"]!.GetValue<int>());
        Assert.Equal(1, list["page_number"]!.GetValue<int>());
        var m = list["members"]![0]!;
        Assert.Equal([ann, "ann@example.com", "Ann", "Lee"], new[] { "id", "email", "first_name", "last_name" }.Select(k => m[k]!.GetValue<string>()));
        Assert.Equal(2, m["type"]!.GetValue<int>());
        var second = (await api.Get($"/v2/groups/{sales}/members?page_size=1&next_page_token={Uri.EscapeDataString(list["next_page_token"]!.GetValue<string>())}")).Json;
        Assert.Equal(cy, second["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(2, second["page_number"]!.GetValue<int>());
        Assert.Equal("", second["next_page_token"]!.GetValue<string>());
        (await api.Get($"/v2/groups/{sales}/members?page_number=2")).IsError(400, 300);
        Assert.Equal(2, (await api.Get($"/v2/groups/{sales}")).Json["total_members"]!.GetValue<int>());

        // primary first: the first group joined, until set
        (await api.Post($"/v2/groups/{ops}/members", new { members = new[] { new { id = ann } } })).Is(HttpStatusCode.Created);
        Assert.Equal([sales, ops], await GroupIdsOf(api, ann));
        var listed = (await api.Get("/v2/users?page_size=300")).Json["users"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == ann)!;
        Assert.Equal([sales, ops], Strings(listed["group_ids"]));

        (await api.Delete($"/v2/groups/{sales}/members/ANN@example.com")).Is(HttpStatusCode.NoContent);
        Assert.Equal([ops], await GroupIdsOf(api, ann)); // the next group became primary
        (await api.Delete($"/v2/groups/{sales}/members/{ann}")).IsError(404, 4131);
        (await api.Delete($"/v2/groups/{sales}/members/{bob}")).IsError(404, 4131);
        (await api.Delete($"/v2/groups/{sales}/members/ghost@example.com")).IsError(404, 4131);
        Assert.Equal(1, (await api.Get($"/v2/groups/{sales}")).Json["total_members"]!.GetValue<int>());

        // deleting a group: members stay users and lose it
        (await api.Delete($"/v2/groups/{ops}")).Is(HttpStatusCode.NoContent);
        Assert.Empty(await GroupIdsOf(api, ann));
        (await api.Get($"/v2/users/{ann}")).Is(HttpStatusCode.OK);
        // deleting a user: its groups lose a member
        (await api.Delete($"/v2/users/{cy}?action=delete")).Is(HttpStatusCode.NoContent);
        Assert.Equal(0, (await api.Get($"/v2/groups/{sales}")).Json["total_members"]!.GetValue<int>());
        Assert.Empty((await api.Get($"/v2/groups/{sales}/members")).Json["members"]!.AsArray());
    }

    [Fact]
    public async Task MoveAndSetPrimary()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var a = await CreateGroup(api, "A");
        var b = await CreateGroup(api, "B");
        var c = await CreateGroup(api, "C");
        var u = await api.CreateUser("u@example.com");
        foreach (var g in new[] { a, b }) (await api.Post($"/v2/groups/{g}/members", new { members = new[] { new { id = u } } })).Is(HttpStatusCode.Created);

        var empty = (await api.Patch($"/v2/groups/{a}/members/{u}", new { action = "set_primary" })).IsError(400, 300);
        Assert.Equal("The target_group_id can not be empty.", empty.Json["message"]!.GetValue<string>());
        (await api.Patch($"/v2/groups/{a}/members/{u}", new { action = "promote", target_group_id = b })).IsError(400, 300);
        (await api.Patch($"/v2/groups/{a}/members/{u}", new { target_group_id = b })).IsError(400, 300);
        (await api.Patch($"/v2/groups/{a}/members/{u}", new { action = "set_primary", target_group_id = "nope" })).IsError(404, 4130);
        (await api.Patch($"/v2/groups/{a}/members/{u}", new { action = "set_primary", target_group_id = c })).IsError(404, 4131); // not a member of c
        (await api.Patch($"/v2/groups/{c}/members/{u}", new { action = "move", target_group_id = a })).IsError(404, 4131); // not in the path's group

        (await api.Patch($"/v2/groups/{a}/members/{u}", new { action = "set_primary", target_group_id = b })).Is(HttpStatusCode.NoContent);
        Assert.Equal([b, a], await GroupIdsOf(api, u));
        // moving out of the primary group makes the target primary, in its place
        (await api.Patch($"/v2/groups/{b}/members/{u}", new { action = "move", target_group_id = c })).Is(HttpStatusCode.NoContent);
        Assert.Equal([c, a], await GroupIdsOf(api, u));
        var totals = await Task.WhenAll(new[] { b, a, c }.Select(async g => (await api.Get($"/v2/groups/{g}")).Json["total_members"]!.GetValue<long>()));
        Assert.Equal(new long[] { 0, 1, 1 }, totals);
        // moving into a group it is already in only leaves the path's group
        (await api.Patch($"/v2/groups/{a}/members/{u}", new { action = "move", target_group_id = c })).Is(HttpStatusCode.NoContent);
        Assert.Equal([c], await GroupIdsOf(api, u));
    }

    [Fact]
    public async Task AdminsAddListRemove()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var g = await CreateGroup(api, "Admins");
        var ann = await api.CreateUser("ann@example.com");
        var bob = await api.CreateUser("bob@example.com");
        var added = (await api.Post($"/v2/groups/{g}/admins", new { admins = new object[] { new { id = ann }, new { email = "bob@example.com" }, new { email = "ghost@example.com" } } }))
            .Is(HttpStatusCode.Created).Json;
        Assert.Equal([ann, bob], added["ids"]!.GetValue<string>().Split(','));
        Assert.Equal("", (await api.Post($"/v2/groups/{g}/admins", new { admins = new[] { new { id = ann } } })).Is(HttpStatusCode.Created).Json["ids"]!.GetValue<string>());
        (await api.Post($"/v2/groups/{g}/admins", new { admins = Enumerable.Range(0, 11).Select(i => new { email = $"x{i}@example.com" }).ToArray() })).IsError(400, 300);

        var list = (await api.Get($"/v2/groups/{g}/admins?page_size=1")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(2, list["total_records"]!.GetValue<int>());
        Assert.Equal(1, list["page_size"]!.GetValue<int>());
        Assert.Equal("ann@example.com", list["admins"]![0]!["email"]!.GetValue<string>());
        var rest = (await api.Get($"/v2/groups/{g}/admins?page_size=1&next_page_token={Uri.EscapeDataString(list["next_page_token"]!.GetValue<string>())}")).Json;
        Assert.Equal(bob, rest["admins"]![0]!["id"]!.GetValue<string>());

        (await api.Delete($"/v2/groups/{g}/admins/bob@example.com")).Is(HttpStatusCode.NoContent);
        var notAdmin = (await api.Delete($"/v2/groups/{g}/admins/{bob}")).IsError(400, 4138);
        Assert.Equal($"That user is not an administrator for the group: \"{g}\".", notAdmin.Json["message"]!.GetValue<string>());
        (await api.Delete($"/v2/groups/{g}/admins/me")).IsError(400, 4138);
        (await api.Delete($"/v2/groups/{g}/admins/ghost@example.com")).IsError(404, 1001);
        (await api.Delete($"/v2/groups/nope/admins/{ann}")).IsError(404, 4130);
        Assert.Single((await api.Get($"/v2/groups/{g}/admins")).Json["admins"]!.AsArray());
    }

    [Fact]
    public async Task UsersJoinGroupsWhenCreatedOrUpdatedWithGroupId()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var g = await CreateGroup(api, "New hires");
        var pending = (await api.Post("/v2/users", new { action = "create", user_info = new { email = "new@example.com", type = 1, group_id = g } }))
            .Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        Assert.Equal([g], await GroupIdsOf(api, pending));
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "x@example.com", type = 1, group_id = "nope" } })).IsError(404, 4130);
        (await api.Get("/v2/users/x@example.com")).IsError(404, 1001); // nothing was created

        var h = await CreateGroup(api, "Later");
        var u = await api.CreateUser("u@example.com");
        (await api.Patch($"/v2/users/{u}", new { group_id = h, dept = "Ops" })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{pending}", new { group_id = h })).Is(HttpStatusCode.NoContent);
        Assert.Equal([g, h], await GroupIdsOf(api, pending));
        (await api.Patch($"/v2/users/{u}", new { group_id = "nope", dept = "Sales" })).IsError(404, 4130);
        var user = (await api.Get($"/v2/users/{u}")).Json;
        Assert.Equal("Ops", user["dept"]!.GetValue<string>()); // the refused PATCH changed nothing
        Assert.Equal([h], Strings(user["group_ids"]));
        Assert.Equal(2, (await api.Get($"/v2/groups/{h}")).Json["total_members"]!.GetValue<int>());
    }

    [Fact]
    public async Task SubAccountsSeeOnlyTheirOwnGroupsAndScopesDecide()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var mine = await CreateGroup(api, "Mine");
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@tenant.test");
        var theirs = await CreateGroup(sub, "Mine"); // names are unique per account only
        Assert.Equal([theirs], (await sub.Get("/v2/groups")).Json["groups"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()));
        // another account's group answers as one that does not exist
        (await sub.Get($"/v2/groups/{mine}")).IsError(404, 4130);
        (await sub.Patch($"/v2/groups/{mine}", new { name = "x" })).IsError(404, 4130);
        (await sub.Delete($"/v2/groups/{mine}")).IsError(404, 4130);
        (await sub.Get($"/v2/groups/{mine}/members")).IsError(404, 4130);
        var stranger = await api.CreateUser("stranger@example.com");
        Assert.Equal("", (await sub.Post($"/v2/groups/{theirs}/members", new { members = new[] { new { id = stranger } } })).Is(HttpStatusCode.Created).Json["ids"]!.GetValue<string>());
        Assert.Equal("Mine", (await api.Get($"/v2/groups/{mine}")).Json["name"]!.GetValue<string>());

        using var reader = await app.AppAsync(api, null, ["group:read:admin"]);
        (await reader.Get("/v2/groups")).Is(HttpStatusCode.OK);
        (await reader.Get($"/v2/groups/{mine}/members")).Is(HttpStatusCode.OK);
        (await reader.Post("/v2/groups", new { name = "no" })).IsError(400, 4711);
        (await reader.Delete($"/v2/groups/{mine}")).IsError(400, 4711);
        using var writer = await app.AppAsync(api, null, ["group:write:admin"]);
        (await writer.Get($"/v2/groups/{mine}")).Is(HttpStatusCode.OK); // write also reads
        using var granular = await app.AppAsync(api, null, ["group:read:list_groups:admin"]);
        (await granular.Get("/v2/groups")).Is(HttpStatusCode.OK);
        (await granular.Get($"/v2/groups/{mine}")).IsError(400, 4711);
        using var users = await app.AppAsync(api, null, ["user:read:admin", "user:write:admin"]);
        (await users.Get("/v2/groups")).IsError(400, 4711);
    }
}
