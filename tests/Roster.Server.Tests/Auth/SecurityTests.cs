using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Server.Tests;

/// <summary>Who may call Roster's own endpoints, what an app may be given, and how the password pages defend themselves.</summary>
public class SecurityTests
{
    const string Redirect = "https://app.example.test/callback";

    /// <summary>Every /roster/v1 call, with a body it accepts, and the scope that allows it.</summary>
    public static readonly (string Op, string Method, string Path, object? Body, string Scope)[] RosterCalls =
    [
        ("rosterInvitations", "GET", "/roster/v1/invitations", null, "user:write:admin"),
        ("rosterCreateApp", "POST", "/roster/v1/apps", new { scopes = new[] { "user:write:admin" } }, "user:write:admin"),
        ("rosterVerifyToken", "POST", "/roster/v1/tokens/verify", new { token = "x" }, "user:read:admin"),
        ("rosterEvents", "GET", "/roster/v1/events", null, "user:read:admin"),
        ("rosterEventsStream", "GET", "/roster/v1/events/stream?timeout=0", null, "user:read:admin"),
        // the app's own token, whatever its scopes (Zoom grants every app the event-subscription scopes)
        ("rosterWebhookSecretToken", "POST", "/roster/v1/webhooks/secret_token", null, "marketplace:update:event_subscription"),
        ("rosterWebhookDeliveries", "GET", "/roster/v1/webhooks/deliveries", null, "user:read:admin"),
        ("rosterWebhookRedeliverOne", "POST", "/roster/v1/webhooks/deliveries/no-such-delivery/redeliver", null, "user:write:admin"),
        ("rosterWebhookRedeliver", "POST", "/roster/v1/webhooks/redeliver", new { from = "2000-01-01T00:00:00Z" }, "user:write:admin"),
    ];

    static Task<Reply> Call(Api api, (string Op, string Method, string Path, object? Body, string Scope) c)
        => api.Send(new HttpMethod(c.Method), c.Path, c.Body);

    /// <summary>A user-level token of the account's owner (consent page), holding the given user scopes.</summary>
    static async Task<string> OwnerUserToken(RosterApp app, Api admin, string[] scopes)
    {
        var owner = (await admin.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await admin.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw" })).Is(HttpStatusCode.NoContent);
        return await OAuthFlow.UserTokenAsync(app, admin, "owner@example.com", "0wnerPassw", scopes);
    }

    [Fact]
    public async Task EveryRosterCallHasItsRule()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        using var anonymous = app.ApiWith("");
        using var garbage = app.ApiWith("not-a-token");
        using var readOnly = await app.AppAsync(admin, null, ["account:read:admin"]);
        using var ownerUserLevel = app.ApiWith(await OwnerUserToken(app, admin, ["user:read", "user:write"]));
        foreach (var c in RosterCalls)
        {
            (await Call(anonymous, c)).IsError(401, 124);
            (await Call(garbage, c)).IsError(401, 124);
            var everyApp = Domain.Auth.Operations.EventSubscriptionScopes.Contains(c.Scope);
            if (!everyApp) (await Call(readOnly, c)).IsError(400, 4711);
            (await Call(ownerUserLevel, c)).IsError(400, 4711);
            using var own = everyApp ? null : await app.AppAsync(admin, null, [c.Scope]);
            var allowed = await Call(own ?? readOnly, c);
            if (c.Op == "rosterWebhookRedeliverOne") allowed.IsError(404, 3001); // past the rule: the delivery does not exist
            else Assert.True((int)allowed.Status is >= 200 and < 300, $"{c.Op} with {c.Scope}: {allowed.Body}");
        }
    }

    [Fact]
    public async Task EveryRosterEndpointIsInTheMatrix()
    {
        await using var app = new RosterApp();
        var sources = app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>();
        var names = sources.SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/roster/v1", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!).ToHashSet();
        Assert.Equal(RosterCalls.Select(c => c.Op).Concat(SandboxTests.SandboxCalls.Select(c => c.Op)).ToHashSet(), names);
    }

    /// <summary>
    /// The pages anyone may open without a credential, because they hold no data: the root page (links only) and the
    /// health probes. Every other route is an API operation (AuthMatrixTests), a /roster/v1 call (above), the console
    /// (ConsoleTests), OAuth, the invitation page, the API reference, or a profile picture (<c>/p/{id}</c>: public by its
    /// unguessable id, as Zoom's <c>pic_url</c>; TokenPictureTests), or the opt-in <c>/metrics</c> (on here; its rule in
    /// AuthMatrixTests.TheMetricsEndpointIsOffByDefaultThenLoopbackOnlyOrKeyOnly).
    /// </summary>
    static readonly string[] PublicPages = ["/", "/healthz", "/readyz"];

