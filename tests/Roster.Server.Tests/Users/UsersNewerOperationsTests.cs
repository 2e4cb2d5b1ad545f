using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>The Users operations Zoom added after the first 24: summary, own ZAK, picture delete, presence status.</summary>
public class UsersNewerOperationsTests
{
    static async Task<Dictionary<string, long>> Summary(Api api)
        => (await api.Get("/v2/users/summary")).Is(HttpStatusCode.OK).Json.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());

    [Fact]
    public async Task SummaryCountsUsersByTypeAndStatusAndFollowsEveryWrite()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var before = await Summary(api);
        Assert.Equal(["licensed_users_count", "basic_users_count", "on_prem_users_count", "room_users_count", "pending_users_count",
            "join_only_users_count", "total_users_count"], before.Keys);
        var licensed = await api.CreateUser("lic@example.com", type: 2);
        var basic = await api.CreateUser("basic@example.com", type: 1);
        await api.CreateUser("nolicence@example.com", type: 4);
        await api.CreateUser("pending@example.com", type: 2, action: "create");
        var after = await Summary(api);
        Assert.Equal(before["licensed_users_count"] + 1, after["licensed_users_count"]);
        Assert.Equal(before["basic_users_count"] + 1, after["basic_users_count"]);
        Assert.Equal(before["join_only_users_count"] + 1, after["join_only_users_count"]);
        Assert.Equal(before["pending_users_count"] + 1, after["pending_users_count"]);
        Assert.Equal(before["total_users_count"] + 4, after["total_users_count"]);
        Assert.Equal(0, after["room_users_count"]);

        // a type change moves a user between counts; a deactivated user keeps its type; a deleted one leaves
        (await api.Patch($"/v2/users/{basic}", new { type = 2 })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{licensed}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        var moved = await Summary(api);
        Assert.Equal(after["licensed_users_count"] + 1, moved["licensed_users_count"]);
        Assert.Equal(after["basic_users_count"] - 1, moved["basic_users_count"]);
        (await api.Delete($"/v2/users/{basic}?action=delete")).Is(HttpStatusCode.NoContent);
        var deleted = await Summary(api);
        Assert.Equal(moved["licensed_users_count"] - 1, deleted["licensed_users_count"]);
        Assert.Equal(moved["total_users_count"] - 1, deleted["total_users_count"]);
        // the list agrees with the summary
        var active = (await api.Get("/v2/users?status=active&page_size=300")).Json["total_records"]!.GetValue<long>();
        var inactive = (await api.Get("/v2/users?status=inactive&page_size=300")).Json["total_records"]!.GetValue<long>();
        var pending = (await api.Get("/v2/users?status=pending&page_size=300")).Json["total_records"]!.GetValue<long>();
        Assert.Equal(deleted["total_users_count"], active + inactive + pending);
        Assert.Equal(deleted["pending_users_count"], pending);
    }

    [Fact]
    public async Task SummaryIsOfTheCallersAccountOnly()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@tenant.test");
        var mine = await Summary(master);
        await sub.CreateUser("theirs@tenant.test", type: 2);
        Assert.Equal(mine, await Summary(master));
        Assert.Equal(2, (await Summary(sub))["total_users_count"]); // the sub account's owner and its new user
    }

    [Fact]
    public async Task OwnZakIsOfTheTokensUserAndLastsFiveMinutes()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        var zak = (await admin.Get("/v2/users/me/zak")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        var verified = (await admin.Post("/roster/v1/tokens/verify", new { token = zak })).Is(HttpStatusCode.OK).Json;
        Assert.True(verified["active"]!.GetValue<bool>());
        var ownerId = (await admin.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        Assert.Equal(ownerId, verified["user_id"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.False((await admin.Post("/roster/v1/tokens/verify", new { token = zak })).Json["active"]!.GetValue<bool>());

        // Zoom's scope for it is user_zak:read; user:read alone is not enough
        using var reader = await app.AppAsync(admin, null, ["user:read"]);
        (await reader.Get("/v2/users/me/zak")).IsError(400, 4711);
        using var zakOnly = await app.AppAsync(admin, null, ["user_zak:read"]);
        (await zakOnly.Get("/v2/users/me/zak")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeletingAPictureClearsPicUrlAndStopsServingIt()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("face@example.com");
        (await api.Delete($"/v2/users/{id}/picture")).Is(HttpStatusCode.NoContent); // none yet: nothing to do, no error
        (await TokenPictureTests.Upload(api, id, TokenPictureTests.Png, "me.png")).Is(HttpStatusCode.Created);
        var picUrl = (await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(new Uri(picUrl).AbsolutePath)).StatusCode);

        (await api.Delete($"/v2/users/{id}/picture")).Is(HttpStatusCode.NoContent);
        Assert.Equal("", (await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync(new Uri(picUrl).AbsolutePath)).StatusCode);
        (await api.Delete("/v2/users/nobody@example.com/picture")).IsError(404, 1001);
    }

    [Fact]
    public async Task PresenceIsSetOnceAMinuteAndDoNotDisturbEnds()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("here@example.com", type: 2);
        var initial = (await api.Get($"/v2/users/{id}/presence_status")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Offline", initial["status"]!.GetValue<string>());
        Assert.Equal(["status"], initial.AsObject().Select(p => p.Key));

        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Away" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("Away", (await api.Get($"/v2/users/{id}/presence_status")).Json["status"]!.GetValue<string>());
        // one update per user per minute
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var tooSoon = (await api.Put($"/v2/users/{id}/presence_status", new { status = "Busy" })).IsError(429, 429);
        Assert.Equal(TimeSpan.FromSeconds(40), tooSoon.Response.Headers.RetryAfter!.Delta); // when the next update is allowed
        Assert.Equal("Away", (await api.Get($"/v2/users/{id}/presence_status")).Json["status"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromSeconds(41));
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Do_Not_Disturb", duration = 30 })).Is(HttpStatusCode.NoContent);
        var dnd = (await api.Get($"/v2/users/{id}/presence_status")).Json;
        Assert.Equal("Do_Not_Disturb", dnd["status"]!.GetValue<string>());
        Assert.Equal(30, dnd["remaining_time"]!.GetValue<long>());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(),
            DateTimeOffset.Parse(dnd["end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(20, (await api.Get($"/v2/users/{id}/presence_status")).Json["remaining_time"]!.GetValue<long>());
        app.Clock.Advance(TimeSpan.FromMinutes(21));
        var ended = (await api.Get($"/v2/users/{id}/presence_status")).Json;
        Assert.Equal("Available", ended["status"]!.GetValue<string>());
        Assert.Null(ended["end_time"]);
    }

    [Theory]
    [InlineData("{\"status\":\"Sleeping\"}", 300)]
    [InlineData("{}", 300)]
    [InlineData("{\"status\":\"Do_Not_Disturb\",\"duration\":19}", 300)]
    [InlineData("{\"status\":\"Do_Not_Disturb\",\"duration\":1441}", 300)]
    [InlineData("{\"status\":\"Do_Not_Disturb\",\"duration\":\"long\"}", 300)]
    [InlineData("not json", 300)]
    public async Task BadPresenceBodiesAre400AndChangeNothing(string body, int code)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("bad@example.com", type: 2);
        (await api.Send(HttpMethod.Put, $"/v2/users/{id}/presence_status", rawBody: body)).IsError(400, code);
        Assert.Equal("Offline", (await api.Get($"/v2/users/{id}/presence_status")).Json["status"]!.GetValue<string>());
        // a refused update does not count against the once-a-minute rule
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Do_No_Disturb" })).Is(HttpStatusCode.NoContent);
        var dnd = (await api.Get($"/v2/users/{id}/presence_status")).Json;
        Assert.Equal("Do_Not_Disturb", dnd["status"]!.GetValue<string>());
        Assert.Equal(20, dnd["remaining_time"]!.GetValue<long>()); // Zoom's default length
    }

    [Fact]
    public async Task OnlyActiveUsersHaveAPresenceToSet()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var pending = await api.CreateUser("pending@example.com", action: "create");
        var inactive = await api.CreateUser("inactive@example.com");
        (await api.Put($"/v2/users/{inactive}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{pending}/presence_status", new { status = "Away" })).IsError(400, 5301);
        (await api.Put($"/v2/users/{inactive}/presence_status", new { status = "Away" })).IsError(400, 5301);
        (await api.Put("/v2/users/ghost@example.com/presence_status", new { status = "Away" })).IsError(404, 1001);
    }

    [Fact]
    public async Task APresenceChangeIsSentAsZoomsWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App();
        using var api = await app.ApiAsync();
        await WebhooksTests.Subscribe(api, receiver.Url, ["user.presence_status_updated"]);
        var id = await api.CreateUser("status@example.com", type: 2);
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "In_Calendar_Event" })).Is(HttpStatusCode.NoContent);
        var got = (await receiver.AtLeast(1)).Single();
        Assert.Equal("user.presence_status_updated", got.Event);
        var payload = got.Body["payload"]!.AsObject();
        Assert.Equal(RosterApp.AccountId, payload["account_id"]!.GetValue<string>());
        var o = payload["object"]!.AsObject();
        Assert.Equal(["id", "email", "date_time", "presence_status"], o.Select(p => p.Key));
        Assert.Equal(id, o["id"]!.GetValue<string>());
        Assert.Equal("status@example.com", o["email"]!.GetValue<string>());
        Assert.Equal("In_Calendar_Event", o["presence_status"]!.GetValue<string>());
    }
}

