using System.Net;
using System.Net.Http.Headers;

namespace Roster.Server.Tests;

/// <summary>
/// Instruments of every host in this process share the meter's name, and a scrape sees all of them: these tests run
/// alone, after the parallel ones, so the numbers they read are their own app's.
/// </summary>
[CollectionDefinition("metrics", DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>
/// The Prometheus endpoint scraped and parsed (<see cref="Exposition"/>): requests by operation and status, store
/// timings, rate-limit refusals, webhook attempts by outcome, the outbox backlog and pending deliveries, the follower's
/// lag. Who may scrape is in <see cref="AuthMatrixTests"/>. Runs on either engine.
/// </summary>
[Collection("metrics")]
public class MetricsTests
{
    public const string Key = "metrics-key-0123456789abcdef";

    public static Dictionary<string, string> On(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Metrics:Prometheus"] = "true", ["Metrics:Key"] = Key, ["Metrics:GaugeCacheMs"] = "0" };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) settings[k] = v;
        return settings;
    }

    public static async Task<Exposition> Scrape(RosterApp app)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return Exposition.Parse(text);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (30 s at most) and returns the last scrape; the caller asserts.</summary>
    static async Task<Exposition> ScrapeUntil(RosterApp app, Func<Exposition, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // a gauge has no sample until the store's first count is in (a scrape waits for it 2 s at most): not there yet is not done
        static bool Holds(Func<Exposition, bool> done, Exposition scrape)
        {
            try { return done(scrape); }
            catch (Xunit.Sdk.XunitException) { return false; }
        }
        var scrape = await Scrape(app);
        while (!Holds(done, scrape) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            scrape = await Scrape(app);
        }
        return scrape;
    }

    const string Requests = "roster_http_requests_total";

    [Fact]
    public async Task RequestsAreCountedByOperationAndStatus()
    {
        await using var app = new RosterApp(settings: On());
        using var api = await app.ApiAsync();
        var before = await Scrape(app);
        Assert.Equal("counter", before.Types["roster_http_requests_total"]);
        const int n = 7;
        for (var i = 0; i < n; i++) (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        (await api.Get("/v2/users/nobody@example.com")).IsError(404, 1001);
        (await api.Get("/v2/users/nobody2@example.com")).IsError(404, 1001);
        var id = await api.CreateUser("counted@example.com");
        await app.TokenAsync();
        var after = await Scrape(app);

        double Grew(params (string, string)[] labels) => after.Sum(Requests, labels) - before.Sum(Requests, labels);
        Assert.Equal(n, Grew(("operation", "user"), ("status", "200")));
        Assert.Equal(2, Grew(("operation", "user"), ("status", "404")));
        Assert.Equal(1, Grew(("operation", "userCreate"), ("status", "201")));
        Assert.Equal(1, Grew(("operation", "/oauth/token"), ("status", "200"))); // no Zoom operation: its route template
        // the previous scrape is counted once it has answered, under its own route
        Assert.Equal(1, Grew(("operation", "/metrics"), ("status", "200")));
        // low cardinality: no label value is an id, an e-mail or a path with values in it
        Assert.DoesNotContain(after.Samples, s => s.Labels.Values.Any(v => v.Contains(id, StringComparison.Ordinal) || v.Contains('@')));

        // every store session is timed, reads and writes apart, in seconds
        Assert.Equal("histogram", after.Types["roster_store_duration_seconds"]);
        Assert.True(after.Sum("roster_store_duration_seconds_count", ("kind", "write")) > before.Sum("roster_store_duration_seconds_count", ("kind", "write")));
        Assert.True(after.Sum("roster_store_duration_seconds_count", ("kind", "read")) >= before.Sum("roster_store_duration_seconds_count", ("kind", "read")) + n);
        var writes = after.Series("roster_store_duration_seconds_bucket", ("kind", "write")).ToList();
        Assert.Equal(after.Sum("roster_store_duration_seconds_count", ("kind", "write")), writes.Single(b => b.Labels["le"] == "+Inf").Value);
    }

    [Fact]
    public async Task ARateLimitRefusalIsCounted()
    {
        // the Business plan's Light limit, 80 a second, scaled to 4; the manual clock stands still, so every call is in one second
        await using var app = new RosterApp(rateLimits: true, rateFactor: 0.05, settings: On());
        using var api = await app.ApiAsync();
        var before = await Scrape(app);
        var refused = 0;
        for (var i = 0; i < 10; i++)
            if ((await api.Get("/v2/users/me")).Status == HttpStatusCode.TooManyRequests) refused++;
        var after = await Scrape(app);
        Assert.Equal(6, refused);
        var labels = new[] { ("operation", "user"), ("category", "Light"), ("type", "QPS") };
        Assert.Equal(refused, after.Sum("roster_rate_limit_refusals_total", labels) - before.Sum("roster_rate_limit_refusals_total", labels));
        Assert.Equal(refused, after.Sum(Requests, ("operation", "user"), ("status", "429")) - before.Sum(Requests, ("operation", "user"), ("status", "429")));
    }

    [Fact]
    public async Task WebhookAttemptsAreCountedByOutcomeAndTheBacklogEmpties()
    {
        const string deliveries = "roster_webhook_deliveries_total";
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App(On());
        using var api = await app.ApiAsync();
        await WebhooksTests.Subscribe(api, receiver.Url);
        var before = await Scrape(app);
        double Grew(Exposition now, string outcome) => now.Sum(deliveries, ("outcome", outcome)) - before.Sum(deliveries, ("outcome", outcome));

        for (var i = 0; i < 3; i++) await api.CreateUser($"hooked{i}@example.com");
        await receiver.AtLeast(3);
        var delivered = await ScrapeUntil(app, s => Grew(s, "delivered") == 3 && s.One("roster_outbox_lag") == 0 && s.One("roster_webhook_pending") == 0);
        Assert.Equal(3, Grew(delivered, "delivered"));
        Assert.Equal(0, delivered.One("roster_outbox_lag"));
        Assert.Equal(0, delivered.One("roster_webhook_pending"));

        // a 503 is retried later (on the store's clock): one attempt "retrying", its delivery pending until then
        receiver.Answer = _ => (503, TimeSpan.Zero);
        await api.CreateUser("retried@example.com");
        var retrying = await ScrapeUntil(app, s => Grew(s, "retrying") == 1 && s.One("roster_webhook_pending") == 1);
        Assert.Equal(1, Grew(retrying, "retrying"));
        Assert.Equal(1, retrying.One("roster_webhook_pending"));
        Assert.Equal(0, retrying.One("roster_outbox_lag"));
        receiver.Answer = _ => (200, TimeSpan.Zero);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var retried = await ScrapeUntil(app, s => Grew(s, "delivered") == 4 && s.One("roster_webhook_pending") == 0);
        Assert.Equal(4, Grew(retried, "delivered"));
        Assert.Equal(0, retried.One("roster_webhook_pending"));

        // a 4xx is not retried: "failed"
        receiver.Answer = _ => (410, TimeSpan.Zero);
        await api.CreateUser("refused@example.com");
        var failed = await ScrapeUntil(app, s => Grew(s, "failed") == 1);
        Assert.Equal(1, Grew(failed, "failed"));
        Assert.Equal(4, Grew(failed, "delivered"));
    }

    [Fact]
    public async Task TheOutboxLagCountsEventsNotYetFannedOut()
    {
        // no node delivers webhooks: the fan-out's cursor stands, and each event committed adds one
        await using var app = new RosterApp(settings: On(new Dictionary<string, string> { ["Webhooks:Enabled"] = "false" }));
        using var api = await app.ApiAsync();
        var before = (await ScrapeUntil(app, s => s.Series("roster_outbox_lag").Any())).One("roster_outbox_lag");
        for (var i = 0; i < 5; i++) await api.CreateUser($"waiting{i}@example.com");
        // on PostgreSQL an event counts once no older transaction is open: wait for the last one to settle
        var after = await ScrapeUntil(app, s => s.One("roster_outbox_lag") == before + 5);
        Assert.Equal(before + 5, after.One("roster_outbox_lag"));
        Assert.Equal(0, after.One("roster_webhook_pending"));
    }

    [Fact]
    public async Task TheFollowersLagGrowsWhileItCannotFollowAndFallsWhenItCatchesUp()
    {
        // a follower that does not run again (an hour's interval): its lag is the time since it last caught up
        await using (var stuck = new RosterApp(settings: On(new Dictionary<string, string> { ["Store:FollowIntervalMs"] = "3600000" })))
        {
            var start = (await Scrape(stuck)).One("roster_follower_lag_seconds");
            stuck.Clock.Advance(TimeSpan.FromSeconds(42));
            Assert.Equal(start + 42, (await Scrape(stuck)).One("roster_follower_lag_seconds"), 3);
        }
        await using var app = new RosterApp(settings: On());
        await Scrape(app);
        app.Clock.Advance(TimeSpan.FromSeconds(42));
        // the follower's next round (250 ms) finds it caught up on the moved clock
        var caughtUp = await ScrapeUntil(app, s => s.One("roster_follower_lag_seconds") < 1);
        Assert.True(caughtUp.One("roster_follower_lag_seconds") < 1);
    }

    [Fact]
    public async Task TheEndpointIsOffByDefault()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var reply = new Reply((await http.SendAsync(request)).StatusCode, "", null!);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
