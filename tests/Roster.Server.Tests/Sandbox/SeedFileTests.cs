using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Seed files: the example loads on a first start and stays through a reset; a bad file is refused whole, with lines.</summary>
public class SeedFileTests
{
    static string ExampleSeed()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx"))) root = root.Parent;
        return Path.Combine(root!.FullName, "examples", "seed.yaml");
    }

    static async Task<Reply> Seed(Api sandbox, string yaml, string type = "application/yaml")
        => await sandbox.Send(HttpMethod.Post, "/roster/v1/sandbox/seed", rawBody: yaml, contentType: type);

    static async Task<int> Total(Api api, string query = "")
        => (await api.Get($"/v2/users?page_size=300{query}")).Is(HttpStatusCode.OK).Json["total_records"]!.GetValue<int>();

    [Fact]
    public async Task TheExampleSeedLoadsOnTheFirstStartAndAResetGoesBackToIt()
    {
        await using var app = new RosterApp(settings: new Dictionary<string, string> { ["seed"] = ExampleSeed() });
        using var api = await app.ApiAsync();
        var ada = (await api.Get("/v2/users/ada@example.com")).Is(HttpStatusCode.OK).Json;
        Assert.Equal((2, "1", "Engineering", "Chief Engineer", "Europe/London"), (ada["type"]!.GetValue<int>(), ada["role_id"]!.GetValue<string>(),
            ada["dept"]!.GetValue<string>(), ada["job_title"]!.GetValue<string>(), ada["timezone"]!.GetValue<string>()));
        var settings = (await api.Get($"/v2/users/{ada["id"]!.GetValue<string>()}/settings")).Is(HttpStatusCode.OK).Json;
        Assert.True(settings["in_meeting"]!["breakout_room"]!.GetValue<bool>());
        Assert.Equal(["alan@example.com"], (await api.Get("/v2/users/grace@example.com/assistants")).Json["assistants"]!.AsArray().Select(a => a!["email"]!.GetValue<string>()));
        Assert.Equal("pending", (await api.Get("/v2/users/invited@example.com")).Json["status"]!.GetValue<string>());
        Assert.Equal("inactive", (await api.Get("/v2/users/former@example.com")).Json["status"]!.GetValue<string>());
        // the app's chosen credentials work and carry the chosen scopes
        using var hr = app.ApiWith(await app.TokenAsync("hr-sync-client", "hr-sync-secret-0123456789"));
        (await hr.Get("/v2/users/ada@example.com")).Is(HttpStatusCode.OK);
        (await hr.Get("/v2/accounts")).IsError(400, 4711); // not a scope it was given
        // the sub account, its user and its app
        var sub = (await api.Get("/v2/accounts")).Json["accounts"]!.AsArray().Single()!;
        Assert.Equal(("Subsidiary", "boss@subsidiary.example.org"), (sub["account_name"]!.GetValue<string>(), sub["owner_email"]!.GetValue<string>()));
        using var subApi = app.ApiWith(await app.TokenAsync("subsidiary-client", "subsidiary-secret-0123456789", sub["id"]!.GetValue<string>()));
        (await subApi.Get("/v2/users/dev@subsidiary.example.org")).Is(HttpStatusCode.OK);
        // the same events as the API records
        var created = (await EventsTests.AtLeast(async () => new JsonArray([.. (await api.Get("/roster/v1/events?page_size=300")).Json["events"]!.AsArray()
            .Where(e => e!["event"]!.GetValue<string>() == "user.created").Select(e => e!.DeepClone())]), 5)).Count;
        Assert.True(created >= 5, $"{created} user.created events");

        var before = await Total(api);
        await api.CreateUser("after-seed@example.com");
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK);
        using var again = await app.ApiAsync();
        Assert.Equal(before, await Total(again));
        (await again.Get("/v2/users/ada@example.com")).Is(HttpStatusCode.OK);
        (await again.Get("/v2/users/after-seed@example.com")).IsError(404, 1001);
    }

    [Fact]
    public async Task AnExportLoadsIntoAFreshStoreAndExportsTheSame()
    {
        await using var seeded = new RosterApp(settings: new Dictionary<string, string> { ["seed"] = ExampleSeed() });
        using var first = seeded.ApiWith(SandboxTests.AdminKey(seeded));
        using (var api = await seeded.ApiAsync())
            (await api.Patch("/v2/users/grace@example.com", new { location = "Arlington" })).Is(HttpStatusCode.NoContent);
        var exported = (await first.Get("/roster/v1/sandbox/seed")).Is(HttpStatusCode.OK).Body;
        foreach (var secret in new[] { "hr-sync-secret-0123456789", "Analyt1calEngine", "Subst1tution" }) Assert.DoesNotContain(secret, exported);

        await using var fresh = new RosterApp();
        using var second = fresh.ApiWith(SandboxTests.AdminKey(fresh));
        (await Seed(second, exported, "application/json")).Is(HttpStatusCode.Created);
        var again = (await second.Get("/roster/v1/sandbox/seed")).Is(HttpStatusCode.OK).Json;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(exported), again), $"{exported}\n---\n{again.ToJsonString()}");
        // the apps kept their credentials (the export carries the secret's hash, not the secret)
        using var hr = fresh.ApiWith(await fresh.TokenAsync("hr-sync-client", "hr-sync-secret-0123456789"));
        Assert.Equal("Arlington", (await hr.Get("/v2/users/grace@example.com")).Is(HttpStatusCode.OK).Json["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABadFileIsRefusedWholeWithEachLineAndReason()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var before = await Total(api);
        const string bad = """
            version: 1
            users:
              - email: fine@example.com
              - email: not-an-email
                type: 7
              - email: fine@example.com
                colour: blue
            apps:
              - client_id: ab
            extra: true
            """;
        var refused = (await Seed(sandbox, bad)).IsError(400, 300).Json["errors"]!.AsArray()
            .Select(e => (e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();
        void Has(string field, int line) => Assert.Contains(refused, p => p.Item1 == field && p.Item2.StartsWith($"line {line}: ", StringComparison.Ordinal));
        Has("extra", 10);
        Has("users[1].email", 4);
        Has("users[1].type", 5);
        Has("users[2].email", 6);   // the same e-mail twice in the file
        Has("users[2].colour", 7);
        Has("apps[0].client_secret", 9);
        Assert.Equal(before, await Total(api));

        // a rule broken halfway (the account has one seat left for two licensed users): nothing of the file stays
        const string seats = """
            sub_accounts:
              - account_name: Tight
                owner_email: owner@tight.example.org
                seats: 2
                users:
                  - email: one@tight.example.org
                    type: licensed
                  - email: two@tight.example.org
                    type: licensed
            users:
              - email: kept-not@example.com
            """;
        var halfway = (await Seed(sandbox, seats)).IsError(400, 300).Json["errors"]!.AsArray().Single()!;
        Assert.Equal("sub_accounts[0].users[1]", halfway["field"]!.GetValue<string>());
        Assert.StartsWith("line 8: ", halfway["message"]!.GetValue<string>());
        Assert.Equal(before, await Total(api));
        Assert.Empty((await api.Get("/v2/accounts")).Json["accounts"]!.AsArray());

        // an e-mail the store already holds, a YAML syntax error, a content type that is no seed
        Assert.StartsWith("line 2: ", (await Seed(sandbox, "users:\n  - email: owner@example.com\n")).IsError(400, 300).Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.StartsWith("line ", (await Seed(sandbox, "users: [\n  {email: a@example.com\n")).IsError(400, 300).Json["errors"]![0]!["message"]!.GetValue<string>());
        (await Seed(sandbox, "users: []", "image/png")).IsError(415, 300);
        Assert.Equal(before, await Total(api));
    }

    [Fact]
    public async Task ASeedLoadsThroughTheApiInJsonToo()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var loaded = (await Seed(sandbox, """{"users":[{"email":"json@example.com","type":2,"first_name":"Jay"}],"apps":[{"name":"x"}]}""", "application/json"))
            .Is(HttpStatusCode.Created).Json;
        Assert.Equal((0, 1, 1), (loaded["sub_accounts"]!.GetValue<int>(), loaded["users"]!.GetValue<int>(), loaded["apps"]!.GetValue<int>()));
        Assert.Equal("Jay", (await api.Get("/v2/users/json@example.com")).Json["first_name"]!.GetValue<string>());
        using var anonymous = app.ApiWith("");
        (await anonymous.Send(HttpMethod.Post, "/roster/v1/sandbox/seed", rawBody: "users: []", contentType: "application/yaml")).IsError(401, 124);
    }

    [Fact]
    public async Task ASeedCanSubscribeAnAppsEndpointAndTheExportKeepsItWithoutTheToken()
    {
        await using var receiver = await WebhookReceiver.StartAsync("seeded-token-0123456789");
        await using var app = new RosterApp(settings: new Dictionary<string, string> { ["Webhooks:RevalidateCheckMs"] = "100", ["Webhooks:PollMs"] = "50" });
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var yaml = $"""
            users:
              - email: watched@example.com
            apps:
              - name: Hooks
                client_id: hooks-client
                client_secret: hooks-secret-0123456789
                scopes: [user:read:admin, user:write:admin]
                webhook_secret_token: seeded-token-0123456789
                event_subscriptions:
                  - events: [user.updated]
                    url: {receiver.Url}
                    scope: user
                    users: [watched@example.com]
            """;
        (await Seed(sandbox, yaml)).Is(HttpStatusCode.Created);
        // challenged in the background at once (a seed is loaded before its receivers run)
        for (var i = 0; i < 100 && receiver.Challenges == 0; i++) await Task.Delay(50);
        Assert.Equal(1, receiver.Challenges);
        using var api = await app.ApiAsync();
        (await api.Patch("/v2/users/watched@example.com", new { dept = "Seeded" })).Is(HttpStatusCode.NoContent);
        var got = Assert.Single(await receiver.AtLeast(1));
        Assert.True(got.SignatureValid);
        Assert.Equal("Seeded", got.Body["payload"]!["object"]!["dept"]!.GetValue<string>());

        var exported = (await sandbox.Get("/roster/v1/sandbox/seed")).Is(HttpStatusCode.OK);
        Assert.DoesNotContain("seeded-token-0123456789", exported.Body);
        var sub = exported.Json["apps"]!.AsArray().Single(a => a!["client_id"]!.GetValue<string>() == "hooks-client")!["event_subscriptions"]![0]!;
        Assert.Equal((receiver.Url, "user"), (sub["url"]!.GetValue<string>(), sub["scope"]!.GetValue<string>()));
        Assert.Equal(["watched@example.com"], sub["users"]!.AsArray().Select(u => u!.GetValue<string>()));

        // refused whole, with lines: an unknown event, a bad URL
        var bad = (await Seed(sandbox, """
            apps:
              - name: Bad
                event_subscriptions:
                  - events: [meeting.started]
                    url: ftp://x
            """)).IsError(400, 300);
        Assert.Contains("meeting.started", bad.Body);
        Assert.Contains("url", bad.Body);
    }

    [Fact]
    public async Task ASeedSetsThePrimaryAccountsPlanSeatsAndDomains()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        using var api = await app.ApiAsync();
        (await Seed(sandbox, """
            account:
              account_name: Acme
              plan: pro
              seats: 2
              managed_domains: [example.com, acme.test]
            users:
              - email: one@acme.test
                type: licensed
            """)).Is(HttpStatusCode.Created);
        var account = (await sandbox.Get("/roster/v1/sandbox/seed")).Is(HttpStatusCode.OK).Json["account"]!;
        Assert.Equal(("Acme", "pro", 2), (account["account_name"]!.GetValue<string>(), account["plan"]!.GetValue<string>(), account["seats"]!.GetValue<int>()));
        Assert.Equal(["example.com", "acme.test"], account["managed_domains"]!.AsArray().Select(d => d!.GetValue<string>()));
        // the new domain is managed now; the seats hold (the owner and one@ are licensed): a third licensed user is refused
        await api.CreateUser("auto@acme.test", action: "autoCreate", password: "Str0ngPassw");
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "third@acme.test", type = 2 } })).IsError(400, 2034);

        // fewer seats than licensed users, or a plan Zoom does not have: refused whole, with the line
        var refused = (await Seed(sandbox, """
            account:
              plan: platinum
            """)).IsError(400, 300);
        Assert.Contains("account.plan", refused.Body);
        (await Seed(sandbox, """
            account:
              seats: 0
            """)).IsError(400, 300);
        Assert.Equal("pro", (await sandbox.Get("/roster/v1/sandbox/seed")).Json["account"]!["plan"]!.GetValue<string>());
    }
}
