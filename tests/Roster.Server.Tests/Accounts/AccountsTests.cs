using System.Net;

namespace Roster.Server.Tests;

public class AccountsTests
{
    [Fact]
    public async Task MasterCreatesListsAndReadsSubAccounts()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var created = (await master.Post("/v2/accounts", new
        {
            first_name = "Ada", last_name = "Sub", email = "ada@sub.test", password = "Secur3Pass!x", account_name = "Sub One",
            options = new { share_rc = true }, plan = "pro", seats = 5, managed_domains = new[] { "sub.test" },
        })).Is(HttpStatusCode.Created).Json;
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("ada@sub.test", created["owner_email"]!.GetValue<string>());
        for (var i = 0; i < 3; i++)
            (await master.Post("/v2/accounts", new { first_name = "S", last_name = "N", email = $"s{i}@subs.test", password = "Secur3Pass!x" })).Is(HttpStatusCode.Created);
        var one = (await master.Get($"/v2/accounts/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Sub One", one["account_name"]!.GetValue<string>());
        Assert.Equal("Pro", one["account_type"]!.GetValue<string>());
        Assert.Equal(5, one["seats"]!.GetValue<int>());
        var page = (await master.Get("/v2/accounts?page_size=3")).Json;
        Assert.Equal(4, page["total_records"]!.GetValue<int>());
        var next = page["next_page_token"]!.GetValue<string>();
        var rest = (await master.Get($"/v2/accounts?page_size=3&next_page_token={Uri.EscapeDataString(next)}")).Json;
        Assert.Single(rest["accounts"]!.AsArray());
        Assert.Equal("", rest["next_page_token"]!.GetValue<string>());
        (await master.Get("/v2/accounts/unknown")).IsError(404, 2001);
        (await master.Post("/v2/accounts", new { first_name = "A", last_name = "B", email = "ada@sub.test", password = "Secur3Pass!x" })).IsError(409, 1005);
        (await master.Post("/v2/accounts", new { first_name = "A", last_name = "B", email = "bad", password = "x" })).IsError(400, 300);
        // the sub account's owner can be read there, not from the master's /users
        (await master.Get("/v2/users/ada@sub.test")).IsError(404, 1001);
    }

    [Fact]
    public async Task SubAccountsAreNotMasters()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@nomaster.test");
        (await sub.Get("/v2/accounts")).IsError(400, 200);
        (await sub.Post("/v2/accounts", new { first_name = "A", last_name = "B", email = "x@y.test", password = "Secur3Pass!x" })).IsError(400, 200);
    }

    [Fact]
    public async Task SwitchMovesAUserBetweenAccountsOfOneMaster()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (subA, a, _) = await app.SubAccountAsync(master, "boss@a.test");
        var (subB, b, _) = await app.SubAccountAsync(master, "boss@b.test");
        var mover = await master.CreateUser("mover@elsewhere.test", type: 2);
        var helper = await master.CreateUser("helper@elsewhere.test", type: 2);
        await master.Post($"/v2/users/{helper}/assistants", new { assistants = new[] { new { id = mover } } });

        (await master.Put($"/v2/accounts/me/users/{mover}/account", new { account_id = a })).Is(HttpStatusCode.NoContent);
        (await master.Get($"/v2/users/{mover}")).IsError(404, 1001);
        var moved = (await subA.Get($"/v2/users/{mover}")).Json;
        Assert.Equal(a, moved["account_id"]!.GetValue<string>());
        Assert.Empty((await master.Get($"/v2/users/{helper}/assistants")).Json["assistants"]!.AsArray());

        (await master.Put($"/v2/accounts/{a}/users/mover@elsewhere.test/account", new { account_id = b })).Is(HttpStatusCode.NoContent);
        (await subB.Get($"/v2/users/{mover}")).Is(HttpStatusCode.OK);

        (await master.Put($"/v2/accounts/{a}/users/{mover}/account", new { account_id = b })).IsError(404, 1001);
        (await master.Put($"/v2/accounts/{b}/users/{mover}/account", new { account_id = "nowhere" })).IsError(404, 2001);
        (await master.Put($"/v2/accounts/{b}/users/{mover}/account", new { account_id = b })).IsError(400, 300);
        (await master.Put($"/v2/accounts/{b}/users/{mover}/account", new { })).IsError(400, 300);
        var ownerB = (await subB.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await master.Put($"/v2/accounts/{b}/users/{ownerB}/account", new { account_id = a })).IsError(400, 200);
        var managed = await master.CreateUser("same@example.com", action: "autoCreate", password: "Str0ngPassw");
        (await master.Put($"/v2/accounts/me/users/{managed}/account", new { account_id = a })).IsError(400, 1107);
        (await subA.Put($"/v2/accounts/me/users/{mover}/account", new { account_id = b })).IsError(400, 200); // a sub account is no master
    }

    [Fact]
    public async Task SwitchRespectsDestinationSeats()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (_, full, _) = await app.SubAccountAsync(master, "boss@full.test", seats: 1);
        var mover = await master.CreateUser("licensed@elsewhere.test", type: 2);
        (await master.Put($"/v2/accounts/me/users/{mover}/account", new { account_id = full })).IsError(400, 2034);
        var basic = await master.CreateUser("basic@elsewhere.test", type: 1);
        (await master.Put($"/v2/accounts/me/users/{basic}/account", new { account_id = full })).Is(HttpStatusCode.NoContent);
    }
}

