using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Server.Tests;

/// <summary>Every operation against the scope rules and against another account's users.</summary>
public class ScopeAndTenancyTests
{
    /// <summary>One call per operation of the Users API; {u} is the target user, {a} an account id.</summary>
    public static readonly (string Op, string Method, string Path, object? Body, string AdminScope, string Granular)[] Calls =
    [
        ("switchUserAccount", "PUT", "/v2/accounts/me/users/{u}/account", new { account_id = "{a}" }, "user:master", "user:master"),
        ("user", "GET", "/v2/users/{u}", null, "user:read:admin", "user:read:user:admin"),
        ("userAssistantCreate", "POST", "/v2/users/{u}/assistants", new { assistants = new[] { new { id = "zz" } } }, "user:write:admin", "user:write:assistant:admin"),
        ("userAssistantDelete", "DELETE", "/v2/users/{u}/assistants/zz", null, "user:write:admin", "user:delete:assistant:admin"),
        ("userAssistants", "GET", "/v2/users/{u}/assistants", null, "user:read:admin", "user:read:list_assistants:admin"),
        ("userAssistantsDelete", "DELETE", "/v2/users/{u}/assistants", null, "user:write:admin", "user:delete:assistant:admin"),
        ("userCreate", "POST", "/v2/users", new { action = "custCreate", user_info = new { email = "new@example.com", type = 1 } }, "user:write:admin", "user:write:user:admin"),
        ("userDelete", "DELETE", "/v2/users/{u}?action=delete", null, "user:write:admin", "user:delete:user:admin"),
        ("userEmail", "GET", "/v2/users/email?email=a@example.com", null, "user:read:admin", "user:read:email:admin"),
        ("userEmailUpdate", "PUT", "/v2/users/{u}/email", new { email = "moved@example.com" }, "user:write:admin", "user:update:email:admin"),
        ("userPassword", "PUT", "/v2/users/{u}/password", new { password = "Val1dPassw" }, "user:write:admin", "user:update:password:admin"),
        ("userPermission", "GET", "/v2/users/{u}/permissions", null, "user:read:admin", "user:read:list_permissions:admin"),
        ("userPicture", "POST", "/v2/users/{u}/picture", new { }, "user:write:admin", "user:write:profile_picture:admin"),
        ("userSchedulerDelete", "DELETE", "/v2/users/{u}/schedulers/zz", null, "user:write:admin", "user:delete:scheduler:admin"),
        ("userSchedulers", "GET", "/v2/users/{u}/schedulers", null, "user:read:admin", "user:read:list_schedulers:admin"),
        ("userSchedulersDelete", "DELETE", "/v2/users/{u}/schedulers", null, "user:write:admin", "user:delete:scheduler:admin"),
        ("userSettings", "GET", "/v2/users/{u}/settings", null, "user:read:admin", "user:read:settings:admin"),
        ("userSettingsUpdate", "PATCH", "/v2/users/{u}/settings", new { in_meeting = new { chat = true } }, "user:write:admin", "user:update:settings:admin"),
        ("userSSOTokenDelete", "DELETE", "/v2/users/{u}/token", null, "user:write:admin", "user:delete:token:admin"),
        ("userStatus", "PUT", "/v2/users/{u}/status", new { action = "deactivate" }, "user:write:admin", "user:update:status:admin"),
        ("userToken", "GET", "/v2/users/{u}/token?type=zak", null, "user:read:admin", "user:read:token:admin"),
        ("userUpdate", "PATCH", "/v2/users/{u}", new { dept = "X" }, "user:write:admin", "user:update:user:admin"),
        ("userVanityName", "GET", "/v2/users/vanity_name?vanity_name=abcde", null, "user:read:admin", "user:read:pm_room:admin"),
        ("users", "GET", "/v2/users", null, "user:read:admin", "user:read:list_users:admin"),
        ("userZak", "GET", "/v2/users/me/zak", null, "user:read:zak:admin", "user:read:zak:admin"),
        ("userPictureDelete", "DELETE", "/v2/users/{u}/picture", null, "user:write:admin", "user:delete:profile_picture:admin"),
        ("getUserPresenceStatus", "GET", "/v2/users/{u}/presence_status", null, "user:read:admin", "user:read:presence_status:admin"),
        ("updatePresenceStatus", "PUT", "/v2/users/{u}/presence_status", new { status = "Away" }, "user:write:admin", "user:update:presence_status:admin"),
        ("getUserSummary", "GET", "/v2/users/summary", null, "user:read:admin", "user:read:summary:admin"),
        ("uploadVBuser", "POST", "/v2/users/{u}/settings/virtual_backgrounds", new { }, "user:write:admin", "user:write:virtual_background_files:admin"),
        ("delUserVB", "DELETE", "/v2/users/{u}/settings/virtual_backgrounds?file_ids=zz", null, "user:write:admin", "user:delete:virtual_background_files:admin"),
    ];

