using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Roster.Server.Auth;

namespace Roster.Server.Tests;

/// <summary>
/// Zoom's Roles API over HTTP, on the suite's engine: shapes, every documented error in Zoom's body, paging, tenancy,
/// scopes, privileges, and what users show of their role (role_id, role_name, the role_id filter, permissions, events).
/// </summary>
public class RolesApiTests
{
    static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>A token acting as <paramref name="userId"/> with the app's admin scopes: what an admin's authorised app holds.</summary>
    static Api ActingAs(RosterApp app, string userId)
    {
        var token = app.Services.GetRequiredService<AccessTokens>()
            .Issue(RosterApp.AccountId, RosterApp.ClientId, userId, Domain.Auth.Operations.AllAdminScopes);
        return app.ApiWith(token);
    }

    [Fact]
    public async Task RolesAsZoomShowsThem()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var list = (await api.Get("/v2/roles")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(3, list["total_records"]!.GetValue<int>());
        var roles = list["roles"]!.AsArray();
        Assert.Equal(["0", "1", "2"], roles.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(["Owner", "Admin", "Member"], roles.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal([1, 0, 0], roles.Select(r => r!["total_members"]!.GetValue<int>()));
        Assert.All(roles, r => Assert.Equal("common", r!["type"]!.GetValue<string>()));
        Assert.Equal(0, (await api.Get("/v2/roles?type=iq")).Is(HttpStatusCode.OK).Json["total_records"]!.GetValue<int>());
        (await api.Get("/v2/roles?type=nope")).IsError(400, 300);

        var created = (await api.Post("/v2/roles", new { name = "Helpdesk", description = "Reads users", privileges = new[] { "User:Read", "Role:Read" } }))
            .Is(HttpStatusCode.Created).Json;
        var id = created["id"]!.GetValue<string>();
        Assert.Matches("^R[A-Za-z0-9_-]{22}$", id);
        Assert.Equal(("Helpdesk", "Reads users", "common", 0), (created["name"]!.GetValue<string>(), created["description"]!.GetValue<string>(),
            created["type"]!.GetValue<string>(), created["total_members"]!.GetValue<int>()));
        Assert.Equal(["User:Read", "Role:Read"], Strings(created["privileges"]));
        var got = (await api.Get($"/v2/roles/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(created.ToJsonString(), got.ToJsonString());
        Assert.Equal(Domain.AccountRoles.Privileges.Catalogue, Strings((await api.Get("/v2/roles/0")).Json["privileges"]));

        (await api.Patch($"/v2/roles/{id}", new { id, total_members = 0, name = "Desk", privileges = new[] { "User:Edit" }, sub_account_privileges = new { second_level = 3 } }))
            .Is(HttpStatusCode.NoContent);
        got = (await api.Get($"/v2/roles/{id}")).Json;
        Assert.Equal(("Desk", 3), (got["name"]!.GetValue<string>(), got["sub_account_privileges"]!["second_level"]!.GetValue<int>()));
        Assert.Equal(["User:Edit"], Strings(got["privileges"]));
        Assert.Equal(4, (await api.Get("/v2/roles")).Json["total_records"]!.GetValue<int>());
        (await api.Delete($"/v2/roles/{id}")).Is(HttpStatusCode.NoContent);
        (await api.Get($"/v2/roles/{id}")).IsError(400, 300);
    }

    [Fact]
    public async Task EveryDocumentedErrorInZoomsShapeAndNothingChanges()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var user = await api.CreateUser("u@example.com");
        var id = (await api.Post("/v2/roles", new { name = "Taken" })).Json["id"]!.GetValue<string>();
        (await api.Post("/v2/roles", new { name = "" })).IsError(400, 300);
        (await api.Post("/v2/roles", new { description = "no name" })).IsError(400, 300);
        var taken = (await api.Post("/v2/roles", new { name = "taken" })).IsError(400, 1224);
        Assert.Equal("Role name \"taken\" has already been used.", taken.Json["message"]!.GetValue<string>());
        (await api.Post("/v2/roles", new { name = "X", privileges = new[] { "User:Fly" } })).IsError(400, 300);
        (await api.Post("/v2/roles", new { name = "X", privileges = "User:Read" })).IsError(400, 300);
        (await api.Send(HttpMethod.Post, "/v2/roles", rawBody: "{\"name\":")).IsError(400, 300);
        (await api.Patch("/v2/roles/0", new { description = "x" })).IsError(400, 300);
        Assert.Equal("This role cannot be updated.", (await api.Patch("/v2/roles/2", new { name = "Normal" })).IsError(400, 300).Json["message"]!.GetValue<string>());
        (await api.Patch("/v2/roles/Rnothere", new { name = "Y" })).IsError(400, 300);
        (await api.Delete("/v2/roles/1")).IsError(400, 300);
        (await api.Delete("/v2/roles/Rnothere")).IsError(400, 300);
        (await api.Get("/v2/roles/Rnothere/members")).IsError(404, 300);
        (await api.Post("/v2/roles/Rnothere/members", new { members = new[] { new { id = user } } })).IsError(400, 1034);
        var fixedRoles = (await api.Post("/v2/roles/2/members", new { members = new[] { new { id = user } } })).IsError(400, 300);
        Assert.Equal("Can't delete or add members for Normal/Owner roles.", fixedRoles.Json["message"]!.GetValue<string>());
        (await api.Post("/v2/roles/0/members", new { members = new[] { new { id = user } } })).IsError(400, 300);
        (await api.Post($"/v2/roles/{id}/members", new { members = Enumerable.Range(0, 31).Select(_ => new { id = user }).ToArray() })).IsError(400, 300);
        (await api.Post($"/v2/roles/{id}/members", new { members = new[] { new { id = user }, new { id = "nobody0000000000000000" } } })).IsError(404, 1001);
        (await api.Delete($"/v2/roles/{id}/members/{user}")).IsError(404, 300);
        (await api.Delete($"/v2/roles/2/members/{user}")).IsError(400, 300);
        (await api.Get($"/v2/roles/{id}/members?page_size=0")).IsError(400, 300);
        (await api.Get($"/v2/roles/{id}/members?page_size=x")).IsError(400, 300);
        (await api.Get($"/v2/roles/{id}/members?next_page_token=forged")).IsError(400, 300);
        // nothing of it stuck
        Assert.Equal(4, (await api.Get("/v2/roles")).Json["total_records"]!.GetValue<int>());
        Assert.Equal("2", (await api.Get($"/v2/users/{user}")).Json["role_id"]!.GetValue<string>());
        Assert.Equal(0, (await api.Get($"/v2/roles/{id}")).Json["total_members"]!.GetValue<int>());
    }

    [Fact]
    public async Task UsersFollowTheirRole()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var a = await api.CreateUser("a@example.com");
        var b = await api.CreateUser("b@example.com");
        var role = (await api.Post("/v2/roles", new { name = "Auditors", privileges = new[] { "User:Read", "Recording:Read" } })).Json["id"]!.GetValue<string>();
        var added = (await api.Post($"/v2/roles/{role}/members", new { members = new object[] { new { id = a }, new { email = "B@example.com" } } }))
            .Is(HttpStatusCode.Created).Json;
        Assert.Equal($"{a},{b}", added["ids"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(added["add_at"]!.GetValue<string>(), out _));

        var user = (await api.Get($"/v2/users/{a}")).Json;
        Assert.Equal((role, "Auditors"), (user["role_id"]!.GetValue<string>(), user["role_name"]!.GetValue<string>()));
        var listed = (await api.Get($"/v2/users?role_id={role}")).Json;
        Assert.Equal(2, listed["total_records"]!.GetValue<int>());
        Assert.Equal([a, b], listed["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
        Assert.All(listed["users"]!.AsArray(), u => Assert.Equal(role, u!["role_id"]!.GetValue<string>()));
        Assert.Equal(1, (await api.Get("/v2/users?role_id=0")).Json["total_records"]!.GetValue<int>());
        Assert.Equal(["User:Read", "Recording:Read"], Strings((await api.Get($"/v2/users/{a}/permissions")).Json["permissions"]));
        Assert.Equal(2, (await api.Get($"/v2/roles/{role}")).Json["total_members"]!.GetValue<int>());

        // the role's events: user.updated with role (names), old_object the previous one
        // (on PostgreSQL an event shows when no older transaction is still open, a moment after its write answered)
        var payload = Assert.Single(await GroupSettingsTests.Events(api, "user.updated", a, 1));
        Assert.Equal(("Auditors", "Member"), (payload["object"]!["role"]!.GetValue<string>(), payload["old_object"]!["role"]!.GetValue<string>()));

        (await api.Delete($"/v2/roles/{role}")).IsError(400, 300); // still held
        (await api.Delete($"/v2/roles/{role}/members/{a}")).Is(HttpStatusCode.NoContent);
        user = (await api.Get($"/v2/users/{a}")).Json;
        Assert.Equal(("2", "Member"), (user["role_id"]!.GetValue<string>(), user["role_name"]!.GetValue<string>()));
        Assert.Equal(1, (await api.Get($"/v2/users?role_id={role}")).Json["total_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task MembersPageWithTokensAndZoomsFieldNames()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var role = (await api.Post("/v2/roles", new { name = "Big" })).Json["id"]!.GetValue<string>();
        var ids = new List<string>();
        for (var i = 0; i < 35; i++) ids.Add(await api.CreateUser($"m{i:00}@example.com"));
        (await api.Patch($"/v2/users/{ids[0]}", new { dept = "Sales" })).Is(HttpStatusCode.NoContent);
        foreach (var chunk in ids.Chunk(30))
            (await api.Post($"/v2/roles/{role}/members", new { members = chunk.Select(id => new { id }).ToArray() })).Is(HttpStatusCode.Created);
        var first = (await api.Get($"/v2/roles/{role}/members")).Is(HttpStatusCode.OK).Json;
        Assert.Equal((30, 35, 2, 1), (first["page_size"]!.GetValue<int>(), first["total_records"]!.GetValue<int>(), first["page_count"]!.GetValue<int>(), first["page_number"]!.GetValue<int>()));
        var m0 = first["members"]![0]!;
        Assert.Equal((ids[0], "m00@example.com", "Sales", 1), (m0["id"]!.GetValue<string>(), m0["email"]!.GetValue<string>(), m0["department"]!.GetValue<string>(), m0["type"]!.GetValue<int>()));
        Assert.Null(m0["dept"]);
        var token = first["next_page_token"]!.GetValue<string>();
        Assert.NotEmpty(token);
        var second = (await api.Get($"/v2/roles/{role}/members?next_page_token={Uri.EscapeDataString(token)}&page_count=7")).Json;
        Assert.Equal("", second["next_page_token"]!.GetValue<string>());
        Assert.Equal(ids, first["members"]!.AsArray().Concat(second["members"]!.AsArray()).Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal(300, (await api.Get($"/v2/roles/{role}/members?page_size=5000")).Json["page_size"]!.GetValue<int>());
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = await app.ApiAsync();
        (await later.Get($"/v2/roles/{role}/members?next_page_token={Uri.EscapeDataString(token)}")).IsError(400, 300);
    }

    [Fact]
    public async Task ScopesDecideWhichOperationsATokenReaches()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var reader = await app.AppAsync(api, null, ["role:read:admin"]);
        using var writer = await app.AppAsync(api, null, ["role:write:admin"]);
        using var granular = await app.AppAsync(api, null, ["role:read:list_roles:admin"]);
        using var users = await app.AppAsync(api, null, ["user:write:admin"]);
        (await reader.Get("/v2/roles")).Is(HttpStatusCode.OK);
        (await reader.Get("/v2/roles/1/members")).Is(HttpStatusCode.OK);
        (await reader.Post("/v2/roles", new { name = "R" })).IsError(400, 4711);
        (await writer.Get("/v2/roles/1")).Is(HttpStatusCode.OK); // write also authorises reads
        (await writer.Post("/v2/roles", new { name = "W" })).Is(HttpStatusCode.Created);
        (await granular.Get("/v2/roles")).Is(HttpStatusCode.OK);
        (await granular.Get("/v2/roles/1")).IsError(400, 4711);
        (await users.Get("/v2/roles")).IsError(400, 4711);
        (await users.Delete("/v2/roles/1/members/x")).IsError(400, 4711);
    }

    [Fact]
    public async Task ASubAccountSeesOnlyItsOwnRoles()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var master = (await api.Post("/v2/roles", new { name = "MasterOnly" })).Json["id"]!.GetValue<string>();
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@tenant.test");
        var subRoles = (await sub.Get("/v2/roles")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["0", "1", "2"], subRoles["roles"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        (await sub.Get($"/v2/roles/{master}")).IsError(400, 300);
        (await sub.Get($"/v2/roles/{master}/members")).IsError(404, 300);
        (await sub.Delete($"/v2/roles/{master}")).IsError(400, 300);
        var mine = (await sub.Post("/v2/roles", new { name = "MasterOnly" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>(); // names are per account
        var masterUser = await api.CreateUser("staff@example.com");
        (await sub.Post($"/v2/roles/{mine}/members", new { members = new[] { new { id = masterUser } } })).IsError(404, 1001);
        (await api.Post($"/v2/roles/{mine}/members", new { members = new[] { new { id = masterUser } } })).IsError(400, 1034);
        Assert.Equal(4, (await api.Get("/v2/roles")).Json["total_records"]!.GetValue<int>());
        // a free account manages no roles
        var (free, _, _) = await app.SubAccountAsync(api, "free@tenant.test", plan: "free");
        (await free.Get("/v2/roles")).Is(HttpStatusCode.OK);
        (await free.Post("/v2/roles", new { name = "Nope" })).IsError(400, 200);
    }

    [Fact]
    public async Task PrivilegesDecideWhatAnAdminsTokenMayDo()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var admin = await api.CreateUser("admin@example.com");
        var desk = await api.CreateUser("desk@example.com");
        var member = await api.CreateUser("member@example.com");
        var readOnly = (await api.Post("/v2/roles", new { name = "ReadOnly", privileges = new[] { "User:Read", "Role:Read" } })).Json["id"]!.GetValue<string>();
        (await api.Post("/v2/roles/1/members", new { members = new[] { new { id = admin } } })).Is(HttpStatusCode.Created);
        (await api.Post($"/v2/roles/{readOnly}/members", new { members = new[] { new { id = desk } } })).Is(HttpStatusCode.Created);
        using var asAdmin = ActingAs(app, admin);
        using var asDesk = ActingAs(app, desk);
        using var asMember = ActingAs(app, member);

        (await asAdmin.Patch($"/v2/users/{member}", new { job_title = "Changed" })).Is(HttpStatusCode.NoContent);
        (await asAdmin.Get("/v2/roles")).Is(HttpStatusCode.OK);
        (await asAdmin.Post("/v2/roles", new { name = "Mine" })).IsError(400, 200); // Admin lacks Role:Edit until granted
        (await asDesk.Get($"/v2/roles/{readOnly}/members")).Is(HttpStatusCode.OK);
        var refused = (await asDesk.Patch($"/v2/users/{member}", new { job_title = "Nope" })).IsError(400, 200);
        Assert.Contains("User:Edit", refused.Json["message"]!.GetValue<string>());
        (await asDesk.Post($"/v2/roles/{readOnly}/members", new { members = new[] { new { id = member } } })).IsError(400, 200);
        (await asMember.Get("/v2/roles")).IsError(400, 200);
        Assert.Equal("Changed", (await api.Get($"/v2/users/{member}")).Json["job_title"]!.GetValue<string>());

        (await api.Patch("/v2/roles/1", new { privileges = new[] { "User:Read", "User:Edit", "Role:Read", "Role:Edit" } })).Is(HttpStatusCode.NoContent);
        (await asAdmin.Post($"/v2/roles/{readOnly}/members", new { members = new[] { new { id = member } } })).Is(HttpStatusCode.Created);
        Assert.Equal(["User:Read", "User:Edit", "Role:Read", "Role:Edit"], Strings((await api.Get($"/v2/users/{admin}/permissions")).Json["permissions"]));
    }
}
