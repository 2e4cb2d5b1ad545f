using System.Text.Json.Nodes;
using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Events;
using Roster.Domain.Limits;
using Roster.Domain.Sandbox;
using Roster.Domain.Users;
using Roster.Domain.Webhooks;
using Roster.Storage;

namespace Roster.Domain.Tests;

/// <summary>A sender that answers URL challenges correctly and events with what the test scripts, and keeps what it sent.</summary>
sealed class ScriptedSender(string secret) : IWebhookSender
{
    public readonly List<(string Url, JsonObject Body, Dictionary<string, string> Headers)> Sent = [];
    public Func<JsonObject, int> Status { get; set; } = _ => 200;

    public Task<SendOutcome> PostAsync(string url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var h = headers.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(WebhookSignature.Sign(secret, long.Parse(h[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture), body), h[WebhookSignature.SignatureHeader]);
        if (json["event"]!.GetValue<string>() == "endpoint.url_validation")
        {
            var plain = json["payload"]!["plainToken"]!.GetValue<string>();
            var answer = new JsonObject { ["plainToken"] = plain, ["encryptedToken"] = WebhookSignature.AnswerChallenge(secret, plain) };
            return Task.FromResult(new SendOutcome(200, 1, null, answer.ToJsonString()));
        }
        lock (Sent) Sent.Add((url, json, h));
        var status = Status(json);
        return Task.FromResult(new SendOutcome(status, 1, status is >= 200 and < 300 ? null : $"HTTP {status}", ""));
    }
}

/// <summary>
/// The dispatcher on the real SQLite store with a scripted sender: fan-out once per (event, subscription), leases held
/// by one node until they run out, Zoom's retry schedule on the store's clock, and which subscriptions hear what.
/// </summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    const string Secret = "domain-test-secret-token";
    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-webhooks");
    readonly SqliteStore _store;
    readonly StillClock _real = new();
    readonly StoreClock _clock;
    readonly AppsService _apps;
    readonly BootstrapService _bootstrap;
    readonly UsersService _users;
    readonly ScriptedSender _sender = new(Secret);
    readonly WebhookSubscriptionsService _subscriptions;
    Caller _caller = null!;

    public WebhookDeliveryTests()
    {
        _store = new SqliteStore(Path.Combine(_dir, "roster.db"));
        _store.Migrate();
        _clock = new StoreClock(_real, _store);
        _apps = new AppsService(_store, _clock);
        _bootstrap = new BootstrapService(_store, _clock, _apps);
        var keys = new RosterKeys(_bootstrap.SigningKeyAsync().GetAwaiter().GetResult());
        _users = new UsersService(_store, _clock, keys, new RateLimiter(new RateLimitOptions(RateLimitMode.Off, 1), _clock, new MemoryRateCounter()));
        _subscriptions = new WebhookSubscriptionsService(_store, _clock, new SecretBox(null), _apps, new UrlValidation(_sender, _real));
    }

    public void Dispose()
    {
        _store.Dispose();
        Roster.Server.Tests.TestTemp.Delete(_dir);
    }

    WebhookDispatcher Node(string name) => new(_store, _clock, new SecretBox(null), _sender, new UrlValidation(_sender, _real), name) { Lease = TimeSpan.FromSeconds(30) };

