using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Server.Tests;

/// <summary>A clock the tests move by hand (token expiry, invitation expiry, the 24 h e-mail window).</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// The real app in process on a fresh data folder with known credentials. Every test makes its own,
/// so no test sees another's state.
/// </summary>
public sealed class RosterApp(bool rateLimits = false, double rateFactor = 1.0, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AccountId = "acct_primary_000000001";
    public const string ClientId = "test-client";
    public const string ClientSecret = "test-secret-0123456789";

    public string DataDir { get; } = TestTemp.NewFolder("roster-test");
    public ManualClock Clock { get; } = new();
    /// <summary>The PostgreSQL database of this app when the suite runs on PostgreSQL, else null.</summary>
    public string? PostgresConnection { get; } = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataDir);
        if (PostgresConnection is not null) builder.UseSetting("store", PostgresConnection);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Most tests fire far more than 80 calls a second; the limiter has its own tests.
        builder.UseSetting("RateLimits:Mode", rateLimits ? "zoom" : "off");
        builder.UseSetting("RateLimits:Factor", rateFactor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ROSTER_ACCOUNT_ID", AccountId);
        builder.UseSetting("ROSTER_CLIENT_ID", ClientId);
        builder.UseSetting("ROSTER_CLIENT_SECRET", ClientSecret);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        // the manual clock is real time to the app: the store's clock (and the sandbox's moves of it) run on it
        builder.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>("real", Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (PostgresConnection is not null) PostgresCluster.Drop(PostgresConnection);
        TestTemp.Delete(DataDir);
    }

    public async Task<string> TokenAsync(string clientId = ClientId, string secret = ClientSecret, string accountId = AccountId)
    {
        using var http = CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = accountId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    /// <summary>A client holding a token of the primary account's app (every admin scope).</summary>
    public async Task<Api> ApiAsync() => new(CreateClient(), await TokenAsync());

    public Api ApiWith(string token) => new(CreateClient(), token);

    /// <summary>A sub account of the primary account, with an app of the given scopes acting as its owner.</summary>
    public async Task<(Api Api, string AccountId, string OwnerEmail)> SubAccountAsync(Api master, string email, string plan = "business",
        int seats = 10, string[]? domains = null, bool sso = false, string[]? scopes = null)
    {
        var created = await master.Send(HttpMethod.Post, "/v2/accounts", new
        {
            first_name = "Sub", last_name = "Owner", email, password = "Secur3Pass!x", account_name = "Sub " + email,
            plan, seats, managed_domains = domains ?? [], sso_pre_provisioning = sso,
        });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var accountId = created.Json["id"]!.GetValue<string>();
        var app = await AppAsync(master, accountId, scopes);
        return (app, accountId, email);
    }

    /// <summary>A client whose token holds exactly <paramref name="scopes"/> (for the given account, or the caller's).</summary>
    public async Task<Api> AppAsync(Api admin, string? accountId, string[]? scopes)
    {
        var app = await admin.Send(HttpMethod.Post, "/roster/v1/apps", new { account_id = accountId, scopes });
        Assert.Equal(HttpStatusCode.Created, app.Status);
        var token = await TokenAsync(app.Json["client_id"]!.GetValue<string>(), app.Json["client_secret"]!.GetValue<string>(),
            app.Json["account_id"]!.GetValue<string>());
        return ApiWith(token);
    }
}

public sealed record Reply(HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    public int Code => Json["code"]!.GetValue<int>();

    /// <summary>Asserts Zoom's error shape with this status and code.</summary>
    public Reply IsError(int status, int code)
    {
        Assert.True((int)Status == status, $"expected {status}/{code}, got {(int)Status}: {Body}");
        Assert.Equal(code, Code);
        Assert.True(Json.ContainsKey("message"), Body);
        Assert.DoesNotContain("   at ", Body);
        return this;
    }

    public Reply Is(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        return this;
    }
}

/// <summary>A thin HTTP client for the tests: JSON in, status and raw body out.</summary>
public sealed class Api(HttpClient http, string token) : IDisposable
{
    public HttpClient Http { get; } = http;
    public string Token { get; } = token;

    public async Task<Reply> Send(HttpMethod method, string path, object? body = null, string? rawBody = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (rawBody is not null) request.Content = new StringContent(rawBody, Encoding.UTF8, contentType);
        else if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, contentType);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Headers.Contains("x-zm-trackingid"), $"{method} {path} answered without x-zm-trackingid");
        return new Reply(response.StatusCode, text, response);
    }

    public Task<Reply> Get(string path) => Send(HttpMethod.Get, path);
    public Task<Reply> Post(string path, object? body) => Send(HttpMethod.Post, path, body);
    public Task<Reply> Patch(string path, object? body) => Send(HttpMethod.Patch, path, body);
    public Task<Reply> Put(string path, object? body) => Send(HttpMethod.Put, path, body);
    public Task<Reply> Delete(string path) => Send(HttpMethod.Delete, path);

    /// <summary>Creates an active user (custCreate for basic/licensed API users, or the given action).</summary>
    public async Task<string> CreateUser(string email, int type = 1, string action = "custCreate", string? password = null)
    {
        var reply = await Post("/v2/users", new { action, user_info = new { email, type, first_name = "First", last_name = "Last", password } });
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        return reply.Json["id"]!.GetValue<string>();
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Submits Roster's HTML forms as a browser does: open the page (antiforgery cookie and field), then post.</summary>
public static class HtmlForms
{
    public static string Csrf(string html)
        => System.Text.RegularExpressions.Regex.Match(html, "name=\"__csrf\" value=\"([^\"]+)\"").Groups[1].Value;

    public static async Task<HttpResponseMessage> Submit(HttpClient http, string pageUrl, Dictionary<string, string> fields)
    {
        var page = await http.GetAsync(pageUrl);
        var token = Csrf(await page.Content.ReadAsStringAsync());
        return await http.PostAsync(pageUrl, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__csrf"] = token }));
    }
}

public static class RosterAppStore
{
    /// <summary>A raw value of the store's <c>meta</c> table, read past Roster (SQLite file or PostgreSQL database).</summary>
    public static async Task<string?> MetaAsync(this RosterApp app, string key)
    {
        if (app.PostgresConnection is { } pg)
        {
            await using var c = new Npgsql.NpgsqlConnection(pg);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT value FROM meta WHERE key = @k", c);
            cmd.Parameters.AddWithValue("k", key);
            return await cmd.ExecuteScalarAsync() as string;
        }
        await using var s = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(app.DataDir, "roster.db")};Mode=ReadOnly;Pooling=false");
        await s.OpenAsync();
        await using var q = s.CreateCommand();
        q.CommandText = "SELECT value FROM meta WHERE key = $k";
        q.Parameters.AddWithValue("$k", key);
        return await q.ExecuteScalarAsync() as string;
    }
}

static class TestProcessSettings
{
    /// <summary>
    /// Hundreds of servers start in one test run: none watches its configuration files (each watcher holds an inotify
    /// instance, and the machine allows 128 per user). Child server processes inherit the setting.
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void NoConfigurationWatchers() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}

/// <summary>User-level OAuth as a browser and an app run it: a user app, the consent page, the code exchange.</summary>
public static class OAuthFlow
{
    public const string Redirect = "https://app.example.test/callback";

    /// <summary>An access token of <paramref name="email"/> (who must have <paramref name="password"/>) through a new user-level app.</summary>
    public static async Task<string> UserTokenAsync(RosterApp app, Api admin, string email, string password, string[]? scopes = null)
    {
        var created = (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { Redirect }, scopes })).Is(HttpStatusCode.Created).Json;
        var (id, secret) = (created["client_id"]!.GetValue<string>(), created["client_secret"]!.GetValue<string>());
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await HtmlForms.Submit(http, $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString(Redirect)}",
            new() { ["client_id"] = id, ["redirect_uri"] = Redirect, ["email"] = email, ["password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(signedIn.Headers.Location!.Query)["code"].ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }
}
