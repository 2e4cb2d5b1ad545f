using System.Net;

namespace Roster.Server.Tests;

public class RateLimitTests
{
    [Fact]
    public async Task SuccessfulResponsesCarryTheCategoryAndRemaining()
    {
        await using var app = new RosterApp(rateLimits: true);
        using var api = await app.ApiAsync();
        var first = (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK).Response;
        Assert.Equal("Light", first.Headers.GetValues("X-RateLimit-Category").Single());
        Assert.Equal("80", first.Headers.GetValues("X-RateLimit-Limit").Single());
        var remaining = int.Parse(first.Headers.GetValues("X-RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(remaining, 0, 79);
        var list = (await api.Get("/v2/users")).Response;
        Assert.Equal("Medium", list.Headers.GetValues("X-RateLimit-Category").Single());
        Assert.Equal("60", list.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task NoMoreThanTheLimitPassesInOneSecondUnderParallelLoad()
    {
        await using var app = new RosterApp(rateLimits: true);
        app.Clock.Now = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero) + TimeSpan.FromMilliseconds(1); // frozen inside one second
        using var api = await app.ApiAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var (free, _, _) = await app.SubAccountAsync(api, "boss@free-plan.test", plan: "free");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var frozen = await app.AppAsync(api, null, null);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => frozen.Get("/v2/users/me")));
        Assert.Equal(80, replies.Count(r => r.Status == HttpStatusCode.OK));
        var refused = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(120, refused.Count);
        foreach (var r in refused)
        {
            r.IsError(429, 429);
            Assert.Equal("QPS", r.Response.Headers.GetValues("X-RateLimit-Type").Single());
            Assert.Equal("Light", r.Response.Headers.GetValues("X-RateLimit-Category").Single());
            Assert.Equal("0", r.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
        // the next second opens a new window
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await frozen.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        // limits are per account: another account is unaffected by this one's burst
        var freeReplies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => free.Get("/v2/users/me")));
        Assert.Equal(4, freeReplies.Count(r => r.Status == HttpStatusCode.OK));
    }

    [Fact]
    public async Task FreePlanHasDailyCapsResettingAtMidnightUtc()
    {
        await using var app = new RosterApp(rateLimits: true, rateFactor: 0.01); // Free Medium: 2000/day → 20, 2/s → 1
        app.Clock.Now = new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);
        using var master = await app.ApiAsync();
        var (_, freeId, _) = await app.SubAccountAsync(master, "boss@daily.test", plan: "free");
        using var freeApi = await app.AppAsync(master, freeId, null);
        for (var i = 0; i < 20; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            (await freeApi.Get("/v2/users")).Is(HttpStatusCode.OK);
        }
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = (await freeApi.Get("/v2/users")).IsError(429, 429);
        Assert.Equal("Daily-limit", refused.Response.Headers.GetValues("X-RateLimit-Type").Single());
        Assert.Equal("2026-12-01T00:00:00Z", refused.Response.Headers.GetValues("Retry-After").Single());
        app.Clock.Now = new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero);
        using var freshMaster = await app.ApiAsync();
        using var tomorrow = await app.AppAsync(freshMaster, freeId, null);
        (await tomorrow.Get("/v2/users")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InvitationsHaveADailyQuotaPerPlanCountedInTheStore()
    {
        await using var app = new RosterApp(rateLimits: true, rateFactor: 0.002); // Pro: 1500/day → 3 invitations
        using var master = await app.ApiAsync();
        var (pro, _, _) = await app.SubAccountAsync(master, "boss@quota.test", plan: "pro", seats: 50);
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await pro.CreateUser($"i{i}@quota.test", action: "create");
        }
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = (await pro.Post("/v2/users", new { action = "create", user_info = new { email = "i3@quota.test", type = 1 } })).IsError(429, 429);
        Assert.Equal("Daily-limit", refused.Response.Headers.GetValues("X-RateLimit-Type").Single());
        Assert.Contains("GMT 00:00:00", refused.Json["message"]!.GetValue<string>());
        // other actions are not invitations
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await pro.CreateUser("api@quota.test");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await pro.Get("/v2/users/i3@quota.test")).IsError(404, 1001);
    }
}
