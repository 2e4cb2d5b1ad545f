using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>A seed's groups and roles: loaded through the API's rules, exported, and the export loads into a fresh store as the same groups, members and roles.</summary>
public class SeedGroupsTests
{
    static async Task<Reply> Seed(Api sandbox, string text, string type = "application/yaml")
        => await sandbox.Send(HttpMethod.Post, "/roster/v1/sandbox/seed", rawBody: text, contentType: type);

    static string[] Strings(JsonNode? list) => [.. list!.AsArray().Select(x => x!.GetValue<string>())];

    const string File = """
        users:
          - email: ann@example.com
            type: licensed
            first_name: Ann
          - email: ben@example.com
            primary_group: Night shift
          - email: cal@example.com
        roles:
          - name: Auditor
            description: Reads users
            privileges: [User:Read]
            members: [ann@example.com, cal@example.com]
        groups:
          - name: Day shift
            members: [ann@example.com, ben@example.com, owner@example.com]
            admins: [ann@example.com]
          - name: Night shift
            members: [ben@example.com]
        sub_accounts:
          - account_name: Branch
            owner_email: boss@branch.example.org
            users:
              - email: dan@branch.example.org
            roles:
              - name: Auditor
                privileges: [User:Read]
                members: [dan@branch.example.org]
            groups:
              - name: Day shift
                members: [dan@branch.example.org, boss@branch.example.org]
        """;

    /// <summary>What the API shows of the primary account's groups and roles, by name.</summary>
    static async Task<JsonObject> Shown(Api api)
    {
        var shown = new JsonObject();
        foreach (var g in (await api.Get("/v2/groups")).Is(HttpStatusCode.OK).Json["groups"]!.AsArray())
        {
            var id = g!["id"]!.GetValue<string>();
            shown[$"group {g["name"]!.GetValue<string>()}"] = new JsonObject
            {
                ["members"] = new JsonArray([.. (await api.Get($"/v2/groups/{id}/members")).Json["members"]!.AsArray().Select(m => (JsonNode?)m!["email"]!.GetValue<string>())]),
                ["admins"] = new JsonArray([.. (await api.Get($"/v2/groups/{id}/admins")).Json["admins"]!.AsArray().Select(m => (JsonNode?)m!["email"]!.GetValue<string>())]),
            };
        }
        foreach (var r in (await api.Get("/v2/roles")).Json["roles"]!.AsArray().Where(r => r!["id"]!.GetValue<string>().StartsWith('R')))
        {
            var id = r!["id"]!.GetValue<string>();
            var role = (await api.Get($"/v2/roles/{id}")).Json;
            shown[$"role {r["name"]!.GetValue<string>()}"] = new JsonObject
            {
                ["description"] = role["description"]!.GetValue<string>(), ["privileges"] = role["privileges"]!.DeepClone(),
                ["members"] = new JsonArray([.. (await api.Get($"/v2/roles/{id}/members")).Json["members"]!.AsArray().Select(m => (JsonNode?)m!["email"]!.GetValue<string>())]),
            };
        }
        foreach (var email in new[] { "ann@example.com", "ben@example.com", "cal@example.com" })
        {
            var user = (await api.Get($"/v2/users/{email}")).Json;
            var names = new JsonArray();
            foreach (var gid in Strings(user["group_ids"] ?? new JsonArray())) names.Add((await api.Get($"/v2/groups/{gid}")).Json["name"]!.GetValue<string>());
            shown[$"user {email}"] = new JsonObject { ["groups"] = names, ["role"] = user["role_name"]!.GetValue<string>() };
        }
        return shown;
    }

