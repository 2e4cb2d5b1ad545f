using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Roster.Server.Tests;

/// <summary>The authorization-code flow driven by a real HTTP client: consent page, code, PKCE, refresh rotation.</summary>
public class UserOAuthTests
{
    const string Redirect = "https://app.example.test/callback";

    static async Task<(string ClientId, string Secret)> UserApp(RosterApp app, Api admin, string[]? scopes = null)
    {
        var reply = (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { Redirect }, scopes })).Is(HttpStatusCode.Created).Json;
        Assert.Equal("user", reply["type"]!.GetValue<string>());
        return (reply["client_id"]!.GetValue<string>(), reply["client_secret"]!.GetValue<string>());
    }

    static HttpClient NoRedirects(RosterApp app) => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    static async Task<HttpResponseMessage> SignIn(HttpClient http, string clientId, string email, string password, string? challenge = null, string method = "S256", string state = "xyz")
        => await HtmlForms.Submit(http, $"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}", new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["redirect_uri"] = Redirect, ["state"] = state, ["email"] = email, ["password"] = password,
            ["code_challenge"] = challenge ?? "", ["code_challenge_method"] = challenge is null ? "" : method,
        });

    static async Task<(HttpStatusCode Status, JsonObject Json)> Token(HttpClient http, string clientId, string secret, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    static string S256(string verifier) => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task TheWholeAuthorizationCodeFlowWithPkceAndRefreshRotation()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        var userId = await admin.CreateUser("member@example.com", type: 2, action: "autoCreate", password: "Membe7Passw");
        var other = await admin.CreateUser("other@example.com");
        var (clientId, secret) = await UserApp(app, admin);
        using var http = NoRedirects(app);

        var page = await http.GetAsync($"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&state=xyz&code_challenge=abc&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri=https://evil.test/cb")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(http, clientId, "member@example.com", "wrong")).StatusCode);
        var verifier = "a-long-random-verifier-0123456789-abcdefghijklmnop";
        var signedIn = await SignIn(http, clientId, "member@example.com", "Membe7Passw", S256(verifier));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var location = signedIn.Headers.Location!;
        Assert.StartsWith(Redirect, location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("xyz", query["state"].ToString());
        var code = query["code"].ToString();

        var exchange = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect, ["code_verifier"] = "wrong-verifier" };
        var (status, json) = await Token(http, clientId, secret, exchange);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json["error"]!.GetValue<string>());
        exchange["code_verifier"] = verifier;
        (status, json) = await Token(http, clientId, secret, exchange);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3600, json["expires_in"]!.GetValue<int>());
        Assert.Equal("user:read user:write", json["scope"]!.GetValue<string>());
        var access = json["access_token"]!.GetValue<string>();
        var refresh = json["refresh_token"]!.GetValue<string>();

        // single use
        (status, json) = await Token(http, clientId, secret, exchange);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json["error"]!.GetValue<string>());

        // the token acts on me only
        using var user = app.ApiWith(access);
        Assert.Equal(userId, (await user.Get("/v2/users/me")).Is(HttpStatusCode.OK).Json["id"]!.GetValue<string>());
        (await user.Patch("/v2/users/me/settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        (await user.Get($"/v2/users/{other}")).IsError(400, 4711);
        (await user.Get("/v2/users")).IsError(400, 4711);

        // refresh rotates: the new token works once, the old one never again
        var (s1, r1) = await Token(http, clientId, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.OK, s1);
        var refresh2 = r1["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(refresh, refresh2);
        var (s2, r2) = await Token(http, clientId, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal("invalid_grant", r2["error"]!.GetValue<string>());
        var (s3, _) = await Token(http, clientId, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh2 });
        Assert.Equal(HttpStatusCode.OK, s3);
        using var refreshed = app.ApiWith(r1["access_token"]!.GetValue<string>());
        (await refreshed.Get("/v2/users/me")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CodesExpireAfterFiveMinutesAndBelongToTheirApp()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        await admin.CreateUser("member@example.com", type: 2, action: "autoCreate", password: "Membe7Passw");
        var (clientId, secret) = await UserApp(app, admin);
        var (otherId, otherSecret) = await UserApp(app, admin);
        using var http = NoRedirects(app);

        var code = QueryHelpers.ParseQuery((await SignIn(http, clientId, "member@example.com", "Membe7Passw")).Headers.Location!.Query)["code"].ToString();
        var (status, json) = await Token(http, otherId, otherSecret, new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, json) = await Token(http, clientId, secret, new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "https://elsewhere.test/" });
        Assert.Equal("invalid_request", json["error"]!.GetValue<string>());

        var late = QueryHelpers.ParseQuery((await SignIn(http, clientId, "member@example.com", "Membe7Passw")).Headers.Location!.Query)["code"].ToString();
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        (status, json) = await Token(http, clientId, secret, new() { ["grant_type"] = "authorization_code", ["code"] = late, ["redirect_uri"] = Redirect });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expired", json["reason"]!.GetValue<string>());

        // grant types belong to app types
        (status, json) = await Token(http, clientId, secret, new() { ["grant_type"] = "account_credentials", ["account_id"] = RosterApp.AccountId });
        Assert.Equal("unauthorized_client", json["error"]!.GetValue<string>());
        (status, json) = await Token(http, RosterApp.ClientId, RosterApp.ClientSecret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "x" });
        Assert.Equal("unauthorized_client", json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserAppsHoldOnlyUserScopesAndNeedRedirectUris()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { Redirect }, scopes = new[] { "user:read:admin" } })).IsError(400, 300);
        (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = Array.Empty<string>() })).IsError(400, 300);
        (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { "not a url" } })).IsError(400, 300);
        (await admin.Post("/roster/v1/apps", new { type = "robot" })).IsError(400, 300);
    }

    [Fact]
    public async Task AppsHaveTheNameTheirConsentPageShows()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        var named = (await admin.Post("/roster/v1/apps", new { type = "user", name = "  Acme Scheduler ", redirect_uris = new[] { Redirect } })).Is(HttpStatusCode.Created).Json;
        Assert.Equal("Acme Scheduler", named["name"]!.GetValue<string>());
        var unnamed = (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { Redirect } })).Is(HttpStatusCode.Created).Json;
        Assert.Equal("Roster user app", unnamed["name"]!.GetValue<string>());
        foreach (var bad in new[] { "", "   ", new string('x', 65), "line\nbreak" })
            (await admin.Post("/roster/v1/apps", new { type = "user", name = bad, redirect_uris = new[] { Redirect } })).IsError(400, 300);
    }
}
