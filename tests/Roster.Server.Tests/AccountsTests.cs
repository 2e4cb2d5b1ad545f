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