    [Fact]
    public async Task GroupsAndRolesLoadAndTheExportLoadsIntoAFreshStoreAsTheSame()
    {
        await using var seeded = new RosterApp();
        using var sandbox = seeded.ApiWith(SandboxTests.AdminKey(seeded));
        (await Seed(sandbox, File)).Is(HttpStatusCode.Created);
        using var api = await seeded.ApiAsync();
        var shown = await Shown(api);
        Assert.Equal(["ann@example.com", "ben@example.com", "owner@example.com"], Strings(shown["group Day shift"]!["members"]));
        Assert.Equal(["ann@example.com"], Strings(shown["group Day shift"]!["admins"]));
        Assert.Equal(["ann@example.com", "cal@example.com"], Strings(shown["role Auditor"]!["members"]));
        Assert.Equal(["Night shift", "Day shift"], Strings(shown["user ben@example.com"]!["groups"])); // primary_group, though Day shift lists ben first
        Assert.Equal(["Day shift"], Strings(shown["user ann@example.com"]!["groups"]));
        Assert.Equal("Auditor", shown["user cal@example.com"]!["role"]!.GetValue<string>());
        // the same events as the API's
        var events = (await EventsTests.AtLeast(async () => new JsonArray([.. (await api.Get("/roster/v1/events?page_size=300")).Json["events"]!.AsArray()
            .Where(e => e!["event"]!.GetValue<string>() is "group.created" or "group.member_added" or "group.admin_added" or "role.created").Select(e => e!.DeepClone())]), 7));
        Assert.Equal(["group.admin_added", "group.created", "group.member_added", "role.created"], events.Select(e => e!["event"]!.GetValue<string>()).Distinct().Order());

        var exported = (await sandbox.Get("/roster/v1/sandbox/seed")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Night shift", exported["users"]!.AsArray().Single(u => u!["email"]!.GetValue<string>() == "ben@example.com")!["primary_group"]!.GetValue<string>());
        Assert.Null(exported["users"]!.AsArray().Single(u => u!["email"]!.GetValue<string>() == "ann@example.com")!["primary_group"]);
        // the sub account's own, under the same names as the master's
        var branch = exported["sub_accounts"]![0]!;
        Assert.Equal(["dan@branch.example.org", "boss@branch.example.org"], Strings(branch["groups"]![0]!["members"]));
        Assert.Equal(["dan@branch.example.org"], Strings(branch["roles"]![0]!["members"]));

        await using var fresh = new RosterApp();
        using var second = fresh.ApiWith(SandboxTests.AdminKey(fresh));
        (await Seed(second, exported.ToJsonString(), "application/json")).Is(HttpStatusCode.Created);
        using var again = await fresh.ApiAsync();
        var shownAgain = await Shown(again);
        Assert.True(JsonNode.DeepEquals(shown, shownAgain), $"{shown}\n---\n{shownAgain}");
        Assert.True(JsonNode.DeepEquals(exported, (await second.Get("/roster/v1/sandbox/seed")).Json));
    }

    [Fact]
    public async Task ABadGroupOrRoleIsRefusedWithItsLineAndLeavesNothing()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        using var api = await app.ApiAsync();
        const string bad = """
            groups:
              - name: A
                members: [nobody, x@example.com, X@example.com]
                colour: red
              - name: a
              - members: []
            roles:
              - description: no name
            """;
        var refused = (await Seed(sandbox, bad)).IsError(400, 300).Json["errors"]!.AsArray()
            .Select(e => (e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();
        void Has(string field, int line, string why) => Assert.Contains(refused, p => p.Item1 == field && p.Item2 == $"line {line}: {why}");
        Has("groups[0].members", 3, "nobody is not an e-mail address");
        Has("groups[0].members", 3, "X@example.com is given twice");
        Has("groups[0].colour", 4, "unknown key; known here: name, members, admins");
        Has("groups[1].name", 5, "another group is named a");
        Has("groups[2].name", 6, "required");
        Has("roles[0].name", 8, "required");

        // checked while loading, in the one transaction: a member who is no user of the account, a privilege unknown
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "real@example.com", type = 1 } })).Is(HttpStatusCode.Created);
        var stranger = (await Seed(sandbox, "users:\n  - email: kept-not@example.com\ngroups:\n  - name: G\n    members: [kept-not@example.com, ghost@example.com]\n"))
            .IsError(400, 300).Json["errors"]!.AsArray().Single()!;
        Assert.Equal(("groups[0].members", "line 4: ghost@example.com is not a user of this account"), (stranger["field"]!.GetValue<string>(), stranger["message"]!.GetValue<string>()));
        var privilege = (await Seed(sandbox, "roles:\n  - name: R\n    privileges: [Nope:Read]\n")).IsError(400, 300).Json["errors"]!.AsArray().Single()!;
        Assert.Equal("roles[0]", privilege["field"]!.GetValue<string>());
        var primary = (await Seed(sandbox, "users:\n  - email: p@example.com\n    primary_group: Nowhere\n")).IsError(400, 300).Json["errors"]!.AsArray().Single()!;
        Assert.Equal(("users[0].primary_group", "line 2: no group of this account is named Nowhere"), (primary["field"]!.GetValue<string>(), primary["message"]!.GetValue<string>()));

        Assert.Equal(0, (await api.Get("/v2/groups")).Json["total_records"]!.GetValue<int>());
        Assert.Equal(3, (await api.Get("/v2/roles")).Json["total_records"]!.GetValue<int>());
        (await api.Get("/v2/users/kept-not@example.com")).IsError(404, 1001);
        (await api.Get("/v2/users/p@example.com")).IsError(404, 1001);
    }
}
