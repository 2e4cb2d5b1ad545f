using System.Net;
using System.Text;
using Roster.Client.Models;

namespace Roster.Client.Tests;

/// <summary>A handler that answers from a script and records every request.</summary>
sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];
    public List<string?> Bodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        return answer(request, Requests.Count(r => r.RequestUri!.AbsolutePath != "/oauth/token") - 1);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string, string)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (k, v) in headers) response.Headers.TryAddWithoutValidation(k, v);
        return response;
    }

    public static HttpResponseMessage Token(int expiresIn = 3600, string token = "tok")
        => Json(HttpStatusCode.OK, $"{{\"access_token\":\"{token}\",\"token_type\":\"bearer\",\"expires_in\":{expiresIn},\"scope\":\"user:read:admin\"}}");
}

sealed class Clock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
}

public class FakeHandlerTests
{
    static (ZoomClient Client, List<TimeSpan> Waits) Make(ScriptedHandler handler, Clock clock, Action<ZoomClientOptions>? tune = null)
    {
        var options = new ZoomClientOptions { BaseUrl = new Uri("http://roster.test/v2"), AccountId = "acc", ClientId = "id", ClientSecret = "secret" };
        tune?.Invoke(options);
        var client = new ZoomClient(new HttpClient(handler), options, null, clock);
        var waits = new List<TimeSpan>();
        client.Transport.Delay = (d, _) => { waits.Add(d); clock.Now += d; return Task.CompletedTask; };
        client.Transport.Random = () => 0.5;
        return (client, waits);
    }

    const string UserJson = "{\"id\":\"u1\",\"email\":\"a@example.com\",\"type\":2,\"status\":\"active\"}";