/// <summary>The sub-account lifecycle operations: options, disassociation, managed domains; and the fields of GET.</summary>
public class SubAccountLifecycleTests
{
    [Fact]
    public async Task GetShowsOwnerOptionsAndSubscriptionAndPatchChangesOptions()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var created = (await master.Post("/v2/accounts", new
        {
            first_name = "Ada", last_name = "Sub", email = "ada@opt.test", password = "Secur3Pass!x", options = new { share_rc = true, pay_mode = "sub" },
        })).Is(HttpStatusCode.Created).Json;
        var id = created["id"]!.GetValue<string>();
        var one = (await master.Get($"/v2/accounts/{id}")).Json;
        Assert.Equal(created["owner_id"]!.GetValue<string>(), one["owner_id"]!.GetValue<string>());
        Assert.Equal(one["created_at"]!.GetValue<string>(), one["subscription_start_time"]!.GetValue<string>());
        var options = one["options"]!.AsObject();
        Assert.Equal(["share_rc", "room_connectors", "share_mc", "meeting_connectors", "pay_mode", "billing_auto_renew"], options.Select(p => p.Key));
        Assert.True(options["share_rc"]!.GetValue<bool>());
        Assert.Equal("sub", options["pay_mode"]!.GetValue<string>());
        Assert.False(options["share_mc"]!.GetValue<bool>());
        Assert.False((await master.Get("/v2/accounts")).Json["accounts"]![0]!.AsObject().ContainsKey("options"));

        (await master.Patch($"/v2/accounts/{id}/options", new { share_mc = true, meeting_connector_list = new[] { "10.0.0.1", "10.0.0.2" }, billing_auto_renew = true }))
            .Is(HttpStatusCode.NoContent);
        options = (await master.Get($"/v2/accounts/{id}")).Json["options"]!.AsObject();
        Assert.Equal("10.0.0.1,10.0.0.2", options["meeting_connectors"]!.GetValue<string>());
        Assert.True(options["billing_auto_renew"]!.GetValue<bool>());
        Assert.True(options["share_rc"]!.GetValue<bool>()); // untouched