    [Fact]
    public async Task EveryRouteIsInAMatrixAndThePublicOnesHoldNoData()
    {
        await using var app = new RosterApp(settings: new Dictionary<string, string> { ["Metrics:Prometheus"] = "true" });
        var others = app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>().SelectMany(s => s.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Domain.Auth.Operation>() is null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !new[] { "/roster/v1/", "/console", "/oauth/", "/openapi/", "/docs", "/invitations", "/p/", "/metrics" }.Any(p => r.StartsWith(p, StringComparison.Ordinal)))
            .ToHashSet();
        Assert.Equal(PublicPages.Order(), others.Order());

        using var http = app.CreateClient();
        foreach (var open in PublicPages) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(open)).StatusCode);
        // the root page: for a browser a small page, else a JSON object, both of links alone
        var html = new HttpRequestMessage(HttpMethod.Get, "/");
        html.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var page = await http.SendAsync(html);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        var body = await page.Content.ReadAsStringAsync();
        foreach (var link in new[] { "/docs", "/console", "/healthz", "/readyz" }) Assert.Contains($"href=\"{link}\"", body);
        using var json = await http.GetAsync("/");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var links = JsonNode.Parse(await json.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(("/docs", "/console", "/healthz", "/readyz", "/v2"), (links["docs"]!.GetValue<string>(), links["console"]!.GetValue<string>(),
            links["healthz"]!.GetValue<string>(), links["readyz"]!.GetValue<string>(), links["api"]!.GetValue<string>()));
        foreach (var secret in new[] { RosterApp.AccountId, RosterApp.ClientId, "owner@example.com" })
        {
            Assert.DoesNotContain(secret, body);
            Assert.DoesNotContain(secret, links.ToJsonString());
        }
        // only GET: the root is no API, and other methods get Zoom's error shape
        using var anonymous = app.ApiWith("");
        (await anonymous.Post("/", new { })).IsError(405, 405);
    }

    [Fact]
    public async Task AnAppNeverGetsMoreThanItsCreatorHolds()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        using var reader = await app.AppAsync(master, null, ["user:read:admin"]);
        (await reader.Post("/roster/v1/apps", new { })).IsError(400, 4711);
        (await reader.Post("/roster/v1/apps", new { scopes = new[] { "user:write:admin" } })).IsError(400, 4711);

        using var writerToken = await app.AppAsync(master, null, ["user:write:admin"]);
        var minted = (await writerToken.Post("/roster/v1/apps", new { })).Is(HttpStatusCode.Created).Json;
        Assert.Equal("user:write:admin", minted["scope"]!.GetValue<string>());
        var beyond = (await writerToken.Post("/roster/v1/apps", new { scopes = new[] { "user:write:admin", "account:master", "user:read:admin" } })).IsError(400, 4711);
        Assert.Contains("account:master", beyond.Json["message"]!.GetValue<string>());
        // the same power under another name is within: a granular admin scope, or the user-level form
        (await writerToken.Post("/roster/v1/apps", new { scopes = new[] { "user:update:user:admin" } })).Is(HttpStatusCode.Created);
        (await writerToken.Post("/roster/v1/apps", new { type = "user", scopes = new[] { "user:write" }, redirect_uris = new[] { Redirect } })).Is(HttpStatusCode.Created);
        (await writerToken.Post("/roster/v1/apps", new { type = "user", scopes = new[] { "user:read" }, redirect_uris = new[] { Redirect } })).IsError(400, 4711);
        // the master (every admin scope) mints granular and sub-account apps as before
        (await master.Post("/roster/v1/apps", new { scopes = new[] { "user:read:user:admin", "user:read:list_users:master" } })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TokensOfAnotherAccountAreUnknownToVerify()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@tenant.test");
        var theirs = await sub.CreateUser("theirs@tenant.test", type: 2);
        var zak = (await sub.Get($"/v2/users/{theirs}/token?type=zak")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        Assert.True((await sub.Post("/roster/v1/tokens/verify", new { token = zak })).Json["active"]!.GetValue<bool>());
        Assert.False((await master.Post("/roster/v1/tokens/verify", new { token = zak })).Json["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PasswordPagesCannotBeFramedAndRefuseFormsFromElsewhere()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("invitee@example.com", action: "create");
        var link = (await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single()!["link"]!.GetValue<string>();
        var path = new Uri(link).PathAndQuery;
        using var browser = app.CreateClient();
        var page = await browser.GetAsync(path);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.NotEmpty(HtmlForms.Csrf(await page.Content.ReadAsStringAsync()));

        // a form posted from another site: no antiforgery token, or one without its cookie
        var forged = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "Welcome2Roster" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var otherBrowser = app.CreateClient();
        var stolenField = HtmlForms.Csrf(await (await browser.GetAsync(path)).Content.ReadAsStringAsync());
        var replayed = await otherBrowser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "Welcome2Roster", ["__csrf"] = stolenField }));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("pending", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());

        var consent = await browser.GetAsync("/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=x");
        Assert.Equal("DENY", consent.Headers.GetValues("X-Frame-Options").Single());
        var forgedConsent = await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "owner@example.com", ["password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, forgedConsent.StatusCode);
    }

    [Fact]
    public async Task RepeatedBadSecretsAreThrottledWithA429()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        async Task<HttpResponseMessage> Token(string secret)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = RosterApp.AccountId }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RosterApp.ClientId}:{secret}")));
            return await http.SendAsync(request);
        }
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await Token("wrong-" + i)).StatusCode);
        var throttled = await Token("wrong-again");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter is not null);
        Assert.Equal("too_many_requests", JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        // while throttled even the right secret waits; guessing gains nothing
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(RosterApp.ClientSecret)).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheDataFolderAndEveryFileInItAreTheOwnersOnly()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        await api.CreateUser("someone@example.com");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataDir));
        var files = Directory.GetFiles(app.DataDir);
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("credentials", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal));
        if (!TestEngine.Postgres) Assert.Contains(files, f => f.EndsWith("roster.db", StringComparison.Ordinal));
        foreach (var file in files) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}
