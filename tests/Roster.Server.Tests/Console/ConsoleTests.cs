using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Roster.Domain.AdminConsole;

namespace Roster.Server.Tests;

/// <summary>A browser-like client of the console: cookies kept, redirects seen, form tokens taken from the pages.</summary>
public sealed class ConsoleClient : IDisposable
{
    public HttpClient Http { get; }
    string? _token;

    public ConsoleClient(RosterApp app) => Http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> Get(string path)
    {
        var response = await Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>
    /// A form token of this client's antiforgery cookie and session (tokens are bound to the session they were issued
    /// in): from the sign-in page, or a page of the session once signed in.
    /// </summary>
    public async Task<string> Token()
    {
        if (_token is not null) return _token;
        var page = await Get("/console/sign-in");
        if (page.Status == HttpStatusCode.Redirect) page = await Get("/console/accounts");
        return _token = HtmlForms.Csrf(page.Html);
    }

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> Post(string path, Dictionary<string, string>? fields = null, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields ?? []);
        if (withToken) form["__csrf"] = await Token();
        var response = await Http.PostAsync(path, new FormUrlEncodedContent(form));
        if (path is "/console/sign-in" or "/console/sign-out") _token = null; // a new session (or none): new tokens
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>A multipart form (with one file) as a browser sends a file input's form, with this client's form token.</summary>
    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostFile(string path, string fileField, string fileName, byte[] bytes,
        Dictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await Token()), "__csrf" } };
        foreach (var (name, value) in fields ?? []) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(bytes), fileField, fileName);
        var response = await Http.PostAsync(path, form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<HttpResponseMessage> SignInWithKey(string key)
        => (await Post("/console/sign-in", new() { ["method"] = "key", ["key"] = key, ["return"] = "/console" })).Response;

    public async Task<HttpResponseMessage> SignInWithPassword(string email, string password)
        => (await Post("/console/sign-in", new() { ["method"] = "password", ["email"] = email, ["password"] = password, ["return"] = "/console" })).Response;

    public static string? Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString;

    /// <summary>The e-mails a users page lists, in order (the link text of each row).</summary>
    public static List<string> Emails(string html)
        => Regex.Matches(html, "<td[^>]*><a href=\"/console/accounts/[^\"]+/users/[^\"]+\">([^<]+)</a></td>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// The admin console over HTTP, on either engine: who may call each page and form, sessions and what ends them, the
/// reach of a session (its account and sub accounts only), and that its actions take the API's rules and record its events.
/// </summary>
public class ConsoleTests
{
    const string AdminPassword = "Adm1nPassw0rd";
    const string MemberPassword = "Memb3rPassw0rd";

    /// <summary>An admin and a member of the primary account, active with passwords (roles come from seeds, as Zoom's Roles API is not served).</summary>
    static async Task SeedPeople(RosterApp app)
    {
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        (await sandbox.Post("/roster/v1/sandbox/seed", new
        {
            users = new object[]
            {
                new { email = "ada@example.com", role = "admin", password = AdminPassword, first_name = "Ada", last_name = "Lovelace", type = 2 },
                new { email = "mel@example.com", password = MemberPassword, first_name = "Mel", last_name = "Member" },
            },
        })).Is(HttpStatusCode.Created);
    }

    /// <summary>Every console route but the public ones (sign-in page and form, stylesheet), with a form that would succeed.</summary>
    static (string Method, string Path, Dictionary<string, string>? Form)[] Calls(string accountId, string userId) =>
    [
        ("GET", "/console/", null),
        ("GET", "/console/accounts", null),
        ("POST", "/console/accounts", new() { ["account_name"] = "Matrix", ["email"] = "matrix-owner@example.com", ["first_name"] = "M", ["last_name"] = "O", ["password"] = "Matr1xPassw0rd" }),
        ("GET", $"/console/accounts/{accountId}/users", null),
        ("GET", $"/console/accounts/{accountId}/users/new", null),
        ("POST", $"/console/accounts/{accountId}/users", new() { ["action"] = "custCreate", ["email"] = "matrix@example.com", ["type"] = "1" }),
        ("GET", $"/console/accounts/{accountId}/users/{userId}", null),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/settings/meeting-in-meeting-basic", new() { ["fields"] = "in_meeting.chat", ["in_meeting.chat"] = "true" }),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/status", new() { ["action"] = "deactivate" }),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/type", new() { ["type"] = "1" }),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/delete", new() { ["action"] = "delete" }),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/assistants", new() { ["email"] = "owner@example.com" }),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/assistants/{userId}/delete", null),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/schedulers/{userId}/delete", null),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/tokens/revoke", null),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/picture", null),
        ("POST", $"/console/accounts/{accountId}/users/{userId}/picture/delete", null),
        ("GET", $"/console/accounts/{accountId}/imports/new", null),
        ("POST", $"/console/accounts/{accountId}/imports", new() { ["action"] = "custCreate" }),
        ("GET", $"/console/accounts/{accountId}/imports/0123456789abcdef0123456789abcdef", null),
        ("GET", $"/console/accounts/{accountId}/activity", null),
        ("STREAM", $"/console/accounts/{accountId}/activity/stream", null),
        ("POST", $"/console/accounts/{accountId}/activity/deliveries/no-such-delivery/redeliver", null),
        ("GET", $"/console/accounts/{accountId}/apps", null),
        ("POST", $"/console/accounts/{accountId}/apps", new() { ["name"] = "matrix app", ["type"] = "s2s" }),
        ("POST", $"/console/accounts/{accountId}/apps/{RosterApp.ClientId}/rotate", null),
        ("GET", "/console/sandbox", null),
        ("POST", "/console/sandbox/reset", null),
        ("POST", "/console/sandbox/snapshots", new() { ["name"] = "matrix" }),
        ("POST", "/console/sandbox/snapshots/bootstrap/restore", null),
        ("POST", "/console/sandbox/clock", new() { ["action"] = "freeze" }),
        ("GET", "/console/sandbox/traffic", null),
        ("POST", "/console/sandbox/faults", new() { ["fault"] = "server_error", ["path"] = "/v2/users/me" }),
        ("POST", "/console/sandbox/faults/flt_none/delete", null),
    ];

    static readonly string[] PublicRoutes = ["/console/sign-in", "/console/console.css", "/console/console.js", "/console/sign-out"];

    [Fact]
    public async Task TheConsoleCookieIsNobodysDefaultAndNoProcessWideSwitchIsSet()
    {
        await using var app = new RosterApp();
        var schemes = app.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.NotNull(await schemes.GetSchemeAsync(Roster.Server.AdminConsole.ConsoleEndpoints.Scheme));
        // the API's requests are never authenticated by the console's cookie: no default scheme, though it is the only one
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.Null(await schemes.GetDefaultChallengeSchemeAsync());
        Assert.Null(await schemes.GetDefaultSignInSchemeAsync());
        // and that is the host's own doing, not ASP.NET Core's process-wide switch (two hosts in a process stay apart)
        Assert.False(AppContext.TryGetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", out var on) && on);
    }

    [Fact]
    public async Task EveryConsoleRouteIsInTheMatrix()
    {
        await using var app = new RosterApp();
        var routes = app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>().SelectMany(s => s.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/console", StringComparison.Ordinal) == true)
            .Select(e => e.RoutePattern.RawText!.Replace("{accountId}", "A").Replace("{userId}", "U").Replace("{section}", "meeting-in-meeting-basic").Replace("{name}", "bootstrap").Replace("{deliveryId}", "no-such-delivery").Replace("{clientId}", RosterApp.ClientId).Replace("{id}", "flt_none").Replace("{assistantId}", "U").Replace("{schedulerId}", "U").Replace("{importId}", "0123456789abcdef0123456789abcdef"))
            .ToHashSet();
        var known = Calls("A", "U").Select(c => c.Path).Concat(PublicRoutes).ToHashSet();
        Assert.Equal(known.Order(), routes.Order());
    }

    [Fact]
    public async Task WithoutASessionEveryPageSendsToSignInAndEveryFormChangesNothing()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var victim = await api.CreateUser("victim@example.com", type: 2);
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        using var anonymous = new ConsoleClient(app);
        using var signedIn = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await signedIn.SignInWithKey(SandboxTests.AdminKey(app))).StatusCode);
        foreach (var (method, path, form) in Calls(accountId, victim))
        {
            if (method == "STREAM")
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get(path)).Status); // an EventSource cannot follow a sign-in page
                continue;
            }
            if (method == "GET")
            {
                var page = await anonymous.Get(path);
                Assert.Equal(HttpStatusCode.Redirect, page.Status);
                Assert.Equal("/console/sign-in?return=" + Uri.EscapeDataString(path), ConsoleClient.Location(page.Response));
                continue;
            }
            // a form from no session: to the sign-in page; a form of a session without its token: refused
            var noSession = await anonymous.Post(path, form);
            Assert.Equal(HttpStatusCode.SeeOther, noSession.Status);
            Assert.Equal("/console/sign-in", ConsoleClient.Location(noSession.Response));
            var noToken = await signedIn.Post(path, form, withToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
        }
        Assert.Empty((await api.Get($"/v2/users/{victim}/assistants")).Json["assistants"]!.AsArray());
        var user = (await api.Get($"/v2/users/{victim}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("active", user["status"]!.GetValue<string>());
        Assert.Equal(2, user["type"]!.GetValue<int>());
        (await api.Get("/v2/users/matrix@example.com")).IsError(404, 1001);
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK); // the primary app's secret was not rotated
        Assert.Equal(0, (await api.Get("/v2/accounts")).Json["total_records"]!.GetValue<int>());
        using var faults = app.ApiWith(SandboxTests.AdminKey(app));
        Assert.Empty((await faults.Get("/roster/v1/sandbox/faults")).Json["faults"]!.AsArray());
        Assert.DoesNotContain("matrix app", (await signedIn.Get($"/console/accounts/{accountId}/apps")).Html);
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        Assert.DoesNotContain((await sandbox.Get("/roster/v1/sandbox/snapshots")).Json["snapshots"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "matrix");
    }

    [Fact]
    public async Task ASettingAGroupLocksShowsItsGroupAndIsNotInTheForm()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var userId = await api.CreateUser("locked@example.com");
        var group = (await api.Post("/v2/groups", new { name = "Front desk" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        (await api.Post($"/v2/groups/{group}/members", new { members = new[] { new { id = userId } } })).Is(HttpStatusCode.Created);
        (await api.Patch($"/v2/groups/{group}/settings", new { in_meeting = new { chat = false } })).Is(HttpStatusCode.NoContent);
        using var console = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.SignInWithKey(SandboxTests.AdminKey(app))).StatusCode);
        var path = Roster.Server.AdminConsole.ConsolePages.UserPath(RosterApp.AccountId, userId);

        static string[] Shown(string html) => [.. Regex.Matches(html, "name=\"fields\" value=\"([^\"]*)\"").SelectMany(m => m.Groups[1].Value.Split(' '))];
        var before = await console.Get(path);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("in_meeting.chat", Shown(before.Html));   // editable while no group locks it
        Assert.DoesNotContain("Locked by the group", before.Html);

        (await api.Patch($"/v2/groups/{group}/lock_settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        var after = await console.Get(path);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.DoesNotContain("in_meeting.chat", Shown(after.Html));   // a save of the form never sends it
        Assert.Contains("Locked by the group Front desk", System.Net.WebUtility.HtmlDecode(after.Html));
        Assert.DoesNotContain(Regex.Matches(after.Html, "<input[^>]*>").Select(m => m.Value), i => i.Contains("name=\"in_meeting.chat\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyStrictAndPagesCannotBeFramed()
    {
        await using var app = new RosterApp();
        using var console = new ConsoleClient(app);
        var signIn = await console.SignInWithKey(SandboxTests.AdminKey(app));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Roster.Server.AdminConsole.ConsoleEndpoints.CookieName + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/console", attributes);
        Assert.DoesNotContain("secure", attributes); // served over plain HTTP here; Secure when the request came over HTTPS
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal)); // a browser session's cookie

        var page = await console.Get("/console/accounts");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("DENY", page.Response.Headers.GetValues("X-Frame-Options").Single());
        var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("script-src", csp); // no script at all (default-src 'none')
        Assert.True(page.Response.Headers.CacheControl!.NoStore);

        // no default scheme: the API's requests never read the console's cookie (nor pay for reading it)
        var schemes = app.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());

        // over HTTPS (as a proxy forwards it) the cookie is Secure
        using var https = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var tokenPage = await https.GetAsync("/console/sign-in");
        var token = HtmlForms.Csrf(await tokenPage.Content.ReadAsStringAsync());
        var secure = await https.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = token, ["method"] = "key", ["key"] = SandboxTests.AdminKey(app),
        }));
        Assert.Equal(HttpStatusCode.SeeOther, secure.StatusCode);
        Assert.Contains(secure.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_console=", StringComparison.Ordinal)).Split(';'),
            a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OnlyActiveOwnersAndAdminsSignInAndASessionEndsWithTheirRights()
    {
        await using var app = new RosterApp();
        await SeedPeople(app);
        using var api = await app.ApiAsync();

        using var wrong = new ConsoleClient(app);
        var refused = await wrong.Post("/console/sign-in", new() { ["method"] = "password", ["email"] = "ada@example.com", ["password"] = "Wr0ngPassword" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("Invalid email or password", refused.Html);
        Assert.Contains("value=\"ada@example.com\"", refused.Html); // the e-mail is kept in the form
        var wrongKey = await wrong.Post("/console/sign-in", new() { ["method"] = "key", ["key"] = "rsk_wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);
        // said for a person at a form (where to find the key), not the API's "send it as Authorization: Bearer"
        Assert.Contains(Domain.Errors.Fail.ConsoleKeyRefused().Error.Message, WebUtility.HtmlDecode(wrongKey.Html));
        Assert.DoesNotContain("Authorization", wrongKey.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.SignInWithPassword("nobody@example.com", AdminPassword)).StatusCode);

        using var member = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.SignInWithPassword("mel@example.com", MemberPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await member.Get("/console/accounts")).Status);

        using var admin = new ConsoleClient(app);
        var signedIn = await admin.SignInWithPassword("ADA@example.com ", AdminPassword);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Get("/console/accounts")).Status);
        // the sandbox is the key holder's alone: absent for an owner or admin
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get("/console/sandbox")).Status);
        Assert.DoesNotContain("href=\"/console/sandbox\"", (await admin.Get("/console/accounts")).Html);

        // a password change ends the session (the owner's: Zoom lets no app change an admin's)
        var owner = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await api.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw0rd" })).Is(HttpStatusCode.NoContent);
        using var ownerConsole = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await ownerConsole.SignInWithPassword("owner@example.com", "0wnerPassw0rd")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerConsole.Get("/console/accounts")).Status);
        (await api.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw0rd2" })).Is(HttpStatusCode.NoContent);
        var ended = await ownerConsole.Get("/console/accounts");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        // the sign-in page that follows takes the new password (its form is not bound to the ended session)
        Assert.Equal(HttpStatusCode.SeeOther, (await ownerConsole.SignInWithPassword("owner@example.com", "0wnerPassw0rd2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerConsole.Get("/console/accounts")).Status);

        // so does the user's end: a restore to before the admin existed
        Assert.Equal(HttpStatusCode.OK, (await admin.Get("/console/accounts")).Status);
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Get("/console/accounts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.SignInWithPassword("ada@example.com", AdminPassword)).StatusCode);

        // signing out ends the key's session too
        using var keyHolder = new ConsoleClient(app);
        await keyHolder.SignInWithKey(SandboxTests.AdminKey(app));
        Assert.Equal(HttpStatusCode.OK, (await keyHolder.Get("/console/sandbox")).Status);
        Assert.Equal(HttpStatusCode.SeeOther, (await keyHolder.Post("/console/sign-out")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await keyHolder.Get("/console/sandbox")).Status);
    }

    [Fact]
    public async Task WithTheSandboxOffNoKeyOpensTheConsoleAndOwnersStillSignIn()
    {
        await using var app = new RosterApp(settings: new Dictionary<string, string> { ["Sandbox:Enabled"] = "false" });
        using var api = await app.ApiAsync();
        var owner = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await api.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw0rd" })).Is(HttpStatusCode.NoContent);
        using var console = new ConsoleClient(app);
        var page = await console.Get("/console/sign-in");
        Assert.DoesNotContain("Sandbox admin key", page.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await console.Post("/console/sign-in", new() { ["method"] = "key", ["key"] = "rsk_anything" })).Status);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.SignInWithPassword("owner@example.com", "0wnerPassw0rd")).StatusCode);
        var accounts = await console.Get("/console/accounts");
        Assert.Equal(HttpStatusCode.OK, accounts.Status);
        Assert.DoesNotContain("href=\"/console/sandbox\"", accounts.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await console.Get("/console/sandbox")).Status);
    }

    [Fact]
    public async Task RepeatedFailedSignInsAreThrottled()
    {
        await using var app = new RosterApp();
        using var console = new ConsoleClient(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add((await console.Post("/console/sign-in", new() { ["method"] = "key", ["key"] = "rsk_guess" + i })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // throttled means no check at all, even of the right key
        Assert.Equal(HttpStatusCode.TooManyRequests, (await console.SignInWithKey(SandboxTests.AdminKey(app))).StatusCode);
    }

    [Fact]
    public async Task ASessionReachesItsAccountAndSubAccountsAndNothingElse()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var masterId = (await master.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        var masterUser = await master.CreateUser("mine@example.com");
        var (sub, subId, subOwner) = await app.SubAccountAsync(master, "boss@tenant.test");
        var subUser = await sub.CreateUser("theirs@tenant.test");
        var (_, otherSubId, otherOwner) = await app.SubAccountAsync(master, "other@tenant2.test");

        // the sub account's owner: its own users, nothing of the master's or of a sibling's
        using var owner = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await owner.SignInWithPassword(subOwner, "Secur3Pass!x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Get($"/console/accounts/{subId}/users/{subUser}")).Status);
        foreach (var path in new[]
                 {
                     $"/console/accounts/{masterId}/users", $"/console/accounts/{masterId}/users/{masterUser}", $"/console/accounts/{otherSubId}/users",
                     $"/console/accounts/{subId}/users/{masterUser}", // a user of another account under one's own
                 })
        {
            var page = await owner.Get(path);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("mine@example.com", page.Html);
        }
        var deleteAcross = await owner.Post($"/console/accounts/{subId}/users/{masterUser}/delete", new() { ["action"] = "delete" });
        Assert.Equal(HttpStatusCode.NotFound, deleteAcross.Status);
        (await master.Get($"/v2/users/{masterUser}")).Is(HttpStatusCode.OK);
        Assert.DoesNotContain(masterId, (await owner.Get("/console/accounts")).Html);

        // the master's key holder reaches the sub accounts, and lists them with their seats
        using var key = new ConsoleClient(app);
        await key.SignInWithKey(SandboxTests.AdminKey(app));
        var accounts = (await key.Get("/console/accounts")).Html;
        Assert.Contains(subId, accounts);
        Assert.Contains(otherSubId, accounts);
        Assert.Equal(["theirs@tenant.test"], ConsoleClient.Emails((await key.Get($"/console/accounts/{subId}/users?q=theirs")).Html));
        _ = otherOwner;
    }

    [Fact]
    public async Task ActionsTakeTheApisRulesAndRecordTheirEvents()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        var user = await api.CreateUser("sam@example.com", type: 2);
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var userPath = $"/console/accounts/{accountId}/users/{user}";

        // a setting changed in a section form is seen by the API, and recorded as the API's change would be
        var before = (await api.Get($"/v2/users/{user}/settings")).Json;
        var joinBeforeHost = before["schedule_meeting"]!["join_before_host"]!.GetValue<bool>();
        var form = SectionForm((await console.Get(userPath)).Html, "meeting-schedule-meeting");
        if (joinBeforeHost) form.Remove("schedule_meeting.join_before_host"); else form["schedule_meeting.join_before_host"] = "true";
        form["schedule_meeting.audio_type"] = "telephony";
        var saved = await console.Post($"{userPath}/settings/meeting-schedule-meeting", form);
        Assert.True(saved.Status == HttpStatusCode.SeeOther, saved.Html);
        var after = (await api.Get($"/v2/users/{user}/settings")).Json;
        Assert.Equal(!joinBeforeHost, after["schedule_meeting"]!["join_before_host"]!.GetValue<bool>());
        Assert.Equal("telephony", after["schedule_meeting"]!["audio_type"]!.GetValue<string>());
        var changed = await LastEvent(api, e => e["event"]!.GetValue<string>() == "user.settings_updated");
        Assert.Equal(ConsoleAccess.ClientId, changed["operator_client_id"]!.GetValue<string>()); // recorded as the console's doing
        var settingsChanged = changed["payload"]!["object"]!["schedule_meeting"]!.AsObject();
        Assert.Equal(["audio_type", "join_before_host"], settingsChanged.Select(p => p.Key).Order().ToArray()); // only what the form changed

        // a value the API refuses is refused here with its message, and changes nothing
        form = SectionForm((await console.Get(userPath)).Html, "meeting-schedule-meeting");
        form["schedule_meeting.audio_type"] = "pigeon";
        var bad = await console.Post($"{userPath}/settings/meeting-schedule-meeting", form);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Validation Failed.", bad.Html);
        Assert.Equal("telephony", (await api.Get($"/v2/users/{user}/settings")).Json["schedule_meeting"]!["audio_type"]!.GetValue<string>());

        // type, status, delete: as the API does them
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{userPath}/type", new() { ["type"] = "1" })).Status);
        Assert.Equal(1, (await api.Get($"/v2/users/{user}")).Json["type"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{userPath}/status", new() { ["action"] = "deactivate" })).Status);
        Assert.Equal("inactive", (await api.Get($"/v2/users/{user}")).Json["status"]!.GetValue<string>());
        var owner = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        var ownerRefused = await console.Post($"/console/accounts/{accountId}/users/{owner}/status", new() { ["action"] = "deactivate" });
        Assert.Equal(HttpStatusCode.BadRequest, ownerRefused.Status); // the API's rule: the owner cannot be deactivated
        Assert.Equal("active", (await api.Get($"/v2/users/{owner}")).Json["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{userPath}/delete", new() { ["action"] = "delete" })).Status);
        (await api.Get($"/v2/users/{user}")).IsError(404, 1001);
        var deleted = await LastEvent(api, e => e["event"]!.GetValue<string>() == "user.deleted");
        Assert.Equal(user, deleted["payload"]!["object"]!["id"]!.GetValue<string>());

        // an invitation: the same rules as POST /users (a taken e-mail is 409), and its link shown once
        var taken = await console.Post($"/console/accounts/{accountId}/users", new() { ["action"] = "create", ["email"] = "owner@example.com", ["type"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        var invited = await console.Post($"/console/accounts/{accountId}/users", new() { ["action"] = "create", ["email"] = "new@example.com", ["first_name"] = "New", ["type"] = "1" });
        Assert.Equal(HttpStatusCode.Created, invited.Status);
        var link = WebUtility.HtmlDecode(Regex.Match(invited.Html, "id=\"invitation\"[^>]* value=\"([^\"]+)\"").Groups[1].Value);
        var listed = (await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single(i => i!["email"]!.GetValue<string>() == "new@example.com")!;
        Assert.Equal(new Uri(listed["link"]!.GetValue<string>()).PathAndQuery, new Uri(link).PathAndQuery);
    }

    /// <summary>
    /// The last event that matches, once it is readable (on PostgreSQL an event shows once every older transaction of the
    /// cluster has ended; parallel tests keep some open).
    /// </summary>
    static async Task<JsonNode> LastEvent(Api api, Func<JsonNode, bool> which)
    {
        for (var i = 0; ; i++)
        {
            var found = (await api.Get("/roster/v1/events?page_size=300")).Json["events"]!.AsArray().LastOrDefault(e => which(e!));
            if (found is not null) return found;
            Assert.True(i < 100, "the event never showed");
            await Task.Delay(100);
        }
    }

    /// <summary>The fields a browser would send for one settings section as the page shows it (ticked boxes, selected options, inputs).</summary>
    internal static Dictionary<string, string> SectionForm(string html, string section)
    {
        var start = html.IndexOf($"<details id=\"{section}\"", StringComparison.Ordinal);
        var body = html[start..html.IndexOf("</details>", start, StringComparison.Ordinal)];
        var form = new Dictionary<string, string>();
        foreach (Match input in Regex.Matches(body, "<input [^>]*>"))
        {
            var tag = input.Value;
            var name = Regex.Match(tag, "name=\"([^\"]+)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(Regex.Match(tag, "value=\"([^\"]*)\"").Groups[1].Value);
            if (name is "" or "__csrf") continue;
            if (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !Regex.IsMatch(tag, "\\schecked[\\s>/]")) continue;
            form[name] = value;
        }
        foreach (Match select in Regex.Matches(body, "<select id=\"[^\"]+\" name=\"([^\"]+)\">(.*?)</select>", RegexOptions.Singleline))
        {
            var chosen = Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected");
            form[select.Groups[1].Value] = WebUtility.HtmlDecode(chosen.Success ? chosen.Groups[1].Value : Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\"").Groups[1].Value);
        }
        return form;
    }

    [Fact]
    public async Task TheUserListSearchesFiltersAndPagesByKeyset()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var made = new List<(string Email, int Type)>();
        for (var i = 0; i < 24; i++)
        {
            var email = $"p{i:00}@example.com";
            var type = i % 3 == 0 ? 2 : 1;
            (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email, type, first_name = i % 4 == 0 ? "Zelda" : "Pat", last_name = i == 5 ? "Quill" : "Doe" } }))
                .Is(HttpStatusCode.Created);
            made.Add((email, type));
        }
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        var browse = app.Services.GetRequiredService<ConsoleUsers>();
        var caller = new Domain.Auth.Caller(accountId, "", "test", Domain.Auth.Operations.AllAdminScopes.ToHashSet());

        async Task<List<string>> All(UserBrowseQuery q)
        {
            var emails = new List<string>();
            for (var after = 0L; ;)
            {
                var page = await browse.BrowseAsync(caller, q with { After = after, PageSize = 5 });
                Assert.True(page.Users.Count <= 5);
                emails.AddRange(page.Users.Select(u => u.Email));
                if (page.NextAfter is not { } next) return emails;
                after = next;
            }
        }

        // every active user once, in creation order, across pages of 5
        Assert.Equal(["owner@example.com", .. made.Select(m => m.Email)], await All(new UserBrowseQuery()));
        // by e-mail prefix, first name, last name (any case); filters by type and role
        Assert.Equal(made.Where(m => m.Email.StartsWith("p1", StringComparison.Ordinal)).Select(m => m.Email), await All(new UserBrowseQuery(Search: "P1")));
        Assert.Equal(made.Where((m, i) => i % 4 == 0).Select(m => m.Email), await All(new UserBrowseQuery(Search: "zel")));
        Assert.Equal(["p05@example.com"], await All(new UserBrowseQuery(Search: "quill")));
        Assert.Equal(made.Where(m => m.Type == 2).Select(m => m.Email).Prepend("owner@example.com"), await All(new UserBrowseQuery(Type: 2)));
        Assert.Equal(made.Where((m, i) => m.Type == 2 && i % 4 == 0).Select(m => m.Email), await All(new UserBrowseQuery(Type: 2, Search: "zelda")));
        Assert.Equal(["owner@example.com"], await All(new UserBrowseQuery(RoleId: "0")));
        Assert.Empty(await All(new UserBrowseQuery(Status: "pending")));
        Assert.Empty(await All(new UserBrowseQuery(Search: "p1%")));   // no wildcards: a search is literal
        Assert.Empty(await All(new UserBrowseQuery(Search: "@example"))); // the start of the e-mail, not any part

        // a search that many match walks the list in order instead of collecting them: the same answers either way
        // (a second server, side by side, has the switch lowered: 600 index entries are walked there, collected here)
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var bulk = Enumerable.Range(0, 300).Select(i => new { email = $"bulk{i:0000}@example.com", first_name = "Bulk", last_name = $"N{i}" }).ToArray();
        (await sandbox.Post("/roster/v1/sandbox/seed", new { users = bulk })).Is(HttpStatusCode.Created);
        await using (var walker = new RosterApp(settings: new Dictionary<string, string> { ["StoreTuning:BrowseCandidates"] = "200" }))
        {
            using var walkerSandbox = walker.ApiWith(SandboxTests.AdminKey(walker));
            (await walkerSandbox.Post("/roster/v1/sandbox/seed", new { users = bulk })).Is(HttpStatusCode.Created);
            var walked = new List<string>();
            for (var after = 0L; ;)
            {
                var page = await walker.Services.GetRequiredService<ConsoleUsers>().BrowseAsync(caller, new UserBrowseQuery(Search: "bulk", After: after, PageSize: 5));
                walked.AddRange(page.Users.Select(u => u.Email));
                if (page.NextAfter is not { } next) break;
                after = next;
            }
            Assert.Equal(bulk.Select(b => b.email), walked);
        }
        Assert.Equal(bulk.Select(b => b.email), await All(new UserBrowseQuery(Search: "bulk")));          // collected
        Assert.Equal(bulk.Where(b => b.email.StartsWith("bulk004", StringComparison.Ordinal)).Select(b => b.email),
            await All(new UserBrowseQuery(Search: "bulk004")));                                            // 10: collected
        Assert.Equal(made.Where((m, i) => i % 4 == 0).Select(m => m.Email), await All(new UserBrowseQuery(Search: "zel")));

        // a user of another account is never listed, whatever the search
        var (sub, _, _) = await app.SubAccountAsync(api, "p99boss@tenant.test");
        await sub.CreateUser("p1x@tenant.test");
        Assert.DoesNotContain("p1x@tenant.test", await All(new UserBrowseQuery(Search: "p1")));

        // the same statement text as the API's list, bound to other arguments, on one connection (its prepared statements are kept per text and shape)
        var store = app.Services.GetRequiredService<Domain.Abstractions.IRosterStore>();
        var (listed, browsed) = await store.ReadAsync(async s => (await s.ListUsersAsync(accountId, "active", null, 0, 3), await s.BrowseUsersAsync(accountId, "active", null, null, null, 0, 3)));
        Assert.Equal(listed.Select(u => u.Id), browsed.Select(u => u.Id));

        // bad queries: a field error, over HTTP a 400 page that names the field
        await Assert.ThrowsAsync<Domain.Errors.ZoomException>(() => browse.BrowseAsync(caller, new UserBrowseQuery(Status: "gone")));
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var page1 = await console.Get($"/console/accounts/{accountId}/users?status=active&q=p");
        Assert.Equal(made.Take(24).Select(m => m.Email), ConsoleClient.Emails(page1.Html));
        var bad = await console.Get($"/console/accounts/{accountId}/users?type=x&status=gone");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("type: Not a number.", bad.Html);
    }

    [Fact]
    public async Task TheActivityPageStreamsEventsAndShowsAndRedeliversDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App();
        using var api = await app.ApiAsync();
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        await WebhooksTests.Subscribe(api, receiver.Url, ["user.created"]);
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));

        // live: the stream opens at now, and an event committed after comes through, unnamed, as the API's list shows it
        using var stream = await console.Http.GetAsync($"/console/accounts/{accountId}/activity/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await api.CreateUser("live@example.com");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync(wait.Token) ?? throw new InvalidOperationException("the stream ended");
            Assert.False(line.StartsWith("event:", StringComparison.Ordinal));
            if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
        }
        var live = JsonNode.Parse(data)!;
        Assert.Equal("user.created", live["event"]!.GetValue<string>());
        Assert.Equal("live@example.com", live["payload"]!["object"]!["email"]!.GetValue<string>());

        // the page: the event with its payload, and its delivery once sent; a redelivery sends it again
        await receiver.AtLeast(1, r => r.Event == "user.created");
        JsonNode? delivery = null;
        for (var i = 0; i < 300 && delivery?["state"]?.GetValue<string>() != "delivered"; i++)
        {
            await Task.Delay(100);
            delivery = (await api.Get("/roster/v1/webhooks/deliveries")).Json["deliveries"]!.AsArray().SingleOrDefault();
        }
        Assert.Equal("delivered", delivery!["state"]!.GetValue<string>());
        var page = await console.Get($"/console/accounts/{accountId}/activity");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("script-src 'self'", page.Response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<strong>user.created</strong>", page.Html);
        Assert.Contains(WebUtility.HtmlEncode("live@example.com"), page.Html);
        Assert.Contains(WebUtility.HtmlEncode(receiver.Url), page.Html);
        var eventId = Regex.Match(page.Html, "<li data-event=\"([^\"]+)\">").Groups[1].Value; // the newest: live@example.com's creation
        var underEvent = page.Html[page.Html.IndexOf($"<li data-event=\"{eventId}\">", StringComparison.Ordinal)..];
        Assert.StartsWith($"<li data-event=\"{eventId}\">", underEvent);
        Assert.Contains($"data-delivery=\"{delivery["id"]!.GetValue<string>()}\"", underEvent[..underEvent.IndexOf("</li>", StringComparison.Ordinal)]);
        var id = delivery["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"/console/accounts/{accountId}/activity/deliveries/{id}/redeliver")).Status);
        await receiver.AtLeast(2, r => r.Event == "user.created");
        Assert.Equal(HttpStatusCode.NotFound, (await console.Post($"/console/accounts/{accountId}/activity/deliveries/no-such-delivery/redeliver")).Status);

        // the history: newest first, 50 a page, older ones after, each event once (as the API lists them, reversed)
        for (var i = 0; i < 60; i++) await api.CreateUser($"many{i:00}@example.com");
        await LastEvent(api, e => e["payload"]?["object"]?["email"]?.GetValue<string>() == "many59@example.com");
        var apiOrder = (await api.Get("/roster/v1/events?page_size=300")).Json["events"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).Reverse().ToList();
        var shownOrder = new List<string>();
        for (var next = $"/console/accounts/{accountId}/activity"; ;)
        {
            var history = (await console.Get(next)).Html;
            shownOrder.AddRange(Regex.Matches(history, "<li data-event=\"([^\"]+)\">").Select(m => m.Groups[1].Value));
            var older = Regex.Match(history, "<a href=\"([^\"]+)\" rel=\"next\">Older events</a>");
            if (!older.Success) break;
            next = WebUtility.HtmlDecode(older.Groups[1].Value);
        }
        Assert.Equal(apiOrder, shownOrder);
        Assert.True(shownOrder.Count > 50);

        // another account's stream and page are absent to a sub account's owner; its own page opens, with the owner's role
        var (_, subId, subOwner) = await app.SubAccountAsync(api, "boss@tenant.test");
        using var owner = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await owner.SignInWithPassword(subOwner, "Secur3Pass!x")).StatusCode);
        var ownPage = await owner.Get($"/console/accounts/{subId}/activity");
        Assert.True(ownPage.Status == HttpStatusCode.OK, ownPage.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Get($"/console/accounts/{accountId}/activity")).Status);
        using var across = await owner.Http.GetAsync($"/console/accounts/{accountId}/activity/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NotFound, across.StatusCode);
    }

    [Fact]
    public async Task AUsersPageManagesAssistantsSchedulersTokensAndPicture()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        var boss = await api.CreateUser("boss@example.com", type: 2);
        var helper = await api.CreateUser("helper@example.com", type: 2);
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var bossPage = $"/console/accounts/{accountId}/users/{boss}";
        var helperPage = $"/console/accounts/{accountId}/users/{helper}";

        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{bossPage}/assistants", new() { ["email"] = "helper@example.com" })).Status);
        Assert.Equal(["helper@example.com"], (await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray().Select(a => a!["email"]!.GetValue<string>()));
        Assert.Contains("Remove assistant helper@example.com", (await console.Get(bossPage)).Html);
        Assert.Contains("Remove scheduler boss@example.com", (await console.Get(helperPage)).Html); // the other side
        var unknown = await console.Post($"{bossPage}/assistants", new() { ["email"] = "nobody@elsewhere.test" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status); // the API's rule, its message on the page
        Assert.Contains("role=\"alert\"", unknown.Html);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{helperPage}/schedulers/{boss}/delete")).Status);
        Assert.Empty((await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray());
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{bossPage}/assistants", new() { ["email"] = "helper@example.com" })).Status);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{bossPage}/assistants/{helper}/delete")).Status);
        Assert.Empty((await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray());

        // tokens issued before a revoke are refused after it
        var zak = (await api.Get($"/v2/users/{boss}/token?type=zak")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        Assert.True((await api.Post("/roster/v1/tokens/verify", new { token = zak })).Json["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{bossPage}/tokens/revoke")).Status);
        Assert.False((await api.Post("/roster/v1/tokens/verify", new { token = zak })).Json["active"]!.GetValue<bool>());

        // a picture uploaded here is the API's picture (checked by content as the API checks it), shown from its public link, and deleted
        async Task<HttpStatusCode> UploadHere(byte[] bytes) => (await console.PostFile($"{bossPage}/picture", "pic_file", "me.png", bytes)).Status;
        Assert.Equal(HttpStatusCode.BadRequest, await UploadHere("not a picture"u8.ToArray()));
        Assert.Equal("", (await api.Get($"/v2/users/{boss}")).Json["pic_url"]?.GetValue<string>() ?? "");
        Assert.Equal(HttpStatusCode.SeeOther, await UploadHere(TokenPictureTests.Png));
        var picUrl = new Uri((await api.Get($"/v2/users/{boss}")).Json["pic_url"]!.GetValue<string>()).AbsolutePath;
        Assert.Contains($"src=\"{picUrl}\"", (await console.Get(bossPage)).Html);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{bossPage}/picture/delete")).Status);
        Assert.Equal("", (await api.Get($"/v2/users/{boss}")).Json["pic_url"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task TheMastersOwnerOrTheKeyCreatesSubAccountsUnderTheApisRules()
    {
        await using var app = new RosterApp();
        await SeedPeople(app);
        using var api = await app.ApiAsync();
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var form = new Dictionary<string, string>
        {
            ["account_name"] = "Tenant", ["email"] = "boss@tenant.test", ["first_name"] = "Bo", ["last_name"] = "Ss", ["password"] = "Secur3Pass!x",
            ["plan"] = "pro", ["seats"] = "3", ["managed_domains"] = "tenant.test",
        };
        Assert.Contains("Create a sub account", (await console.Get("/console/accounts")).Html);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/accounts", form)).Status);
        var sub = (await api.Get("/v2/accounts")).Json["accounts"]!.AsArray().Single()!;
        Assert.Equal("Tenant", sub["account_name"]!.GetValue<string>());
        var accounts = (await console.Get("/console/accounts")).Html;
        Assert.Contains("Tenant", accounts);
        var seats = Regex.Match(accounts, $"data-seats=\"{sub["id"]!.GetValue<string>()}\">(\\d+) / (\\d+)<");
        using var subApi = await app.AppAsync(api, sub["id"]!.GetValue<string>(), null);
        var summary = (await subApi.Get("/v2/users/summary")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(summary["licensed_users_count"]!.GetValue<long>(), long.Parse(seats.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)); // used
        Assert.Equal(3, int.Parse(seats.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)); // of the seats asked for

        // the API's rules and messages: a taken owner e-mail, a bad plan; nothing is created
        var again = await console.Post("/console/accounts", form);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("value=\"Tenant\"", again.Html); // the form is kept
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/accounts", new(form) { ["email"] = "b2@tenant.test", ["plan"] = "gold" })).Status);
        Assert.Single((await api.Get("/v2/accounts")).Json["accounts"]!.AsArray());

        // an admin (no Sub_Account:Edit in Zoom's admin role) and a sub account's owner may not
        using var admin = new ConsoleClient(app);
        await admin.SignInWithPassword("ada@example.com", AdminPassword);
        Assert.DoesNotContain("Create a sub account", (await admin.Get("/console/accounts")).Html);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Post("/console/accounts", new(form) { ["email"] = "b3@tenant.test" })).Status);
        using var subOwner = new ConsoleClient(app);
        await subOwner.SignInWithPassword("boss@tenant.test", "Secur3Pass!x");
        Assert.DoesNotContain("Create a sub account", (await subOwner.Get("/console/accounts")).Html);
        Assert.Equal(HttpStatusCode.BadRequest, (await subOwner.Post("/console/accounts", new(form) { ["email"] = "b4@tenant.test" })).Status);
        Assert.Single((await api.Get("/v2/accounts")).Json["accounts"]!.AsArray());
    }

    static async Task<(HttpStatusCode Status, string Html, string? Location)> Upload(ConsoleClient console, string path, string csv, string action = "custCreate")
    {
        var (status, html, response) = await console.PostFile(path, "file", "users.csv", System.Text.Encoding.UTF8.GetBytes(csv), new() { ["action"] = action });
        return (status, html, ConsoleClient.Location(response));
    }

    static int Count(string html, string name)
        => int.Parse(Regex.Match(html, $"data-{name}=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ACsvImportAddsItsRowsUnderTheApisRulesAndShowsItsProgress()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var imports = $"/console/accounts/{accountId}/imports";

        var csv = new System.Text.StringBuilder("Email,First_Name,last_name,type\n");
        for (var i = 0; i < 150; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"row{i:000}@import.test,Row,\"Number {i}, imported\",{(i % 2) + 1}\n");
        csv.Append("not-an-email,Bad,Row,1\n").Append("owner@example.com,Taken,Row,1\n").Append("typo@import.test,Bad,Type,7\n");
        var started = await Upload(console, imports, csv.ToString());
        Assert.Equal(HttpStatusCode.SeeOther, started.Status);
        string page;
        var wait = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(100);
            var progress = await console.Get(started.Location!);
            Assert.Equal(HttpStatusCode.OK, progress.Status);
            page = progress.Html;
        }
        while (!page.Contains("data-finished=\"true\"", StringComparison.Ordinal) && wait.Elapsed < TimeSpan.FromSeconds(90));
        Assert.Contains("data-finished=\"true\"", page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page); // it stops following once done
        Assert.Equal(153, Count(page, "total"));
        Assert.Equal(153, Count(page, "done"));
        Assert.Equal(150, Count(page, "created"));
        Assert.Equal(3, Count(page, "failed"));
        // each refusal on its line of the file (the header is line 1), with the API's code and reason
        var refusals = Regex.Matches(page, "<tr><td class=\"num\">(\\d+)</td><td>([^<]*)</td><td>(\\d+): [^<]*</td></tr>")
            .ToDictionary(m => m.Groups[2].Value, m => (Line: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                Code: int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((152, 300), refusals["not-an-email"]);
        Assert.Equal((153, 1005), refusals["owner@example.com"]);
        Assert.Equal(154, refusals["typo@import.test"].Line);
        Assert.Equal(151, (await api.Get("/v2/users?page_size=1")).Json["total_records"]!.GetValue<int>());
        var row7 = (await api.Get("/v2/users/row007@import.test")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Number 7, imported", row7["last_name"]!.GetValue<string>());
        Assert.Equal(2, row7["type"]!.GetValue<int>());

        // a file refused whole adds nothing: no e-mail column, an unknown column, no rows
        foreach (var bad in new[] { "name,type\nx,1\n", "email,shoe_size\nz@import.test,44\n", "email\n", "" })
        {
            var refused = await Upload(console, imports, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("role=\"alert\"", refused.Html);
        }
        Assert.Equal(151, (await api.Get("/v2/users?page_size=1")).Json["total_records"]!.GetValue<int>());

        // the import is its account's: a sub account's owner finds it absent, under either account's path
        var (_, subId, subOwner) = await app.SubAccountAsync(api, "boss@tenant.test");
        using var other = new ConsoleClient(app);
        await other.SignInWithPassword(subOwner, "Secur3Pass!x");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Get(started.Location!)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Get(started.Location!.Replace(accountId, subId, StringComparison.Ordinal))).Status);
    }

    static string Input(string html, string id) => WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\"[^>]* value=\"([^\"]+)\"").Groups[1].Value);

    static async Task<HttpStatusCode> TokenStatus(RosterApp app, string clientId, string secret)
    {
        using var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = RosterApp.AccountId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task AppsAreCreatedUnderTheApisRulesAndTheirSecretsShownOnceAndRotated()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var apps = $"/console/accounts/{accountId}/apps";

        var created = await console.Post(apps, new() { ["name"] = "Reporter", ["type"] = "s2s", ["scopes"] = "user:read:admin" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var (clientId, secret) = (Input(created.Html, "client-id"), Input(created.Html, "client-secret"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatus(app, clientId, secret));
        using var reporter = app.ApiWith(await app.TokenAsync(clientId, secret));
        (await reporter.Get("/v2/users")).Is(HttpStatusCode.OK);
        (await reporter.Post("/v2/users", new { action = "custCreate", user_info = new { email = "x@example.com", type = 1 } })).IsError(400, 4711); // read only
        var listed = (await console.Get(apps)).Html;
        Assert.Contains(clientId, listed);
        Assert.DoesNotContain(secret, listed); // shown once

        var rotated = await console.Post($"{apps}/{clientId}/rotate");
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newSecret = Input(rotated.Html, "client-secret");
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatus(app, clientId, secret));
        Assert.Equal(HttpStatusCode.OK, await TokenStatus(app, clientId, newSecret));
        await LastEvent(api, e => e["event"]!.GetValue<string>() == "app.secret_rotated" && e["subject_id"]!.GetValue<string>() == clientId);

        // the API's rules, with its messages: unknown scopes, a user-level app without a redirect URI
        var unknown = await console.Post(apps, new() { ["type"] = "s2s", ["scopes"] = "nope:scope" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("scopes", unknown.Html);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post(apps, new() { ["type"] = "user" })).Status);
        var userApp = await console.Post(apps, new() { ["type"] = "user", ["name"] = "Scheduler", ["redirect_uris"] = "https://acme.test/callback" });
        Assert.Equal(HttpStatusCode.Created, userApp.Status);
        Assert.Contains("user:read user:write", userApp.Html);

        // another account's app is not found here; another account's owner finds no apps page of this account
        var (sub, subId, subOwner) = await app.SubAccountAsync(api, "boss@tenant.test");
        var subApp = (await api.Post("/roster/v1/apps", new { account_id = subId })).Is(HttpStatusCode.Created).Json["client_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await console.Post($"{apps}/{subApp}/rotate")).Status);
        using var owner = new ConsoleClient(app);
        await owner.SignInWithPassword(subOwner, "Secur3Pass!x");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Get(apps)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Post($"{apps}/{clientId}/rotate")).Status);
        Assert.Equal(HttpStatusCode.OK, await TokenStatus(app, clientId, newSecret));
        Assert.Contains(subApp, (await owner.Get($"/console/accounts/{subId}/apps")).Html);
        _ = sub;
    }

    [Fact]
    public async Task FaultRulesAndTheJournalAreTheKeyHoldersAlone()
    {
        await using var app = new RosterApp();
        await SeedPeople(app);
        using var api = await app.ApiAsync();
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));

        // a rule added here answers the API's next matching call, once
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/sandbox/faults",
            new() { ["fault"] = "server_error", ["method"] = "get", ["path"] = "/v2/users/me", ["times"] = "1" })).Status);
        (await api.Get("/v2/users/me")).IsError(500, 500);
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        var page = await console.Get("/console/sandbox/traffic");
        var rule = Regex.Match(page.Html, "Delete fault rule (flt_[A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(rule);
        Assert.Contains("spent", page.Html);

        // the journal, filtered: the faulted call alone; no console request is in it
        var faulted = await console.Get("/console/sandbox/traffic?faulted=true&path=" + Uri.EscapeDataString("/v2/users/*"));
        Assert.Single(Regex.Matches(faulted.Html, "<strong>GET /v2/users/me</strong>"));
        Assert.Contains($"fault {rule}", faulted.Html);
        var all = await console.Get("/console/sandbox/traffic");
        Assert.Equal(2, Regex.Count(all.Html, "<strong>GET /v2/users/me</strong>"));
        Assert.DoesNotContain("<strong>GET /console", all.Html);
        Assert.DoesNotContain("<strong>POST /console", all.Html);

        // the API's checks, with its messages; a bad filter is a 400 page that names it
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/sandbox/faults", new() { ["fault"] = "meteor" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/sandbox/faults", new() { ["fault"] = "delay", ["delay_ms"] = "-5" })).Status);
        var badFilter = await console.Get("/console/sandbox/traffic?status=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.Status);
        Assert.Contains("status", badFilter.Html);

        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"/console/sandbox/faults/{rule}/delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await console.Post($"/console/sandbox/faults/{rule}/delete")).Status);
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/faults")).Json["faults"]!.AsArray());

        // every field the API takes: an error of one's choosing from the second matching call on, for one call
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/sandbox/faults", new()
        {
            ["fault"] = "error", ["operation"] = "user", ["path"] = "/v2/users/*", ["account_id"] = RosterApp.AccountId, ["status"] = "418", ["code"] = "9999",
            ["message"] = "I'm a teapot", ["nth"] = "2", ["probability"] = "1.0", ["seed"] = "7", ["times"] = "1", ["ttl_seconds"] = "600",
        })).Status);
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        Assert.Equal("I'm a teapot", (await api.Get("/v2/users/me")).IsError(418, 9999).Json["message"]!.GetValue<string>());
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/sandbox/faults", new() { ["fault"] = "drop", ["probability"] = "1.5" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/sandbox/faults", new() { ["fault"] = "drop", ["ttl_seconds"] = "0" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.Delete("/roster/v1/sandbox/faults")).Status);

        // an owner or admin finds none of it
        using var admin = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await admin.SignInWithPassword("ada@example.com", AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get("/console/sandbox/traffic")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Post("/console/sandbox/faults", new() { ["fault"] = "drop" })).Status);
        Assert.Empty((await sandbox.Get("/roster/v1/sandbox/faults")).Json["faults"]!.AsArray());
    }

    [Fact]
    public async Task TheSandboxPageResetsSavesRestoresAndMovesTheClock()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        await api.CreateUser("before@example.com");
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/sandbox/snapshots", new() { ["name"] = "one" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/sandbox/snapshots", new() { ["name"] = "no spaces/here" })).Status);
        await api.CreateUser("after@example.com");
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/sandbox/snapshots/one/restore")).Status);
        (await api.Get("/v2/users/before@example.com")).Is(HttpStatusCode.OK);
        (await api.Get("/v2/users/after@example.com")).IsError(404, 1001);

        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var clockBefore = DateTimeOffset.Parse((await sandbox.Get("/roster/v1/sandbox/clock")).Json["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/sandbox/clock", new() { ["action"] = "advance", ["amount"] = "2", ["unit"] = "days" })).Status);
        var clockAfter = DateTimeOffset.Parse((await sandbox.Get("/roster/v1/sandbox/clock")).Json["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(clockAfter - clockBefore, TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await console.Post("/console/sandbox/clock", new() { ["action"] = "advance", ["amount"] = "99999999", ["unit"] = "days" })).Status);
        // the session outlives a move of the virtual clock (sessions run on real time)
        Assert.Equal(HttpStatusCode.OK, (await console.Get("/console/sandbox")).Status);

        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post("/console/sandbox/reset")).Status);
        (await api.Get("/v2/users/before@example.com")).IsError(404, 1001);
        Assert.Equal(HttpStatusCode.OK, (await console.Get("/console/sandbox")).Status); // the key's session survives the reset
    }
}
