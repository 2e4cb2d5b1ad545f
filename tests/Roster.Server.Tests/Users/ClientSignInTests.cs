using System.Net;

namespace Roster.Server.Tests;

/// <summary>The sandbox acts out client sign-ins, which set the user fields Zoom fills from them and send Zoom's events.</summary>
public class ClientSignInTests
{
    [Fact]
    public async Task ASignInSetsLastLoginAndClientVersionAndIsSentAsZoomsWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        await WebhooksTests.Subscribe(api, receiver.Url, ["user.signed_in", "user.signed_out"]);
        var id = await api.CreateUser("client@example.com", type: 2, action: "autoCreate", password: "Str0ngPassw");
        var before = (await api.Get($"/v2/users/{id}")).Json;
        Assert.False(before.ContainsKey("last_client_version"));

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await sandbox.Post($"/roster/v1/sandbox/users/{id}/sign_in", new { client_type = "mac", version = "6.2.0.1234" })).Is(HttpStatusCode.NoContent);
        var user = (await api.Get($"/v2/users/{id}")).Json;
        Assert.Equal("6.2.0.1234(mac)", user["last_client_version"]!.GetValue<string>());
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(),
            DateTimeOffset.Parse(user["last_login_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.False(user.ContainsKey("employee_unique_id")); // not an SSO user
        var listed = (await api.Get("/v2/users?page_size=300")).Json["users"]!.AsArray().Single(u => u!["id"]?.GetValue<string>() == id)!;
        Assert.Equal("6.2.0.1234(mac)", listed["last_client_version"]!.GetValue<string>());
        Assert.Empty(listed["im_group_ids"]!.AsArray());

        // a browser sign-in keeps the last client's version
        (await sandbox.Post($"/roster/v1/sandbox/users/client@example.com/sign_in", new { client_type = "browser" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("6.2.0.1234(mac)", (await api.Get($"/v2/users/{id}")).Json["last_client_version"]!.GetValue<string>());
        (await sandbox.Post($"/roster/v1/sandbox/users/{id}/sign_out", new { client_type = "iphone", version = "6.1.5" })).Is(HttpStatusCode.NoContent);

        var got = await receiver.AtLeast(3);
        // deliveries need not arrive in the order of the changes: the two sign-ins are told apart by their client
        var signIns = got.Where(r => r.Event == "user.signed_in").Select(r => r.Body["payload"]!["object"]!).ToList();
        Assert.Equal(["browser", "mac"], signIns.Select(o => o["client_type"]!.GetValue<string>()).Order());
        var signedIn = signIns.Single(o => o["client_type"]!.GetValue<string>() == "mac");
        Assert.Equal(["id", "email", "date_time", "version", "client_type", "login_type"], signedIn.AsObject().Select(p => p.Key));
        Assert.Equal("mac", signedIn["client_type"]!.GetValue<string>());
        Assert.Equal("6.2.0.1234", signedIn["version"]!.GetValue<string>());
        Assert.Equal(100, signedIn["login_type"]!.GetValue<int>());
        var signedOut = got.Single(r => r.Event == "user.signed_out").Body["payload"]!["object"]!;
        Assert.Equal("iphone", signedOut["client_type"]!.GetValue<string>());
        Assert.Equal(id, signedOut["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnSsoSignInBringsTheEmployeeUniqueId()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var (sub, _, _) = await app.SubAccountAsync(master, "owner@sso.test", sso: true);
        var id = await sub.CreateUser("jane@sso.test", type: 2, action: "ssoCreate");
        var plain = await master.CreateUser("plain@example.com", type: 2, action: "autoCreate", password: "Str0ngPassw");
        (await sandbox.Post($"/roster/v1/sandbox/users/{plain}/sign_in", new { client_type = "win", version = "6.0.1", employee_unique_id = "E-1" })).IsError(400, 300);
        (await sandbox.Post($"/roster/v1/sandbox/users/{id}/sign_in", new { client_type = "win", version = "6.0.1", employee_unique_id = "E-1001" })).Is(HttpStatusCode.NoContent);
        var user = (await sub.Get($"/v2/users/{id}")).Json;
        Assert.Equal("E-1001", user["employee_unique_id"]!.GetValue<string>());
        Assert.Equal("6.0.1(win)", user["last_client_version"]!.GetValue<string>());
        var listed = (await sub.Get("/v2/users?page_size=300")).Json["users"]!.AsArray().Single(u => u!["id"]?.GetValue<string>() == id)!;
        Assert.Equal("E-1001", listed["employee_unique_id"]!.GetValue<string>());

        // GET user finds the user by it with search_by_unique_id=true, in the caller's account only
        Assert.Equal(id, (await sub.Get("/v2/users/E-1001?search_by_unique_id=true")).Is(HttpStatusCode.OK).Json["id"]!.GetValue<string>());
        (await sub.Get("/v2/users/E-1001")).IsError(404, 1001);
        (await sub.Get("/v2/users/E-9999?search_by_unique_id=true")).IsError(404, 1001);
        (await master.Get("/v2/users/E-1001?search_by_unique_id=true")).IsError(404, 1001);
        (await sub.Get("/v2/users/E-1001?search_by_unique_id=maybe")).IsError(400, 300);
        // one id names one user of an account
        var other = await sub.CreateUser("john@sso.test", type: 2, action: "ssoCreate");
        (await sandbox.Post($"/roster/v1/sandbox/users/{other}/sign_in", new { client_type = "win", version = "6.0.1", employee_unique_id = "E-1001" })).IsError(400, 300);
        (await sandbox.Post($"/roster/v1/sandbox/users/{id}/sign_in", new { client_type = "win", version = "6.0.2", employee_unique_id = "E-1001" })).Is(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("{\"client_type\":\"toaster\",\"version\":\"1\"}")]
    [InlineData("{\"client_type\":\"mac\"}")]
    [InlineData("{\"client_type\":\"mac\",\"version\":\"6 2\"}")]
    [InlineData("{\"version\":\"6.2\"}")]
    [InlineData("[]")]
    public async Task BadSignInsAre400AndChangeNothing(string body)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var id = await api.CreateUser("who@example.com", type: 2, action: "autoCreate", password: "Str0ngPassw");
        var before = (await api.Get($"/v2/users/{id}")).Body;
        (await sandbox.Send(HttpMethod.Post, $"/roster/v1/sandbox/users/{id}/sign_in", rawBody: body)).IsError(400, 300);
        Assert.Equal(before, (await api.Get($"/v2/users/{id}")).Body);
    }

    [Fact]
    public async Task OnlyActiveUsersWhoCanSignInDo()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var apiUser = await api.CreateUser("api@example.com"); // custCreate: an API user
        var pending = await api.CreateUser("pending@example.com", action: "create");
        var body = new { client_type = "linux", version = "6.2.0" };
        (await sandbox.Post($"/roster/v1/sandbox/users/{apiUser}/sign_in", body)).IsError(400, 300);
        (await sandbox.Post($"/roster/v1/sandbox/users/{pending}/sign_in", body)).IsError(400, 300);
        (await sandbox.Post("/roster/v1/sandbox/users/ghost@example.com/sign_in", body)).IsError(404, 1001);
        // a Zoom token, even the account's own, is not the sandbox key
        (await api.Post($"/roster/v1/sandbox/users/{apiUser}/sign_in", body)).IsError(401, 124);
    }
}