public class UsersLicenseFilterTests
{
    static async Task<List<string>> Emails(Api api, string query)
    {
        var emails = new List<string>();
        var next = "";
        do
        {
            var page = (await api.Get($"/v2/users?{query}&page_size=2" + (next.Length > 0 ? $"&next_page_token={next}" : ""))).Is(HttpStatusCode.OK).Json;
            emails.AddRange(page["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
            next = page["next_page_token"]!.GetValue<string>();
        } while (next.Length > 0);
        return emails;
    }

    [Fact]
    public async Task LicenseFiltersByTheUsersAddOnSettingAndPages()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await api.CreateUser($"u{i}@example.com", type: 2));
        foreach (var i in new[] { 0, 2, 3 })
            (await api.Patch($"/v2/users/{ids[i]}/settings", new { feature = new { zoom_workforce_management = true } })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{ids[4]}/settings", new { feature = new { zoom_compliance_management = true } })).Is(HttpStatusCode.NoContent);
        // turned on and off again: not licensed
        (await api.Patch($"/v2/users/{ids[1]}/settings", new { feature = new { zoom_workforce_management = true } })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{ids[1]}/settings", new { feature = new { zoom_workforce_management = false } })).Is(HttpStatusCode.NoContent);

        Assert.Equal(["u0@example.com", "u2@example.com", "u3@example.com"], await Emails(api, "license=zoom_workforce_management"));
        Assert.Equal(["u4@example.com"], await Emails(api, "license=zoom_compliance_management"));
        var first = (await api.Get("/v2/users?license=zoom_workforce_management&page_size=2")).Json;
        Assert.Equal(3, first["total_records"]!.GetValue<int>());
        Assert.Equal(2, first["page_count"]!.GetValue<int>());
        // a deactivated licensed user is listed under inactive only
        (await api.Put($"/v2/users/{ids[2]}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        Assert.Equal(["u0@example.com", "u3@example.com"], await Emails(api, "license=zoom_workforce_management"));
        Assert.Equal(["u2@example.com"], await Emails(api, "status=inactive&license=zoom_workforce_management"));
        // the page_number form agrees
        var second = (await api.Get("/v2/users?license=zoom_workforce_management&page_size=1&page_number=2")).Json;
        Assert.Equal("u3@example.com", second["users"]![0]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownLicenseOrAPageTokenOfAnotherFilterIsRefused()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var i = 0; i < 3; i++) await api.CreateUser($"p{i}@example.com");
        (await api.Get("/v2/users?license=zoom_everything")).IsError(400, 300);
        (await api.Get("/v2/users?license=x'%20OR%201=1--")).IsError(400, 300);
        var token = (await api.Get("/v2/users?page_size=1")).Json["next_page_token"]!.GetValue<string>();
        (await api.Get($"/v2/users?page_size=1&license=zoom_workforce_management&next_page_token={token}")).IsError(400, 300);
    }
}

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

public class VirtualBackgroundTests
{
    /// <summary>A minimal MP4: <c>ftyp</c>, then <c>moov/trak/tkhd</c> (version 0) with the given picture size.</summary>
    public static byte[] Mp4(int width, int height)
    {
        static byte[] Box(string type, byte[] body)
        {
            var box = new byte[8 + body.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
            System.Text.Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
            body.CopyTo(box, 8);
            return box;
        }
        var tkhd = new byte[84];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tkhd.AsSpan(76), (uint)width << 16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tkhd.AsSpan(80), (uint)height << 16);
        var audio = Box("trak", Box("tkhd", new byte[84])); // 0x0: not a picture
        return [.. Box("ftyp", "isom\0\0\0\0isommp41"u8.ToArray()), .. Box("moov", [.. audio, .. Box("trak", Box("tkhd", tkhd))])];
    }

    public static async Task<Reply> Upload(Api api, string userId, byte[] bytes, string? fileName, string part = "file")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        if (fileName is null) form.Add(content, part); else form.Add(content, part, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/users/{userId}/settings/virtual_backgrounds") { Content = form };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.Token);
        var response = await api.Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    static async Task<JsonArray> Files(Api api, string userId)
        => (await api.Get($"/v2/users/{userId}/settings")).Json["in_meeting"]!["virtual_background_settings"]?["files"]?.AsArray() ?? [];

    [Fact]
    public async Task FilesAreUploadedListedInSettingsAndDeleted()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("vb@example.com", type: 2);
        (await Upload(api, id, TokenPictureTests.Png, "beach.png")).IsError(400, 300); // the feature is off
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { virtual_background = true } })).Is(HttpStatusCode.NoContent);

        var image = (await Upload(api, id, TokenPictureTests.Png, "beach.png")).Is(HttpStatusCode.Created).Json;
        Assert.Equal(["id", "is_default", "name", "size", "type"], image.Select(p => p.Key));
        Assert.Equal(("beach.png", "image", TokenPictureTests.Png.Length, false),
            (image["name"]!.GetValue<string>(), image["type"]!.GetValue<string>(), image["size"]!.GetValue<int>(), image["is_default"]!.GetValue<bool>()));
        var video = (await Upload(api, id, Mp4(1280, 720), "office.mp4")).Is(HttpStatusCode.Created).Json;
        Assert.Equal("video", video["type"]!.GetValue<string>());
        var gif = (await Upload(api, id, "GIF89a\x01\0\x01\0"u8.ToArray(), "wave.gif")).Is(HttpStatusCode.Created).Json;

        var listed = await Files(api, id);
        Assert.Equal([image["id"]!.GetValue<string>(), video["id"]!.GetValue<string>(), gif["id"]!.GetValue<string>()],
            listed.Select(f => f!["id"]!.GetValue<string>()));
        // a settings PATCH cannot write the list
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { virtual_background_settings = new { files = Array.Empty<object>() } } })).Is(HttpStatusCode.NoContent);
        Assert.Equal(3, (await Files(api, id)).Count);

        (await api.Delete($"/v2/users/{id}/settings/virtual_backgrounds?file_ids={image["id"]},nope")).IsError(404, 3001);
        Assert.Equal(3, (await Files(api, id)).Count); // nothing deleted
        (await api.Delete($"/v2/users/{id}/settings/virtual_backgrounds?file_ids={image["id"]},{gif["id"]}")).Is(HttpStatusCode.NoContent);
        Assert.Equal([video["id"]!.GetValue<string>()], (await Files(api, id)).Select(f => f!["id"]!.GetValue<string>()));
        (await api.Delete($"/v2/users/{id}/settings/virtual_backgrounds")).IsError(400, 300);
    }

    [Fact]
    public async Task ZoomsFileRulesHold()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("rules@example.com", type: 2);
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { virtual_background = true } })).Is(HttpStatusCode.NoContent);
        (await Upload(api, id, "not an image"u8.ToArray(), "x.png")).IsError(400, 120);
        (await Upload(api, id, [], "empty.png")).IsError(400, 120);
        (await Upload(api, id, TokenPictureTests.Png, null)).IsError(400, 120);
        (await Upload(api, id, TokenPictureTests.Png, "x.png", part: "pic_file")).IsError(400, 120);
        (await Upload(api, id, Mp4(320, 240), "small.mp4")).IsError(400, 120);
        (await Upload(api, id, Mp4(3840, 2160), "4k.mp4")).IsError(400, 120);
        var big = new byte[15 * 1024 * 1024 + 1];
        TokenPictureTests.Png.CopyTo(big, 0);
        (await Upload(api, id, big, "big.png")).IsError(400, 120);
        (await api.Send(HttpMethod.Post, $"/v2/users/{id}/settings/virtual_backgrounds", new { file = "x" })).IsError(415, 300);
        Assert.Empty(await Files(api, id));
        for (var i = 0; i < 10; i++) (await Upload(api, id, TokenPictureTests.Png, $"f{i}.png")).Is(HttpStatusCode.Created);
        (await Upload(api, id, TokenPictureTests.Png, "eleventh.png")).IsError(400, 300);
        Assert.Equal(10, (await Files(api, id)).Count);
        (await Upload(api, "ghost@example.com", TokenPictureTests.Png, "x.png")).IsError(404, 1001);
    }
}