    [Fact]
    public async Task QpsLimitedCallsAreRetriedAfterAboutASecond()
    {
        var handler = new ScriptedHandler((r, n) => r.RequestUri!.AbsolutePath == "/oauth/token" ? ScriptedHandler.Token()
            : n < 2 ? ScriptedHandler.Json(HttpStatusCode.TooManyRequests, "{\"code\":429,\"message\":\"slow down\"}", ("X-RateLimit-Type", "QPS"))
            : ScriptedHandler.Json(HttpStatusCode.OK, UserJson));
        var (client, waits) = Make(handler, new Clock());
        var user = await client.Users.GetAsync("u1");
        Assert.Equal("u1", user.Id);
        Assert.Equal([TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1.5)], waits);
    }

    [Fact]
    public async Task RetryAfterDateIsHonouredAndDailyLimitsAreNotRetried()
    {
        var clock = new Clock();
        var handler = new ScriptedHandler((r, n) => r.RequestUri!.AbsolutePath == "/oauth/token" ? ScriptedHandler.Token()
            : n == 0 ? ScriptedHandler.Json(HttpStatusCode.TooManyRequests, "{\"code\":429,\"message\":\"x\"}", ("Retry-After", "2026-11-29T12:00:03Z"))
            : n == 1 ? ScriptedHandler.Json(HttpStatusCode.OK, UserJson)
            : ScriptedHandler.Json(HttpStatusCode.TooManyRequests, "{\"code\":429,\"message\":\"daily\"}", ("X-RateLimit-Type", "Daily-limit"), ("Retry-After", "2026-11-30T00:00:00Z")));
        var (client, waits) = Make(handler, clock);
        await client.Users.GetAsync("u1");
        Assert.Equal([TimeSpan.FromSeconds(3)], waits);
        var e = await Assert.ThrowsAsync<ZoomApiException>(() => client.Users.GetAsync("u1"));
        Assert.Equal(429, e.Code);
        Assert.Single(waits);
    }

    [Fact]
    public async Task TransientErrorsBackOffWithinTheBudget()
    {
        var handler = new ScriptedHandler((r, n) => r.RequestUri!.AbsolutePath == "/oauth/token" ? ScriptedHandler.Token()
            : ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"code\":503,\"message\":\"down\"}", ("x-zm-trackingid", "rid-1")));
        var (client, waits) = Make(handler, new Clock(), o => { o.MaxRetries = 10; o.RetryBudget = TimeSpan.FromSeconds(6); });
        var e = await Assert.ThrowsAsync<ZoomApiException>(() => client.Users.GetAsync("u1"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal("rid-1", e.TrackingId);
        // 0.5, 1, 2 s (x0.875 jitter) fit in 6 s; the next 4 s would not
        Assert.Equal([0.4375, 0.875, 1.75], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task TokensAreSharedByConcurrentCallsAndRefreshedBeforeExpiry()
    {
        var clock = new Clock();
        var tokens = 0;
        var handler = new ScriptedHandler((r, _) => r.RequestUri!.AbsolutePath == "/oauth/token"
            ? ScriptedHandler.Token(3600, $"tok{Interlocked.Increment(ref tokens)}")
            : ScriptedHandler.Json(HttpStatusCode.OK, UserJson));
        var (client, _) = Make(handler, clock);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.Users.GetAsync("u1")));
        Assert.Equal(1, tokens);
        var tokenRequest = handler.Requests.First(r => r.RequestUri!.AbsolutePath == "/oauth/token");
        Assert.Equal("http://roster.test/oauth/token", tokenRequest.RequestUri!.ToString());
        Assert.Equal("grant_type=account_credentials&account_id=acc", handler.Bodies[handler.Requests.IndexOf(tokenRequest)]);
        clock.Now += TimeSpan.FromMinutes(58);
        await client.Users.GetAsync("u1");
        Assert.Equal(1, tokens);
        clock.Now += TimeSpan.FromMinutes(1.5);
        await client.Users.GetAsync("u1");
        Assert.Equal(2, tokens);
        Assert.Equal("tok2", handler.Requests.Last().Headers.Authorization!.Parameter);
    }

    [Fact]
    public async Task ExpiredTokenIsRefreshedOnceAndTheCallRepeated()
    {
        var tokens = 0;
        var handler = new ScriptedHandler((r, n) => r.RequestUri!.AbsolutePath == "/oauth/token"
            ? ScriptedHandler.Token(3600, $"tok{Interlocked.Increment(ref tokens)}")
            : n == 0 ? ScriptedHandler.Json(HttpStatusCode.Unauthorized, "{\"code\":124,\"message\":\"Access token is expired.\"}")
            : ScriptedHandler.Json(HttpStatusCode.OK, UserJson));
        var (client, _) = Make(handler, new Clock());
        await client.Users.GetAsync("u1");
        Assert.Equal(2, tokens);
    }

    [Fact]
    public async Task RefreshTokensRotate()
    {
        var handler = new ScriptedHandler((r, _) => r.RequestUri!.AbsolutePath == "/oauth/token"
            ? ScriptedHandler.Json(HttpStatusCode.OK, "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"r2\"}")
            : ScriptedHandler.Json(HttpStatusCode.OK, UserJson));
        var (client, _) = Make(handler, new Clock(), o => { o.AccountId = null; o.RefreshToken = "r1"; });
        await client.Users.GetAsync("me");
        Assert.Equal("grant_type=refresh_token&refresh_token=r1", handler.Bodies[0]);
        Assert.Equal("r2", ((OAuthTokenProvider)client.Tokens).RefreshToken);
    }

    [Fact]
    public async Task UnknownFieldsAndEnumValuesAreKept()
    {
        var handler = new ScriptedHandler((r, _) => r.RequestUri!.AbsolutePath == "/oauth/token" ? ScriptedHandler.Token()
            : ScriptedHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"email\":\"a@b.c\",\"type\":7,\"status\":\"sleeping\",\"shiny_new_field\":{\"x\":1}}"));
        var (client, _) = Make(handler, new Clock());
        var user = await client.Users.GetAsync("u1");
        Assert.Equal(7, user.Type);
        Assert.Equal("sleeping", user.Status);
        Assert.Equal(1, user.Unknown!["shiny_new_field"].GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task ErrorsCarryZoomsCodeMessageAndFields()
    {
        var handler = new ScriptedHandler((r, _) => r.RequestUri!.AbsolutePath == "/oauth/token" ? ScriptedHandler.Token()
            : ScriptedHandler.Json(HttpStatusCode.BadRequest, "{\"code\":300,\"message\":\"Validation Failed.\",\"errors\":[{\"field\":\"user_info.email\",\"message\":\"Invalid field.\"}]}"));
        var (client, waits) = Make(handler, new Clock());
        var e = await Assert.ThrowsAsync<ZoomApiException>(() => client.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "x", Type = 1 } }));
        Assert.Equal(300, e.Code);
        Assert.Equal("user_info.email", e.Errors.Single().Field);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task SettingsUpdateSendsOnlyWhatWasSet()
    {
        var handler = new ScriptedHandler((r, _) => r.RequestUri!.AbsolutePath == "/oauth/token" ? ScriptedHandler.Token()
            : new HttpResponseMessage(HttpStatusCode.NoContent));
        var (client, _) = Make(handler, new Clock());
        await client.Users.Settings.UpdateAsync("me", new UserSettings { InMeeting = new InMeetingSettings { Chat = true } });
        Assert.Equal("{\"in_meeting\":{\"chat\":true}}", handler.Bodies.Last());
        Assert.Equal(HttpMethod.Patch, handler.Requests.Last().Method);
    }

    [Fact]
    public async Task TokenUrlFollowsTheBaseUrl()
    {
        Assert.Equal("https://zoom.us/oauth/token", new ZoomClientOptions().ResolvedTokenUrl.ToString());
        Assert.Equal("http://localhost:5080/oauth/token", new ZoomClientOptions { BaseUrl = new Uri("http://localhost:5080/v2") }.ResolvedTokenUrl.ToString());
        await Task.CompletedTask;
    }
}