    async Task<string> Start(string scope = SubscriptionScopes.Account, IReadOnlyList<string>? users = null)
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest("acct1", "client1", "client-secret-0123456789", WebhookSecretToken: Secret));
        _caller = new Caller(boot.Account.Id, boot.Owner.Id, boot.App.ClientId, new HashSet<string>([.. boot.App.Scopes, .. Operations.EventSubscriptionScopes]));
        var sub = await _subscriptions.CreateAsync(_caller, new CreateSubscriptionRequest(["user.created", "user.updated"], "t", "https://hooks.example.test/z",
            users, scope, null));
        return sub.Id;
    }

    async Task<string> NewUser(string email)
        => (await _users.CreateAsync(_caller, new CreateUserRequest { Action = "custCreate", UserInfo = new NewUserInfo { Email = email, Type = 1 } })).User.Id;

    [Fact]
    public async Task EachEventGoesToEachHearingSubscriptionOnceAndALeaseIsOneNodes()
    {
        await Start();
        await NewUser("a@example.com");
        var a = Node("a");
        var b = Node("b");
        Assert.True(await a.FanOutAsync() > 0);
        Assert.Equal(0, await b.FanOutAsync()); // the cursor moved with the deliveries: nothing twice
        var leased = await a.LeaseAsync(10);
        Assert.Single(leased);
        Assert.Empty(await b.LeaseAsync(10)); // a holds it
        _real.Now += TimeSpan.FromSeconds(31); // a died holding it: the lease runs out, b takes over
        var taken = Assert.Single(await b.LeaseAsync(10));
        Assert.Equal(leased[0].Delivery.Id, taken.Delivery.Id);
        await b.DeliverAsync(taken);
        Assert.Single(_sender.Sent);
        Assert.Equal("user.created", _sender.Sent[0].Body["event"]!.GetValue<string>());
        // a, back, cannot finish what it no longer holds
        var outcome = await a.DeliverAsync(leased[0]);
        Assert.Equal(200, outcome.Status);
        var log = await _store.ReadAsync(s => s.ListDeliveriesAsync(new DeliveryQuery("acct1", null, null, null, null, null, long.MaxValue, 10)));
        Assert.Equal(DeliveryStates.Delivered, Assert.Single(log).State);
        Assert.Empty(await a.LeaseAsync(10));
    }

    [Fact]
    public async Task WithNoSubscriptionTheCursorPassesWhatCommittedAndOnlyLaterEventsAreDelivered()
    {
        var subscription = await Start();
        await _subscriptions.DeleteAsync(_caller, subscription);
        await NewUser("unheard1@example.com");
        await NewUser("unheard2@example.com");
        var node = Node("n");
        Assert.Equal(0, await node.FanOutAsync());
        var latest = await _store.ReadAsync(s => s.LatestEventPositionAsync());
        Assert.Equal(latest.ToString(), await _store.ReadAsync(s => s.GetMetaAsync(WebhookDispatcher.CursorMetaKey)));
        Assert.Equal(0, await node.FanOutAsync()); // nothing new: nothing written

        await _subscriptions.CreateAsync(_caller, new CreateSubscriptionRequest(["user.created"], "t2", "https://hooks.example.test/z2", null,
            SubscriptionScopes.Account, null));
        await NewUser("heard@example.com");
        Assert.Equal(1, await node.FanOutAsync());
        var leased = Assert.Single(await node.LeaseAsync(10));
        await node.DeliverAsync(leased);
        Assert.Equal("heard@example.com", Assert.Single(_sender.Sent).Body["payload"]!["object"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailuresAreRetriedAtFiveTwentySixtyMinutesOnTheStoresClockThenDead()
    {
        await Start();
        _sender.Status = _ => 503;
        await NewUser("retry@example.com");
        var node = Node("n");
        await node.FanOutAsync();
        async Task<int> Round()
        {
            var n = 0;
            foreach (var l in await node.LeaseAsync(10)) { await node.DeliverAsync(l); n++; }
            return n;
        }
        Assert.Equal(1, await Round());
        foreach (var minutes in new[] { 5, 20, 60 })
        {
            _real.Now += TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(1);
            Assert.Equal(0, await Round());
            _real.Now += TimeSpan.FromSeconds(1);
            Assert.Equal(1, await Round());
        }
        _real.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, await Round());
        var d = Assert.Single(await _store.ReadAsync(s => s.ListDeliveriesAsync(new DeliveryQuery("acct1", null, null, null, null, null, long.MaxValue, 10))));
        Assert.Equal(DeliveryStates.Dead, d.State);
        Assert.Equal(4, d.Attempts);
        var attempts = await _store.ReadAsync(s => s.ListAttemptsAsync([d.Id]));
        Assert.Equal([0, 1, 2, 3], attempts.Select(x => x.RetryNum));

        // a 4xx is final at once; a forbidden address too
        _sender.Status = _ => 404;
        await NewUser("gone@example.com");
        await node.FanOutAsync();
        Assert.Equal(1, await Round());
        _real.Now += TimeSpan.FromHours(2);
        Assert.Equal(0, await Round());
        Assert.False(SendFailures.Retryable(SendFailures.Forbidden));
        Assert.True(SendFailures.Retryable(SendFailures.Timeout) && SendFailures.Retryable(SendFailures.Refused) && SendFailures.Retryable(500));
        Assert.False(SendFailures.Retryable(302) || SendFailures.Retryable(429));
    }

    [Fact]
    public async Task AUserScopedSubscriptionHearsOnlyItsUsersAndNothingFromBeforeIt()
    {
        var early = DateTimeOffset.UnixEpoch;
        var sub = new WebhookSubscription
        {
            Id = "s", ClientId = "c", AccountId = "acct", Events = ["user.updated"], Url = "https://x.test", Scope = SubscriptionScopes.User,
            UserIds = ["u1"], CreatedAt = early.AddHours(1),
        };
        DomainEvent E(string account, string subject, DateTimeOffset at) => new("user.updated", account, subject, []) { OccurredAt = at };
        Assert.True(sub.Hears(E("acct", "u1", early.AddHours(2)), "user.updated", null));
        Assert.False(sub.Hears(E("acct", "u2", early.AddHours(2)), "user.updated", null));
        Assert.False(sub.Hears(E("acct", "u1", early), "user.updated", null)); // before the subscription
        Assert.False(sub.Hears(E("acct", "u1", early.AddHours(2)), "user.created", null));
        Assert.False((sub with { Disabled = true }).Hears(E("acct", "u1", early.AddHours(2)), "user.updated", null));
        var account = sub with { Scope = SubscriptionScopes.Account };
        Assert.True(account.Hears(E("acct", "u9", early.AddHours(2)), "user.updated", null));
        Assert.False(account.Hears(E("sub", "u9", early.AddHours(2)), "user.updated", "acct")); // a sub account's change
        var master = sub with { Scope = SubscriptionScopes.MasterAccount };
        Assert.True(master.Hears(E("sub", "u9", early.AddHours(2)), "user.updated", "acct"));
        Assert.False(master.Hears(E("other", "u9", early.AddHours(2)), "user.updated", "elsewhere"));

        Assert.Equal(["a", "b", "c"], WebhookSubscriptionsService.SplitUserIds(["a,b", " c ", "a"]));
        Assert.True(WebhookRules.IsDeliverableUrl("http://127.0.0.1:8080/zoom/events"));
        foreach (var bad in new[] { "ftp://x.test/", "https://user:pw@x.test/", "https://x.test/#f", "/relative", "https://x.test/a b", "" })
            Assert.False(WebhookRules.IsDeliverableUrl(bad), bad);
    }
}