        var before = (await master.Get($"/v2/accounts/{id}")).Body;
        (await master.Patch($"/v2/accounts/{id}/options", new { pay_mode = "nobody" })).IsError(400, 300);
        (await master.Patch($"/v2/accounts/{id}/options", new { share_rc = false, room_connector_list = new[] { "10.0.0.9" } })).IsError(400, 300);
        (await master.Patch($"/v2/accounts/{id}/options", new { share_mc = true, meeting_connector_list = new[] { "not-an-ip" } })).IsError(400, 300);
        (await master.Send(HttpMethod.Patch, $"/v2/accounts/{id}/options", rawBody: "{\"share_mc\":\"yes\"}")).IsError(400, 300);
        Assert.Equal(before, (await master.Get($"/v2/accounts/{id}")).Body);
        (await master.Patch("/v2/accounts/unknown/options", new { share_rc = true })).IsError(404, 2001);
    }

    [Fact]
    public async Task ADisassociatedSubAccountGoesOnAlone()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, subId, _) = await app.SubAccountAsync(master, "boss@alone.test");
        var (_, otherId, _) = await app.SubAccountAsync(master, "boss@other.test");
        var theirs = await sub.CreateUser("worker@alone.test", type: 2);
        var mine = await master.CreateUser("mover@example.com");

        (await master.Delete($"/v2/accounts/{subId}")).Is(HttpStatusCode.NoContent);
        (await master.Get($"/v2/accounts/{subId}")).IsError(404, 2001);
        Assert.Equal([otherId], (await master.Get("/v2/accounts?page_size=300")).Json["accounts"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        (await master.Delete($"/v2/accounts/{subId}")).IsError(404, 2001); // once only
        (await master.Put($"/v2/accounts/me/users/{mine}/account", new { account_id = subId })).IsError(404, 2001);
        // the account itself is intact: its app, users and data work as before
        Assert.Equal(theirs, (await sub.Get("/v2/users/worker@alone.test")).Json["id"]!.GetValue<string>());
        (await sub.Patch($"/v2/users/{theirs}", new { dept = "Still here" })).Is(HttpStatusCode.NoContent);
        // and it is no master: it cannot reach its former siblings
        (await sub.Get($"/v2/accounts/{otherId}")).IsError(400, 200);
    }

    [Fact]
    public async Task ManagedDomainsOfTheAccountAndItsSubAccounts()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, subId, _) = await app.SubAccountAsync(master, "boss@dom.test", domains: ["dom.test", "Dom2.test"]);
        var own = (await master.Get("/v2/accounts/me/managed_domains")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(1, own["total_records"]!.GetValue<int>());
        Assert.Equal("example.com", own["domains"]![0]!["domain"]!.GetValue<string>());
        Assert.Equal("verified", own["domains"]![0]!["status"]!.GetValue<string>());
        var theirs = (await master.Get($"/v2/accounts/{subId}/managed_domains")).Json;
        Assert.Equal(["dom.test", "dom2.test"], theirs["domains"]!.AsArray().Select(d => d!["domain"]!.GetValue<string>()));
        Assert.Equal(theirs.ToJsonString(), (await sub.Get("/v2/accounts/me/managed_domains")).Json.ToJsonString());
        // a sub account cannot read its master's, nor a master another master's sub account
        (await sub.Get($"/v2/accounts/{RosterApp.AccountId}/managed_domains")).IsError(400, 200);
        (await master.Get("/v2/accounts/unknown/managed_domains")).IsError(404, 2001);
    }

    [Fact]
    public async Task EachOperationNeedsItsAccountScope()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (_, subId, _) = await app.SubAccountAsync(master, "boss@scoped.test");
        using var usersOnly = await app.AppAsync(master, null, ["user:read:admin", "user:write:admin"]);
        (await usersOnly.Get("/v2/accounts/me/managed_domains")).IsError(400, 4711);
        (await usersOnly.Patch($"/v2/accounts/{subId}/options", new { share_rc = true })).IsError(400, 4711);
        (await usersOnly.Delete($"/v2/accounts/{subId}")).IsError(400, 4711);
        using var reader = await app.AppAsync(master, null, ["account:read:admin"]);
        (await reader.Get("/v2/accounts/me/managed_domains")).Is(HttpStatusCode.OK);
        (await reader.Delete($"/v2/accounts/{subId}")).IsError(400, 4711);
        (await master.Get($"/v2/accounts/{subId}")).Is(HttpStatusCode.OK); // still there
    }
}
