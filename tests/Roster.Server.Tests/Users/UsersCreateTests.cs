using System.Net;

namespace Roster.Server.Tests;

public class UsersCreateTests
{
    [Fact]
    public async Task CustCreateMakesAnActiveApiUser()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var created = (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "Api.User@Example.com", type = 1, first_name = "Api", last_name = "User" } }))
            .Is(HttpStatusCode.Created).Json;
        Assert.Equal("api.user@example.com", created["email"]!.GetValue<string>());
        Assert.Equal(1, created["type"]!.GetValue<int>());
        Assert.Equal("Api", created["first_name"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(22, id.Length);
        var user = (await api.Get($"/v2/users/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("active", user["status"]!.GetValue<string>());
        Assert.Equal(99, user["login_types"]![0]!.GetValue<int>());
        Assert.Equal("Member", user["role_name"]!.GetValue<string>());
        Assert.Equal(10, user["pmi"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
    }

    [Fact]
    public async Task CreateLeavesUserPendingUntilTheInvitationIsAccepted()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("invitee@example.com", action: "create");
        var user = (await api.Get($"/v2/users/{id}")).Json;
        Assert.Equal("pending", user["status"]!.GetValue<string>());

        var pending = (await api.Get("/v2/users?status=pending")).Json["users"]!.AsArray();
        Assert.Single(pending);
        Assert.False(pending[0]!.AsObject().ContainsKey("id"));

        var invitations = (await api.Get("/roster/v1/invitations")).Is(HttpStatusCode.OK).Json["invitations"]!.AsArray();
        var link = invitations.Single()!["link"]!.GetValue<string>();
        var path = new Uri(link).PathAndQuery;
        var page = await api.Http.GetAsync(path);
        Assert.Contains("invitee@example.com", await page.Content.ReadAsStringAsync());

        var weak = await HtmlForms.Submit(api.Http, path, new Dictionary<string, string> { ["password"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var accepted = await HtmlForms.Submit(api.Http, path, new Dictionary<string, string> { ["password"] = "Welcome2Roster" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("active", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());
        Assert.Empty((await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray());
        // the link is single-use
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task PendingUserShowsCallTimeAsCreatedAtAndExpiredInvitationIs1120()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("late@example.com", action: "create");
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        var user = (await api.Get($"/v2/users/{id}")).Json;
        Assert.Equal(app.Clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), user["created_at"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromDays(31));
        using var later = await app.ApiAsync();
        (await later.Get($"/v2/users/{id}")).IsError(400, 1120);
        (await later.Patch($"/v2/users/{id}", new { first_name = "X" })).IsError(400, 1120);
        (await later.Get($"/v2/users/{id}/settings")).IsError(400, 1120);
    }

    [Fact]
    public async Task AutoCreateNeedsAManagedDomainAndAValidPassword()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await api.Post("/v2/users", new { action = "autoCreate", user_info = new { email = "x@elsewhere.org", type = 1, password = "Str0ngPassw" } })).IsError(400, 1116);
        (await api.Post("/v2/users", new { action = "autoCreate", user_info = new { email = "x@example.com", type = 1, password = "abc" } })).IsError(400, 1124);
        (await api.Post("/v2/users", new { action = "autoCreate", user_info = new { email = "x@example.com", type = 1 } })).IsError(400, 300);
        var id = await api.CreateUser("x@example.com", action: "autoCreate", password: "Str0ngPassw");
        var user = (await api.Get($"/v2/users/{id}")).Json;
        Assert.Equal("active", user["status"]!.GetValue<string>());
        Assert.Equal(100, user["login_types"]![0]!.GetValue<int>());
        Assert.DoesNotContain("Str0ngPassw", (await api.Get($"/v2/users/{id}")).Body);
    }

    [Fact]
    public async Task SsoCreateOnlyWhereTheAccountAllowsIt()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        (await master.Post("/v2/users", new { action = "ssoCreate", user_info = new { email = "sso@example.com", type = 1 } })).IsError(400, 2032);
        var (sub, _, _) = await app.SubAccountAsync(master, "owner@sso.test", sso: true);
        var id = await sub.CreateUser("jane.doe@sso.test", type: 2, action: "ssoCreate");
        var user = (await sub.Get($"/v2/users/{id}")).Json;
        Assert.Equal(101, user["login_types"]![0]!.GetValue<int>());
        Assert.EndsWith("/my/jane.doe", user["vanity_url"]!.GetValue<string>());
        await sub.CreateUser("none@sso.test", type: 99, action: "ssoCreate");
    }

    [Fact]
    public async Task ValidationFailuresNameTheFields()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var reply = (await api.Post("/v2/users", new { action = "invent", user_info = new { email = "not-an-email", type = 7 } })).IsError(400, 300);
        Assert.Equal("Validation Failed.", reply.Json["message"]!.GetValue<string>());
        var fields = reply.Json["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Equal(["action", "user_info.email", "user_info.type"], fields);
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "a@example.com", type = 99 } })).IsError(400, 300);
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "a@example.com", type = 1, first_name = new string('x', 65) } })).IsError(400, 300);
        (await api.Post("/v2/users", new { action = "custCreate" })).IsError(400, 300);
    }

    [Theory]
    [InlineData("{\"action\":\"custCreate\",\"user_info\":{\"email\":\"a@example.com\",\"type\":\"1\"}}")]
    [InlineData("{\"action\":\"custCreate\",\"user_info\":")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"action\":7}")]
    public async Task MalformedJsonIs400Code300(string body)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var reply = (await api.Send(HttpMethod.Post, "/v2/users", rawBody: body)).IsError(400, 300);
        Assert.DoesNotContain("Exception", reply.Body);
        Assert.Single((await api.Get("/v2/users")).Json["users"]!.AsArray());
    }

    [Fact]
    public async Task UnknownPropertiesAreIgnored()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await api.Send(HttpMethod.Post, "/v2/users", rawBody: "{\"action\":\"custCreate\",\"shiny\":1,\"user_info\":{\"email\":\"a@example.com\",\"type\":1,\"extra\":{\"x\":[1]}}}"))
            .Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task OversizeBodyAndWrongContentTypeAreRefusedInZoomShape()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var huge = "{\"action\":\"custCreate\",\"pad\":\"" + new string('x', 300_000) + "\"}";
        var reply = await api.Send(HttpMethod.Post, "/v2/users", rawBody: huge);
        Assert.Equal(413, (int)reply.Status);
        Assert.Equal(300, reply.Code);
        (await api.Send(HttpMethod.Post, "/v2/users", rawBody: "action=custCreate", contentType: "text/plain")).IsError(415, 300);
    }

    [Fact]
    public async Task EmailAlreadyUsedIs409Code1005EvenInAnotherAccount()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        await api.CreateUser("taken@example.com");
        var reply = (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "TAKEN@example.com", type = 1 } })).IsError(409, 1005);
        Assert.Contains("taken@example.com", reply.Json["message"]!.GetValue<string>());
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@sub.test");
        (await sub.Post("/v2/users", new { action = "custCreate", user_info = new { email = "taken@example.com", type = 1 } })).IsError(409, 1005);
    }

    [Fact]
    public async Task LicensedUsersNeedAFreeSeatAndPendingUsersHoldOne()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@seats.test", seats: 2); // the owner holds one seat
        await sub.CreateUser("p1@seats.test", type: 2, action: "create");
        (await sub.Post("/v2/users", new { action = "custCreate", user_info = new { email = "p2@seats.test", type = 2 } })).IsError(400, 2034);
        await sub.CreateUser("basic@seats.test", type: 1);
    }

    [Fact]
    public async Task FreeAccountsCannotAddUsers()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@free.test", plan: "free");
        (await sub.Post("/v2/users", new { action = "custCreate", user_info = new { email = "u@free.test", type = 1 } })).IsError(400, 200);
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneEmailGiveExactlyOne201()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "race@example.com", type = 1 } })));
        Assert.Equal(1, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.IsError(409, 1005));
    }
}