    static Task<Reply> Call(Api api, (string Op, string Method, string Path, object? Body, string, string) c, string userId, string accountId = "none")
    {
        if (c.Op == "userPicture") return TokenPictureTests.Upload(api, userId, TokenPictureTests.Png, "me.png");
        if (c.Op == "uploadVBuser") return VirtualBackgroundTests.Upload(api, userId, TokenPictureTests.Png, "me.png");
        var path = c.Path.Replace("{u}", userId);
        var body = c.Body is null ? null : System.Text.Json.JsonSerializer.Serialize(c.Body).Replace("{a}", accountId);
        return api.Send(new HttpMethod(c.Method), path, rawBody: body);
    }

    /// <summary>The operations the server really maps (from its endpoint data source), so a new one cannot escape the matrix.</summary>
    public static HashSet<string> MappedOperations(RosterApp app, Func<Domain.Auth.Operation, bool> which)
        => app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>().SelectMany(s => s.Endpoints)
            .Select(e => e.Metadata.GetMetadata<Domain.Auth.Operation>()).OfType<Domain.Auth.Operation>().Where(which).Select(o => o.Id).ToHashSet();

    [Fact]
    public async Task EveryMappedOperationOfTheUsersApiIsCovered()
    {
        await using var app = new RosterApp();
        var mapped = MappedOperations(app, o => Domain.Auth.Operations.UsersApi.Contains(o));
        Assert.Equal(31, mapped.Count);
        Assert.Equal(mapped, Calls.Select(c => c.Op).ToHashSet());
    }

    [Fact]
    public async Task WithoutAMatchingScopeEveryOperationIs4711NamingTheScopes()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        var target = await admin.CreateUser("target@example.com", type: 2);
        using var none = await app.AppAsync(admin, null, ["account:read:admin"]);
        foreach (var c in Calls)
        {
            var reply = (await Call(none, c, target)).IsError(400, 4711);
            Assert.Contains(c.AdminScope, reply.Json["message"]!.GetValue<string>());
        }
        // nothing changed
        Assert.Equal("active", (await admin.Get($"/v2/users/{target}")).Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task EachGranularAdminScopeAllowsItsOperation()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        foreach (var c in Calls)
        {
            var target = await admin.CreateUser($"t-{c.Op.ToLowerInvariant()}@example.com", type: 2);
            using var scoped = await app.AppAsync(admin, null, [c.Granular]);
            var reply = await Call(scoped, c, target);
            Assert.NotEqual(HttpStatusCode.Unauthorized, reply.Status);
            // parsed, never searched: a random id or PMI in the body may well contain "4711"
            var code = reply.Body.Length > 0 && System.Text.Json.Nodes.JsonNode.Parse(reply.Body) is System.Text.Json.Nodes.JsonObject o
                && o["code"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
            Assert.True(code != 4711, $"{c.Op}: {reply.Body}");
        }
    }

    [Fact]
    public async Task UserScopesActOnMeOnly()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        var other = await admin.CreateUser("other@example.com", type: 2);
        using var user = await app.AppAsync(admin, null, ["user:read", "user:write"]);
        (await user.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        (await user.Get("/v2/users/owner@example.com")).Is(HttpStatusCode.OK);
        (await user.Patch("/v2/users/me/settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        (await user.Get($"/v2/users/{other}")).IsError(400, 4711);
        (await user.Patch($"/v2/users/{other}", new { dept = "x" })).IsError(400, 4711);
        (await user.Get("/v2/users")).IsError(400, 4711);
        (await user.Post("/v2/users", new { action = "custCreate", user_info = new { email = "n@example.com", type = 1 } })).IsError(400, 4711);
        Assert.Equal("", (await admin.Get($"/v2/users/{other}")).Json["dept"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherAccountsUsersAnswerExactlyAsAbsentOnes()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, subId, _) = await app.SubAccountAsync(master, "boss@tenant.test");
        var theirs = await sub.CreateUser("theirs@tenant.test", type: 2);
        await sub.Patch($"/v2/users/{theirs}/settings", new { in_meeting = new { chat = true } });
        var before = (await sub.Get($"/v2/users/{theirs}")).Body;
        foreach (var c in Calls.Where(c => c.Path.Contains("{u}") && c.Op != "switchUserAccount"))
        {
            foreach (var who in new[] { theirs, "theirs@tenant.test" })
            {
                var foreign = await Call(master, c, who);
                var absent = await Call(master, c, who.Contains('@') ? "ghost@tenant.test" : "GhostGhostGhostGhost00");
                foreign.IsError(404, 1001);
                Assert.Equal(absent.Status, foreign.Status);
                Assert.Equal(absent.Code, foreign.Code);
            }
        }
        // the other direction, and the sub account's data is untouched
        var mine = await master.CreateUser("mine@example.com");
        (await sub.Get($"/v2/users/{mine}")).IsError(404, 1001);
        Assert.Equal(before, (await sub.Get($"/v2/users/{theirs}")).Body);
        Assert.DoesNotContain("theirs@tenant.test", (await master.Get("/v2/users?page_size=300")).Body);
        Assert.DoesNotContain("mine@example.com", (await sub.Get("/v2/users?page_size=300")).Body);
    }
}
