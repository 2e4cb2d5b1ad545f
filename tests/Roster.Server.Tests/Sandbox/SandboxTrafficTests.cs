using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Fault injection and the request journal, through the sandbox's control plane, on either engine.</summary>
public class SandboxTrafficTests
{
    static async Task<string> AddFault(Api sandbox, object rule)
        => (await sandbox.Post("/roster/v1/sandbox/faults", rule)).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

    static async Task<JsonObject> Fault(Api sandbox, string id)
        => (await sandbox.Get("/roster/v1/sandbox/faults")).Json["faults"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!.AsObject();

    static async Task<int> UserCount(Api api) => (await api.Get("/v2/users?page_size=300&status=active")).Json["total_records"]!.GetValue<int>();

    [Fact]
    public async Task FaultsHitOnlyTheCallsTheyMatchAndChangeNothing()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var other = (await sandbox.Post("/roster/v1/sandbox/accounts", new { name = "other" })).Is(HttpStatusCode.Created).Json;
        using var otherApi = app.ApiWith(await app.TokenAsync(other["client_id"]!.GetValue<string>(), other["client_secret"]!.GetValue<string>(),
            other["account_id"]!.GetValue<string>()));

        // a 429 for creates of the primary account only, twice
        var rateLimit = await AddFault(sandbox, new { fault = "rate_limit", operation = "userCreate", account_id = RosterApp.AccountId, times = 2 });
        var before = await UserCount(api);
        (await otherApi.Post("/v2/users", new { action = "custCreate", user_info = new { email = "elsewhere@faults.test", type = 1 } })).Is(HttpStatusCode.Created);
        (await api.Get("/v2/users")).Is(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            var refused = (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "a@faults.test", type = 1 } })).IsError(429, 429);
            Assert.Equal("QPS", refused.Response.Headers.GetValues("X-RateLimit-Type").Single());
            Assert.Equal("Light", refused.Response.Headers.GetValues("X-RateLimit-Category").Single()); // Roster's label of userCreate
            Assert.Equal("0", refused.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.True(int.Parse(refused.Response.Headers.GetValues("X-RateLimit-Limit").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        Assert.Equal(before, await UserCount(api)); // the refused creates wrote nothing
        var created = await api.CreateUser("a@faults.test"); // spent after two
        var spent = await Fault(sandbox, rateLimit);
        Assert.Equal(2, spent["hits"]!.GetValue<long>());
        Assert.Equal(2, spent["matched"]!.GetValue<long>());
        Assert.True(spent["spent"]!.GetValue<bool>());

        // only the 2nd matching call, by method and path pattern
        await AddFault(sandbox, new { fault = "server_error", method = "get", path = "/v2/users/*/settings", nth = 2, times = 1 });
        (await api.Get($"/v2/users/{created}")).Is(HttpStatusCode.OK);
        (await api.Get($"/v2/users/{created}/settings")).Is(HttpStatusCode.OK);
        (await api.Get($"/v2/users/{created}/settings")).IsError(500, 500);
        (await api.Get($"/v2/users/{created}/settings")).Is(HttpStatusCode.OK);

        // one user (also when named as "me"), with 401/124 as an expired token; another user is untouched
        var ownerId = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        await AddFault(sandbox, new { fault = "expired_token", user_id = ownerId });
        Assert.Equal("Access token is expired.", (await api.Get("/v2/users/me")).IsError(401, 124).Json["message"]!.GetValue<string>());
        (await api.Get($"/v2/users/{ownerId}")).IsError(401, 124);
        (await api.Get($"/v2/users/{created}")).Is(HttpStatusCode.OK);
        (await sandbox.Delete("/roster/v1/sandbox/faults")).Is(HttpStatusCode.NoContent);
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);

        // any status and code; the update it answers is not made
        await AddFault(sandbox, new { fault = "error", method = "PATCH", status = 409, code = 1005, message = "Injected conflict.", times = 1 });
        (await api.Patch($"/v2/users/{created}", new { first_name = "Changed" })).IsError(409, 1005);
        Assert.Equal("First", (await api.Get($"/v2/users/{created}")).Json["first_name"]!.GetValue<string>());

        // 503 with Retry-After in seconds; the daily 429 with its reset time
        await AddFault(sandbox, new { fault = "unavailable", operation = "user", retry_after = 7, times = 1 });
        Assert.Equal("7", (await api.Get($"/v2/users/{created}")).IsError(503, 503).Response.Headers.GetValues("Retry-After").Single());
        await AddFault(sandbox, new { fault = "daily_limit", operation = "user", times = 1 });
        var daily = (await api.Get($"/v2/users/{created}")).IsError(429, 429);
        Assert.Equal("Daily-limit", daily.Response.Headers.GetValues("X-RateLimit-Type").Single());
        Assert.Equal(new DateTimeOffset(app.Clock.Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero),
            DateTimeOffset.Parse(daily.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));

        // latency, then the call runs
        await AddFault(sandbox, new { fault = "delay", delay_ms = 300, operation = "user", times = 1 });
        var watch = Stopwatch.StartNew();
        (await api.Get($"/v2/users/{created}")).Is(HttpStatusCode.OK);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");

        // a dropped connection: no answer at all
        await AddFault(sandbox, new { fault = "drop", operation = "user", times = 1 });
        var dropped = await Assert.ThrowsAnyAsync<Exception>(() => api.Get($"/v2/users/{created}"));
        Assert.True(dropped is HttpRequestException or OperationCanceledException, dropped.ToString()); // a socket's reset, or the test host's abort
        (await api.Get($"/v2/users/{created}")).Is(HttpStatusCode.OK);

        // the sandbox's own calls are never faulted, even by a rule matching every path
        await AddFault(sandbox, new { fault = "server_error", path = "/**" });
        (await api.Get("/v2/users")).IsError(500, 500);
        (await sandbox.Get("/roster/v1/sandbox/faults")).Is(HttpStatusCode.OK);
        (await sandbox.Delete("/roster/v1/sandbox/faults")).Is(HttpStatusCode.NoContent);
        (await api.Get("/v2/users")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FaultsByChanceFollowTheirSeedAndExpireOnTheStoresClock()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        async Task<string> Pattern()
        {
            var id = await AddFault(sandbox, new { fault = "server_error", operation = "users", probability = 0.5, seed = 42 });
            var pattern = new StringBuilder();
            for (var i = 0; i < 40; i++) pattern.Append((await api.Get("/v2/users")).Status == HttpStatusCode.OK ? '.' : 'x');
            var rule = await Fault(sandbox, id);
            Assert.Equal(40, rule["matched"]!.GetValue<long>());
            Assert.Equal(pattern.ToString().Count(c => c == 'x'), rule["hits"]!.GetValue<long>());
            (await sandbox.Delete($"/roster/v1/sandbox/faults/{id}")).Is(HttpStatusCode.NoContent);
            return pattern.ToString();
        }
        var first = await Pattern();
        Assert.Contains('x', first);
        Assert.Contains('.', first);
        Assert.Equal(first, await Pattern()); // the same seed, the same calls hit
        (await sandbox.Delete("/roster/v1/sandbox/faults/flt_gone")).IsError(404, 3001);

        var timed = await AddFault(sandbox, new { fault = "server_error", operation = "users", ttl_seconds = 60 });
        (await api.Get("/v2/users")).IsError(500, 500);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 61 })).Is(HttpStatusCode.OK);
        (await api.Get("/v2/users")).Is(HttpStatusCode.OK);
        Assert.True((await Fault(sandbox, timed))["spent"]!.GetValue<bool>());

        // a reset starts without rules
        await AddFault(sandbox, new { fault = "server_error", operation = "users" });
        (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK);
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/faults")).Json["faults"]!.AsArray());
        using var again = await app.ApiAsync();
        (await again.Get("/v2/users")).Is(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{}", "fault")]
    [InlineData("""{"fault":"teapot"}""", "fault")]
    [InlineData("""{"fault":"error","status":200,"code":1}""", "status")]
    [InlineData("""{"fault":"error","status":418}""", "code")]
    [InlineData("""{"fault":"server_error","probability":0}""", "probability")]
    [InlineData("""{"fault":"server_error","nth":0}""", "nth")]
    [InlineData("""{"fault":"delay"}""", "delay_ms")]
    [InlineData("""{"fault":"delay","delay_ms":600000}""", "delay_ms")]
    [InlineData("""{"fault":"drop","path":"v2/users"}""", "path")]
    [InlineData("""{"fault":"drop","method":"BREW"}""", "method")]
    [InlineData("""{"fault":"drop","ttl_seconds":-1}""", "ttl_seconds")]
    [InlineData("""{"fault":"rate_limit","retry_after":3}""", "retry_after")]
    public async Task ABadRuleIsRefusedWithTheFieldItGotWrong(string body, string field)
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var refused = (await sandbox.Send(HttpMethod.Post, "/roster/v1/sandbox/faults", rawBody: body)).IsError(400, 300);
        Assert.Equal(field, refused.Json["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/faults")).Json["faults"]!.AsArray());
    }

    [Fact]
    public async Task TheJournalKeepsCallsFindsThemAndVerifiesThem()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var start = app.Clock.Now;
        var id = await api.CreateUser("kept@journal.test");
        (await api.Get("/v2/users/nobody@journal.test")).IsError(404, 1001);
        (await api.Patch($"/v2/users/{id}", new { first_name = "Renamed", dept = "QA" })).Is(HttpStatusCode.NoContent);
        var fault = await AddFault(sandbox, new { fault = "rate_limit", operation = "userUpdate", times = 1 });
        (await api.Patch($"/v2/users/{id}", new { first_name = "Again" })).IsError(429, 429);

        var created = (await sandbox.Get("/roster/v1/sandbox/journal?operation=userCreate")).Json["entries"]!.AsArray().Single()!;
        Assert.Equal("POST", created["method"]!.GetValue<string>());
        Assert.Equal("/v2/users", created["path"]!.GetValue<string>());
        Assert.Equal(201, created["status"]!.GetValue<int>());
        Assert.Equal(RosterApp.AccountId, created["account_id"]!.GetValue<string>());
        Assert.Equal("kept@journal.test", created["request_body"]!["user_info"]!["email"]!.GetValue<string>());
        Assert.Equal(id, created["response_body"]!["id"]!.GetValue<string>());
        Assert.StartsWith("v=2.0;", created["tracking_id"]!.GetValue<string>());
        Assert.True(created["duration_ms"]!.GetValue<double>() >= 0);
        Assert.Equal(start.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(created["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());

        var missing = (await sandbox.Get("/roster/v1/sandbox/journal?status=404")).Json["entries"]!.AsArray().Single()!;
        Assert.True(missing["user_id"] is not null, missing.ToJsonString());
        Assert.True(missing["code"] is not null, missing.ToJsonString());
        Assert.Equal(1001, missing["code"]!.GetValue<int>());
        Assert.Equal("nobody@journal.test", missing["user_id"]!.GetValue<string>());
        var faulted = (await sandbox.Get("/roster/v1/sandbox/journal?faulted=true")).Json["entries"]!.AsArray().Single()!;
        Assert.Equal(fault, faulted["fault"]!.GetValue<string>());
        Assert.Equal(429, faulted["status"]!.GetValue<int>());

        async Task<JsonObject> Verify(object body) => (await sandbox.Post("/roster/v1/sandbox/journal/verify", body)).Is(HttpStatusCode.OK).Json;
        var once = await Verify(new { operation = "userUpdate", status = 204, body = new { first_name = "Renamed" }, count = 1 });
        Assert.True(once["ok"]!.GetValue<bool>());
        Assert.Equal(1, once["count"]!.GetValue<int>());
        var wrongBody = await Verify(new { operation = "userUpdate", body = new { first_name = "Never" } });
        Assert.False(wrongBody["ok"]!.GetValue<bool>());
        Assert.Equal(0, wrongBody["count"]!.GetValue<int>());
        Assert.Equal("at least 1", wrongBody["expected"]!.GetValue<string>());
        Assert.True((await Verify(new { method = "PATCH", path = "/v2/users/*", at_least = 2, at_most = 2 }))["ok"]!.GetValue<bool>());
        Assert.False((await Verify(new { method = "PATCH", path = "/v2/users/*", count = 3 }))["ok"]!.GetValue<bool>());
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = app.Clock.Now;
        (await api.Get($"/v2/users/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(1, (await Verify(new { since = later.ToString("O"), count = 1 }))["count"]!.GetValue<int>());
        (await sandbox.Send(HttpMethod.Post, "/roster/v1/sandbox/journal/verify", new { count = 1, at_least = 1 })).IsError(400, 300);

        // paging: oldest first, a cursor to go on from
        var page = (await sandbox.Get("/roster/v1/sandbox/journal?page_size=2")).Json;
        var next = page["next_after"]!.GetValue<long>();
        var rest = (await sandbox.Get($"/roster/v1/sandbox/journal?after={next}&page_size=100")).Json["entries"]!.AsArray();
        Assert.All(rest, e => Assert.True(e!["id"]!.GetValue<long>() > next));
        Assert.Equal(["oauthToken", "userCreate"], page["entries"]!.AsArray().Select(e => e!["operation"]!.GetValue<string>()));
        (await sandbox.Get("/roster/v1/sandbox/journal?status=abc")).IsError(400, 300);

        // the sandbox's own calls are not kept; clearing and a reset empty it
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/journal?path=/roster/v1/sandbox/**")).Json["entries"]!.AsArray());
        (await sandbox.Delete("/roster/v1/sandbox/journal")).Is(HttpStatusCode.NoContent);
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/journal")).Json["entries"]!.AsArray());
        (await api.Get("/v2/users")).Is(HttpStatusCode.OK);
        (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK);
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/journal")).Json["entries"]!.AsArray());
    }

    [Fact]
    public async Task TheJournalKeepsAPictureOrABodyOverItsCaptureAsItsSizeAndTheClientGetsEveryByte()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var id = await api.CreateUser("face@journal.test");
        (await TokenPictureTests.Upload(api, id, TokenPictureTests.Png, "me.png")).Is(HttpStatusCode.Created);
        var picPath = new Uri((await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>()).AbsolutePath;
        Assert.Equal(TokenPictureTests.Png, await api.Http.GetByteArrayAsync(picPath));
        var picture = (await sandbox.Get($"/roster/v1/sandbox/journal?path={picPath}")).Json["entries"]!.AsArray().Single()!;
        var size = System.Text.RegularExpressions.Regex.Match(picture["response_body"]!.GetValue<string>(), @"^\((\d+) bytes image/png\)$");
        Assert.True(size.Success, picture.ToJsonString());
        Assert.Equal(TokenPictureTests.Png.Length, int.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        // a body over the 64 KB the journal reads is not copied past it: kept as its size, sent whole
        for (var i = 0; i < 200; i++) (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = $"many{i}@journal.test", type = 1, first_name = new string('n', 60) } })).Is(HttpStatusCode.Created);
        var page = await api.Get("/v2/users?page_size=300");
        var listed = page.Json["users"]!.AsArray().Count;
        Assert.Equal(202, listed); // the owner, the face and the 200
        var entry = (await sandbox.Get("/roster/v1/sandbox/journal?path=/v2/users&method=GET")).Json["entries"]!.AsArray()
            .Single(e => e!["query"]?.GetValue<string>() == "page_size=300")!;
        var over = System.Text.RegularExpressions.Regex.Match(entry["response_body"]!.GetValue<string>(), @"^\((\d+) bytes application/json");
        Assert.True(over.Success, entry["response_body"]!.GetValue<string>());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(page.Body), int.Parse(over.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheJournalIsBoundedAndCanBeSwitchedOff()
    {
        await using (var small = new RosterApp(settings: new Dictionary<string, string> { ["Sandbox:Journal:Capacity"] = "5", ["Sandbox:Journal:MaxBodyChars"] = "40" }))
        {
            using var api = await small.ApiAsync();
            using var sandbox = small.ApiWith(SandboxTests.AdminKey(small));
            for (var i = 0; i < 8; i++) (await api.Get($"/v2/users?page_size={i + 1}")).Is(HttpStatusCode.OK);
            var entries = (await sandbox.Get("/roster/v1/sandbox/journal")).Json["entries"]!.AsArray();
            Assert.Equal(5, entries.Count);
            Assert.Equal("page_size=8", entries[^1]!["query"]!.GetValue<string>());
            var body = entries[^1]!["response_body"]!.GetValue<string>(); // cut: kept as text
            Assert.EndsWith("…(cut)", body);
            Assert.Equal(40 + "…(cut)".Length, body.Length);
        }
        await using var off = new RosterApp(settings: new Dictionary<string, string> { ["Sandbox:Journal:Enabled"] = "false" });
        using var offSandbox = off.ApiWith(SandboxTests.AdminKey(off));
        (await offSandbox.Get("/roster/v1/sandbox/journal")).IsError(404, 3003);
        (await offSandbox.Post("/roster/v1/sandbox/journal/verify", new { count = 0 })).IsError(404, 3003);
    }

    [Fact]
    public async Task TheJournalKeepsNoSecret()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var adminKey = SandboxTests.AdminKey(app);
        using var sandbox = app.ApiWith(adminKey);
        var secrets = new List<string> { RosterApp.ClientSecret, api.Token, adminKey };

        // a password in a create, a password change, a ZAK and a user token
        const string password = "Sekr3tPassw0rd";
        var id = await api.CreateUser("secret@example.com", action: "autoCreate", password: password);
        const string newPassword = "An0therSekr3t";
        (await api.Put($"/v2/users/{id}/password", new { password = newPassword })).Is(HttpStatusCode.NoContent);
        secrets.AddRange([password, newPassword]);
        secrets.Add((await api.Get($"/v2/users/{id}/token?type=zak")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>());
        secrets.Add((await api.Get($"/v2/users/{id}/token")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>());

        // an app's secret, and a token from the token endpoint in a form body and in the query
        var made = (await api.Post("/roster/v1/apps", new { name = "journal", webhook_secret_token = "chosen-webhook-secret-42" })).Is(HttpStatusCode.Created).Json;
        var (clientId, clientSecret) = (made["client_id"]!.GetValue<string>(), made["client_secret"]!.GetValue<string>());
        secrets.AddRange([clientSecret, "chosen-webhook-secret-42"]);
        // the calling app's webhook secret token, made anew and shown once
        secrets.Add((await api.Post("/roster/v1/webhooks/secret_token", null)).Is(HttpStatusCode.OK).Json["secret_token"]!.GetValue<string>());
        using var http = app.CreateClient();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        var form = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = RosterApp.AccountId }),
        };
        form.Headers.Authorization = basic;
        var issued = JsonNode.Parse(await (await http.SendAsync(form)).Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        secrets.Add(issued);
        var query = new HttpRequestMessage(HttpMethod.Post, $"/oauth/token?grant_type=account_credentials&account_id={RosterApp.AccountId}&client_secret={clientSecret}");
        query.Headers.Authorization = basic;
        await http.SendAsync(query);
        (await api.Post("/roster/v1/tokens/verify", new { token = issued })).Is(HttpStatusCode.OK);

        // an invitation: its link holds a token, and accepting it posts a password to the token's path
        var invited = await api.CreateUser("invited@journal.test", action: "create");
        var link = (await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single(i => i!["email"]!.GetValue<string>() == "invited@journal.test")!["link"]!.GetValue<string>();
        var invitationToken = new Uri(link) is var u && u.Query.Length > 0
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(u.Query)["token"].ToString() : u.AbsolutePath.Split('/')[^1];
        Assert.True(invitationToken.Length >= 16, link);
        secrets.Add(invitationToken);
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        const string invitedPassword = "Invit3dSekr3t";
        secrets.Add(invitedPassword);
        Assert.Equal(HttpStatusCode.OK, (await HtmlForms.Submit(browser, new Uri(link).PathAndQuery, new() { ["password"] = invitedPassword })).StatusCode);
        Assert.NotEqual("pending", (await api.Get($"/v2/users/{invited}")).Json["status"]!.GetValue<string>());

        var journal = (await sandbox.Get("/roster/v1/sandbox/journal?page_size=1000")).Body;
        Assert.True(JsonNode.Parse(journal)!["entries"]!.AsArray().Count >= 12, journal);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, journal);
        Assert.Contains("\"password\":\"***\"", journal);
        Assert.Contains(link.Contains("?token=") ? "token=***" : "/invitations/***", journal);
    }
}
