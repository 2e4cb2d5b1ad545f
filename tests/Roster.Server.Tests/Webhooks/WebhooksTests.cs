using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// Webhooks end to end, on either engine: Zoom's event-subscription API, URL validation, every Users write delivered
/// to a real receiver with Zoom's signature and canonical bytes, failures retried on the store's clock, the delivery log.
/// </summary>
public class WebhooksTests
{
    public const string Secret = "whsec-test-0123456789";
    const string SubscriptionsPath = "/v2/marketplace/app/event_subscription";

    static readonly string[] AllUserEvents =
    [
        "user.created", "user.invitation_accepted", "user.updated", "user.settings_updated", "user.activated", "user.deactivated",
        "user.deleted", "user.disassociated",
    ];

    public static RosterApp App(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["ROSTER_WEBHOOK_SECRET_TOKEN"] = Secret, ["Webhooks:PollMs"] = "50" };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) settings[k] = v;
        return new RosterApp(settings: settings);
    }

    public static async Task<string> Subscribe(Api api, string url, string[]? events = null, string scope = "account", string[]? userIds = null)
    {
        var reply = await api.Post(SubscriptionsPath, new
        {
            events = events ?? AllUserEvents, event_subscription_name = "test", event_webhook_url = url, subscription_scope = scope,
            account_id = RosterApp.AccountId, user_ids = userIds,
        });
        return reply.Is(HttpStatusCode.Created).Json["event_subscription_id"]!.GetValue<string>();
    }

    static async Task<JsonArray> Deliveries(Api api, string query = "")
        => (await api.Get("/roster/v1/webhooks/deliveries?page_size=300" + query)).Is(HttpStatusCode.OK).Json["deliveries"]!.AsArray();

    /// <summary>The deliveries once <paramref name="done"/> holds for them (waits up to 30 s; the caller asserts).</summary>
    static async Task<JsonArray> DeliveriesWhen(Api api, Func<JsonArray, bool> done, string query = "")
    {
        var list = await Deliveries(api, query);
        for (var i = 0; i < 300 && !done(list); i++)
        {
            await Task.Delay(100);
            list = await Deliveries(api, query);
        }
        return list;
    }

    [Fact]
    public async Task EveryUsersWriteReachesTheReceiverSignedAsZoomSignsAndInZoomsShape()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App();
        using var api = await app.ApiAsync();
        var owner = (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK).Json;
        var subscription = await Subscribe(api, receiver.Url);
        Assert.Equal(1, receiver.Challenges);

        var id = await api.CreateUser("zoe@example.com", type: 1);
        (await api.Patch($"/v2/users/{id}", new { first_name = "Zoë", last_name = "O'Brien <ops> & co 😀\u0001", dept = "Ops" })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{id}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{id}/status", new { action = "activate" })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{id}/email", new { email = "zoe2@example.com" })).Is(HttpStatusCode.NoContent);
        (await api.Delete($"/v2/users/{id}?action=delete")).Is(HttpStatusCode.NoContent);

        var got = await receiver.AtLeast(7);
        // sent concurrently, as Zoom does: the order of arrival is not promised
        Assert.Equal(["user.activated", "user.created", "user.deactivated", "user.deleted", "user.settings_updated", "user.updated", "user.updated"],
            got.Select(r => r.Event).Order(StringComparer.Ordinal));
        Received One(string name, Func<JsonObject, bool>? which = null)
            => got.Single(r => r.Event == name && (which is null || which(r.Body["payload"]!["object"]!.AsObject())));
        Assert.All(got, r =>
        {
            Assert.True(r.SignatureValid, r.Raw);
            Assert.True(r.Canonical, r.Raw); // what JSON.stringify(JSON.parse(body)) gives: Zoom's receiver checks that
            Assert.Equal("Zoom Marketplace/1.0a", r.UserAgent);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.False(string.IsNullOrEmpty(r.TrackingId));
            var payload = r.Body["payload"]!.AsObject();
            Assert.Equal(RosterApp.AccountId, payload["account_id"]!.GetValue<string>());
            Assert.Equal(13, r.Body["event_ts"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            Assert.Equal(id, payload["object"]!["id"]!.GetValue<string>());
            // the operator is the caller's own GET /users/me identity
            Assert.Equal(owner["email"]!.GetValue<string>(), payload["operator"]!.GetValue<string>());
            Assert.Equal(owner["id"]!.GetValue<string>(), payload["operator_id"]!.GetValue<string>());
        });
        Assert.Equal("custCreate", One("user.created").Body["payload"]!["creation_type"]!.GetValue<string>());
        Assert.Equal("zoe@example.com", One("user.created").Body["payload"]!["object"]!["email"]!.GetValue<string>());
        var names = One("user.updated", o => o.ContainsKey("first_name"));
        var updated = names.Body["payload"]!.AsObject();
        Assert.Equal("Zoë", updated["object"]!["first_name"]!.GetValue<string>());
        Assert.Equal("O'Brien <ops> & co 😀\u0001", updated["object"]!["last_name"]!.GetValue<string>());
        Assert.Equal("First", updated["old_object"]!["first_name"]!.GetValue<string>());
        Assert.Contains("Zoë", names.Raw); // not escaped
        Assert.Contains("<ops> & co 😀\\u0001", names.Raw);
        var settings = One("user.settings_updated").Body["payload"]!;
        Assert.True(settings["object"]!["settings"]!["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.False(settings["old_object"]!["settings"]!["in_meeting"]!["chat"]!.GetValue<bool>());
        var email = One("user.updated", o => o.ContainsKey("email")).Body["payload"]!;
        Assert.Equal("zoe2@example.com", email["object"]!["email"]!.GetValue<string>());
        Assert.Equal("zoe@example.com", email["old_object"]!["email"]!.GetValue<string>());

        // the log shows each delivery once, delivered at the first attempt
        var log = await DeliveriesWhen(api, l => l.Count == 7 && l.All(d => d!["state"]!.GetValue<string>() == "delivered"));
        Assert.Equal(7, log.Count);
        Assert.All(log, d =>
        {
            Assert.Equal("delivered", d!["state"]!.GetValue<string>());
            Assert.Equal(subscription, d["subscription_id"]!.GetValue<string>());
            Assert.Equal(200, d["attempt_log"]!.AsArray().Single()!["status"]!.GetValue<int>());
        });

        // deleted: nothing more reaches the receiver
        (await api.Delete($"{SubscriptionsPath}/{subscription}")).Is(HttpStatusCode.NoContent);
        await api.CreateUser("after@example.com");
        await Task.Delay(500);
        Assert.Equal(7, receiver.Events.Count);
        (await api.Delete($"{SubscriptionsPath}/{subscription}")).IsError(404, 3001);
    }

    [Fact]
    public async Task SubscriptionsFollowZoomsRulesAndRefusalsSaveNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App();
        using var api = await app.ApiAsync();
        var userId = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        object Body(object? events = null, string? url = null, string scope = "account") => new
        {
            events = events ?? new[] { "user.created" }, event_webhook_url = url ?? receiver.Url, subscription_scope = scope,
        };
        (await api.Post(SubscriptionsPath, Body(events: new[] { "user.created", "meeting.started" }))).IsError(400, 300);
        (await api.Post(SubscriptionsPath, Body(events: Array.Empty<string>()))).IsError(400, 300);
        (await api.Post(SubscriptionsPath, Body(url: "ftp://example.com/x"))).IsError(400, 300);
        (await api.Post(SubscriptionsPath, Body(url: "not a url"))).IsError(400, 300);
        (await api.Post(SubscriptionsPath, Body(scope: "galaxy"))).IsError(400, 300);
        (await api.Post(SubscriptionsPath, Body(scope: "user"))).IsError(400, 300); // no user_ids
        (await api.Send(HttpMethod.Post, SubscriptionsPath, rawBody: "{")).IsError(400, 300);
        // the URL must answer the challenge: a wrong answer, a missing endpoint, a closed port
        receiver.WrongChallenge = true;
        (await api.Post(SubscriptionsPath, Body())).IsError(400, 300);
        receiver.WrongChallenge = false;
        (await api.Post(SubscriptionsPath, Body(url: receiver.Url + "/nope"))).IsError(400, 300);
        (await api.Post(SubscriptionsPath, Body(url: "http://127.0.0.1:1/zoom/events"))).IsError(400, 300);
        var list = (await api.Get($"{SubscriptionsPath}?user_id={userId}&account_id={RosterApp.AccountId}")).Is(HttpStatusCode.OK).Json;
        Assert.Empty(list["event_subscriptions"]!.AsArray());
        (await api.Get($"{SubscriptionsPath}?account_id={RosterApp.AccountId}")).IsError(400, 300);

        // twenty per app, then Zoom's limit
        var ids = new List<string>();
        for (var i = 0; i < 20; i++) ids.Add(await Subscribe(api, receiver.Url, ["user.created"]));
        (await api.Post(SubscriptionsPath, Body())).IsError(400, 300);
        list = (await api.Get($"{SubscriptionsPath}?user_id=me&account_id={RosterApp.AccountId}&page_size=15")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(15, list["event_subscriptions"]!.AsArray().Count);
        var rest = (await api.Get($"{SubscriptionsPath}?user_id=me&account_id={RosterApp.AccountId}&page_size=15&next_page_token={list["next_page_token"]}")).Json;
        Assert.Equal(ids, list["event_subscriptions"]!.AsArray().Concat(rest["event_subscriptions"]!.AsArray()).Select(s => s!["event_subscription_id"]!.GetValue<string>()));
        var first = list["event_subscriptions"]![0]!;
        Assert.Equal(receiver.Url, first["event_webhook_url"]!.GetValue<string>());
        Assert.Equal("account", first["subscription_scope"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, list.ToJsonString());

        // update: a new URL answers the challenge first; a failing one changes nothing
        var challenges = receiver.Challenges;
        (await api.Patch(SubscriptionsPath, new { event_subscription_id = ids[0], event_subscription_name = "renamed", events = new[] { "user.updated" } }))
            .Is(HttpStatusCode.NoContent);
        Assert.Equal(challenges, receiver.Challenges);
        (await api.Patch(SubscriptionsPath, new { event_subscription_id = ids[0], event_webhook_url = "http://127.0.0.1:1/x" })).IsError(400, 300);
        (await api.Patch(SubscriptionsPath, new { event_subscription_id = "nope", event_subscription_name = "x" })).IsError(404, 3001);
        list = (await api.Get($"{SubscriptionsPath}?user_id=me&account_id={RosterApp.AccountId}&page_size=1")).Json;
        Assert.Equal("renamed", list["event_subscriptions"]![0]!["event_subscription_name"]!.GetValue<string>());
        Assert.Equal(["user.updated"], list["event_subscriptions"]![0]!["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(receiver.Url, list["event_subscriptions"]![0]!["event_webhook_url"]!.GetValue<string>());

        // unsubscribe the account: the subscription goes
        (await api.Delete($"{SubscriptionsPath}?event_subscription_id={ids[1]}&account_id={RosterApp.AccountId}")).Is(HttpStatusCode.NoContent);
        (await api.Delete($"{SubscriptionsPath}/{ids[1]}")).IsError(404, 3001);
        (await api.Delete($"{SubscriptionsPath}?event_subscription_id={ids[2]}")).IsError(400, 300);
    }

    [Fact]
    public async Task OnlyTheAppsOwnTokenManagesItsSubscriptionsAndAUserScopeHearsOnlyItsUsers()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App();
        using var api = await app.ApiAsync();
        var alice = await api.CreateUser("alice@example.com");
        var bob = await api.CreateUser("bob@example.com");
        var owner = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await api.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw" })).Is(HttpStatusCode.NoContent);
        var userToken = await OAuthFlow.UserTokenAsync(app, api, "owner@example.com", "0wnerPassw");
        var sub = await Subscribe(api, receiver.Url, ["user.updated"], scope: "user", userIds: [alice]);

        // another app of the account sees none of this app's subscriptions and cannot change them
        var otherApp = (await api.Post("/roster/v1/apps", new { name = "Other" })).Is(HttpStatusCode.Created).Json;
        Assert.False(string.IsNullOrEmpty(otherApp["webhook_secret_token"]!.GetValue<string>()));
        using var other = app.ApiWith(await app.TokenAsync(otherApp["client_id"]!.GetValue<string>(), otherApp["client_secret"]!.GetValue<string>()));
        Assert.Empty((await other.Get($"{SubscriptionsPath}?user_id=me&account_id={RosterApp.AccountId}")).Is(HttpStatusCode.OK).Json["event_subscriptions"]!.AsArray());
        (await other.Delete($"{SubscriptionsPath}/{sub}")).IsError(404, 3001);
        // an app without a users read scope may not hear user events
        var narrow = await app.AppAsync(api, null, ["user:write:user:admin"]);
        (await narrow.Post(SubscriptionsPath, new { events = new[] { "user.created" }, event_webhook_url = receiver.Url, subscription_scope = "account" }))
            .IsError(400, 4711);
        // a user-level token is not the way
        using var user = app.ApiWith(userToken);
        (await user.Post(SubscriptionsPath, new { events = new[] { "user.created" }, event_webhook_url = receiver.Url, subscription_scope = "account" }))
            .IsError(400, 4711);

        // scope user: alice's change arrives, bob's does not; subscribing bob later adds him
        (await api.Patch($"/v2/users/{bob}", new { dept = "B" })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{alice}", new { dept = "A" })).Is(HttpStatusCode.NoContent);
        var got = await receiver.AtLeast(1);
        await Task.Delay(300);
        Assert.Equal([alice], receiver.Events.Select(e => e.Body["payload"]!["object"]!["id"]!.GetValue<string>()));
        (await api.Patch($"{SubscriptionsPath}/{sub}", new { user_ids = new[] { bob }, account_id = RosterApp.AccountId })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{bob}", new { dept = "B2" })).Is(HttpStatusCode.NoContent);
        await receiver.AtLeast(2);
        Assert.Equal(bob, receiver.Events.Last().Body["payload"]!["object"]!["id"]!.GetValue<string>());
        (await api.Delete($"{SubscriptionsPath}?event_subscription_id={sub}&account_id={RosterApp.AccountId}&user_ids={alice}")).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{alice}", new { dept = "A2" })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{bob}", new { dept = "B3" })).Is(HttpStatusCode.NoContent);
        await receiver.AtLeast(3);
        await Task.Delay(300);
        Assert.Equal([alice, bob, bob], receiver.Events.Select(e => e.Body["payload"]!["object"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FailedDeliveriesAreRetriedOnTheStoresClockAndFourHundredsAreNot()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        await Subscribe(api, receiver.Url, ["user.created"]);
        receiver.Answer = r => (r.Body["payload"]!["object"]!["email"]!.GetValue<string>().StartsWith("bad", StringComparison.Ordinal) ? 400 : 500, TimeSpan.Zero);
        await api.CreateUser("retry@example.com");
        await api.CreateUser("bad@example.com");
        var log = await DeliveriesWhen(api, l => l.Count == 2 && l.All(d => d!["attempts"]!.GetValue<int>() == 1));
        var retry = log.Single(d => d!["request_body"]!["payload"]!["object"]!["email"]!.GetValue<string>() == "retry@example.com")!;
        var bad = log.Single(d => d != retry)!;
        Assert.Equal("pending", retry["state"]!.GetValue<string>());
        Assert.Equal("failed", bad["state"]!.GetValue<string>()); // a 4xx is not retried
        Assert.Equal(400, bad["last_status"]!.GetValue<int>());

        // nothing more until the store's clock reaches +5 min; then +20, then +60, then dead
        await Task.Delay(300);
        Assert.Equal(2, receiver.Events.Count);
        var minutes = new[] { 5, 20, 60 };
        for (var i = 0; i < minutes.Length; i++)
        {
            (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = minutes[i] * 60 - 1 })).Is(HttpStatusCode.OK);
            await Task.Delay(300);
            Assert.Equal(2 + i, receiver.Events.Count);
            (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 1 })).Is(HttpStatusCode.OK);
            await receiver.AtLeast(3 + i);
            Assert.Equal(3 + i, receiver.Events.Count);
        }
        using var fresh = await app.ApiAsync(); // the first token expired on the way
        var dead = await DeliveriesWhen(fresh, l => l.Any(d => d!["state"]!.GetValue<string>() == "dead"), "&state=dead");
        var attempts = dead.Single()!["attempt_log"]!.AsArray();
        Assert.Equal([0, 1, 2, 3], attempts.Select(a => a!["retry_num"]!.GetValue<int>()));
        Assert.All(attempts, a => Assert.Equal(500, a!["status"]!.GetValue<int>()));
        Assert.All(attempts, a => Assert.Equal("HTTP 500", a!["failure"]!.GetValue<string>()));

        // redelivery: one delivery, a new round; the receiver is healthy now
        receiver.Answer = _ => (200, TimeSpan.Zero);
        var deadId = dead.Single()!["id"]!.GetValue<string>();
        Assert.Equal(1, (await fresh.Post($"/roster/v1/webhooks/deliveries/{deadId}/redeliver", null)).Is(HttpStatusCode.Accepted).Json["redelivered"]!.GetValue<int>());
        await DeliveriesWhen(fresh, l => l.Any(d => d!["id"]!.GetValue<string>() == deadId && d["state"]!.GetValue<string>() == "delivered"), "&state=delivered");
        Assert.Equal(6, receiver.Events.Count);
        (await fresh.Post("/roster/v1/webhooks/deliveries/nope/redeliver", null)).IsError(404, 3001);
        // a time range: both go again
        Assert.Equal(2, (await fresh.Post("/roster/v1/webhooks/redeliver", new { from = "2000-01-01T00:00:00Z" })).Is(HttpStatusCode.Accepted).Json["redelivered"]!.GetValue<int>());
        await receiver.AtLeast(8);
        (await fresh.Post("/roster/v1/webhooks/redeliver", new { })).IsError(400, 300);
        (await fresh.Post("/roster/v1/webhooks/redeliver", new { from = "yesterday" })).IsError(400, 300);
    }

    [Fact]
    public async Task ADeadSlowOrRedirectingReceiverIsLoggedWithWhy()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App();
        using var api = await app.ApiAsync();
        await Subscribe(api, receiver.Url, ["user.created"]);
        receiver.Answer = r => r.Body["payload"]!["object"]!["email"]!.GetValue<string>() switch
        {
            "slow@example.com" => (200, TimeSpan.FromSeconds(4)),
            "moved@example.com" => (302, TimeSpan.Zero),
            _ => (200, TimeSpan.Zero),
        };
        await api.CreateUser("slow@example.com");
        await api.CreateUser("moved@example.com");
        var log = await DeliveriesWhen(api, l => l.Count == 2 && l.All(d => d!["attempts"]!.GetValue<int>() == 1));
        JsonNode Of(string email) => log.Single(d => d!["request_body"]!["payload"]!["object"]!["email"]!.GetValue<string>() == email)!;
        Assert.Equal("pending", Of("slow@example.com")["state"]!.GetValue<string>()); // a timeout is retried
        Assert.Equal(-1, Of("slow@example.com")["last_status"]!.GetValue<int>());
        Assert.StartsWith("timeout", Of("slow@example.com")["last_error"]!.GetValue<string>());
        Assert.Equal("failed", Of("moved@example.com")["state"]!.GetValue<string>()); // redirects are not followed, nor retried
        Assert.Equal(302, Of("moved@example.com")["last_status"]!.GetValue<int>());
        Assert.DoesNotContain(receiver.Events, e => e.Raw.Contains("elsewhere", StringComparison.Ordinal));

        // the receiver goes away: a refused connection, retried
        var url = receiver.Url;
        await receiver.DisposeAsync();
        await api.CreateUser("down@example.com");
        log = await DeliveriesWhen(api, l => l.Any(d => d!["last_status"]?.GetValue<int>() == -2));
        var down = log.Single(d => d!["request_body"]!["payload"]!["object"]!["email"]!.GetValue<string>() == "down@example.com")!;
        Assert.Equal("pending", down["state"]!.GetValue<string>());
        Assert.Equal("connection refused", down["last_error"]!.GetValue<string>());
        Assert.Equal(url, down["endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliveriesNeverReachDeniedNetworksAndTheLogIsTheAccountsOwn()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        // cloud metadata addresses are refused by default; here loopback is denied too
        await using (var closed = App(new Dictionary<string, string> { ["Webhooks:DeniedNetworks"] = "127.0.0.0/8,::1/128" }))
        {
            using var api = await closed.ApiAsync();
            var refused = (await api.Post(SubscriptionsPath, new { events = new[] { "user.created" }, event_webhook_url = receiver.Url, subscription_scope = "account" }))
                .IsError(400, 300);
            Assert.Contains("may not reach", refused.Json["message"]!.GetValue<string>());
            Assert.Equal(0, receiver.Challenges);
        }
        await using var app = App();
        using var admin = await app.ApiAsync();
        var metadata = (await admin.Post(SubscriptionsPath, new { events = new[] { "user.created" }, event_webhook_url = "http://169.254.169.254/latest", subscription_scope = "account" }))
            .IsError(400, 300);
        Assert.Contains("may not reach", metadata.Json["message"]!.GetValue<string>());

        // a sub account's deliveries are not in the master's log, and the master's not in the sub account's
        await Subscribe(admin, receiver.Url, ["user.created"]);
        await admin.CreateUser("mine@example.com");
        await DeliveriesWhen(admin, l => l.Count == 1);
        var (sub, _, _) = await app.SubAccountAsync(admin, "boss@tenant.test");
        Assert.Empty(await Deliveries(sub));
        // the log needs a users read scope; redelivery a users write scope
        var narrow = await app.AppAsync(admin, null, ["user:read:list_users:admin"]);
        (await narrow.Get("/roster/v1/webhooks/deliveries")).IsError(400, 4711);
        (await narrow.Post("/roster/v1/webhooks/redeliver", new { from = "2000-01-01T00:00:00Z" })).IsError(400, 4711);
        (await admin.Get("/roster/v1/webhooks/deliveries?state=nope")).IsError(400, 300);
        (await admin.Get("/roster/v1/webhooks/deliveries?page_size=0")).IsError(400, 300);
    }

    [Fact]
    public async Task AnAppCreatedWithASubscriptionHasItsTokenShownOnceAndTheSecretCanBeRotated()
    {
        await using var receiver = await WebhookReceiver.StartAsync("chosen-token-123456");
        await using var app = App();
        using var api = await app.ApiAsync();
        var created = (await api.Post("/roster/v1/apps", new
        {
            name = "Hooks", webhook_secret_token = "chosen-token-123456",
            event_subscription = new { events = new[] { "user.created" }, event_webhook_url = receiver.Url },
        })).Is(HttpStatusCode.Created).Json;
        Assert.Equal("chosen-token-123456", created["webhook_secret_token"]!.GetValue<string>());
        var subscriptionId = created["event_subscription_id"]!.GetValue<string>();
        Assert.Equal(1, receiver.Challenges);
        await api.CreateUser("hooked@example.com");
        var got = await receiver.AtLeast(1);
        Assert.True(got.Single().SignatureValid);

        // a failing challenge refuses the whole app
        receiver.WrongChallenge = true;
        (await api.Post("/roster/v1/apps", new { name = "Nope", event_subscription = new { events = new[] { "user.created" }, event_webhook_url = receiver.Url } }))
            .IsError(400, 300);
        receiver.WrongChallenge = false;
        (await api.Post("/roster/v1/apps", new { webhook_secret_token = "short" })).IsError(400, 300);

        // rotating: deliveries sign with the new token at once
        using var hooks = app.ApiWith(await app.TokenAsync(created["client_id"]!.GetValue<string>(), created["client_secret"]!.GetValue<string>()));
        var rotated = (await hooks.Post("/roster/v1/webhooks/secret_token", null)).Is(HttpStatusCode.OK).Json["secret_token"]!.GetValue<string>();
        Assert.NotEqual("chosen-token-123456", rotated);
        receiver.Secret = rotated;
        await api.CreateUser("rotated@example.com");
        got = await receiver.AtLeast(2);
        Assert.True(got[1].SignatureValid);
        Assert.Single((await hooks.Get($"{SubscriptionsPath}?user_id=me&account_id={RosterApp.AccountId}")).Json["event_subscriptions"]!.AsArray(),
            s => s!["event_subscription_id"]!.GetValue<string>() == subscriptionId);
    }

    [Fact]
    public async Task ValidatedUrlsAreChallengedAgainEvery72HoursAndSixFailuresDisableTheSubscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App(new Dictionary<string, string> { ["Webhooks:RevalidateCheckMs"] = "100" });
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var id = await Subscribe(api, receiver.Url, ["user.created"]);
        Assert.Equal(1, receiver.Challenges);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 71 * 3600 })).Is(HttpStatusCode.OK);
        await Task.Delay(500);
        Assert.Equal(1, receiver.Challenges); // not yet
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 3600 })).Is(HttpStatusCode.OK);
        for (var i = 0; i < 100 && receiver.Challenges < 2; i++) await Task.Delay(100);
        Assert.Equal(2, receiver.Challenges);

        // the endpoint stops answering right: six failed checks in a row, and the subscription is disabled
        receiver.WrongChallenge = true;
        for (var n = 0; n < 6; n++)
        {
            (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 72 * 3600 })).Is(HttpStatusCode.OK);
            for (var i = 0; i < 100 && receiver.Challenges < 3 + n; i++) await Task.Delay(100);
            Assert.Equal(3 + n, receiver.Challenges);
        }
        using var fresh = await app.ApiAsync();
        async Task<bool> Disabled() => (await fresh.Get($"{SubscriptionsPath}?user_id=me&account_id={RosterApp.AccountId}")).Json["event_subscriptions"]![0]!["disabled"]!.GetValue<bool>();
        for (var i = 0; i < 50 && !await Disabled(); i++) await Task.Delay(100);
        Assert.True(await Disabled());
        await fresh.CreateUser("unheard@example.com");
        await Task.Delay(500);
        Assert.Empty(receiver.Events);
        // a working URL set again enables it
        receiver.WrongChallenge = false;
        (await fresh.Patch(SubscriptionsPath, new { event_subscription_id = id, event_webhook_url = receiver.Url })).Is(HttpStatusCode.NoContent);
        Assert.False(await Disabled());
        await fresh.CreateUser("heard@example.com");
        Assert.Single(await receiver.AtLeast(1));
    }

    [Fact]
    public async Task InvitationsSignInsPasswordsSignOutsAndDisassociationsAreSentAsZoomSendsThem()
    {
        const string redirect = "https://app.example.test/callback";
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var app = App();
        using var api = await app.ApiAsync();
        await Subscribe(api, receiver.Url, ["user.invitation_accepted", "user.signed_in", "user.updated", "user.disassociated"]);
        var id = await api.CreateUser("invitee@example.com", action: "create");
        var link = (await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single()!["link"]!.GetValue<string>();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await HtmlForms.Submit(browser, new Uri(link).PathAndQuery, new() { ["password"] = "Invit3dPassw" })).StatusCode);
        var got = await receiver.AtLeast(2);
        var accepted = got.Single(r => r.Event == "user.invitation_accepted").Body["payload"]!.AsObject();
        Assert.Equal(["account_id", "object"], accepted.Select(p => p.Key));
        Assert.Equal("invitee@example.com", accepted["object"]!["email"]!.GetValue<string>());
        var signedIn = got.Single(r => r.Event == "user.signed_in").Body["payload"]!["object"]!;
        Assert.Equal(id, signedIn["id"]!.GetValue<string>());
        Assert.Equal("browser", signedIn["client_type"]!.GetValue<string>());
        Assert.Equal(100, signedIn["login_type"]!.GetValue<int>());
        Assert.True(DateTimeOffset.TryParse(signedIn["date_time"]!.GetValue<string>(), out _));

        // the consent page is a sign-in too
        var created = (await api.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { redirect } })).Is(HttpStatusCode.Created).Json;
        var clientId = created["client_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.Submit(browser, $"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirect)}",
            new() { ["client_id"] = clientId, ["redirect_uri"] = redirect, ["email"] = "invitee@example.com", ["password"] = "Invit3dPassw" })).StatusCode);
        Assert.Equal(2, (await receiver.AtLeast(2, r => r.Event == "user.signed_in")).Count);

        // a password change and a sign-out from all devices are user.updated with Zoom's operation
        (await api.Put($"/v2/users/{id}/password", new { password = "N3wPassword" })).Is(HttpStatusCode.NoContent);
        (await api.Delete($"/v2/users/{id}/token")).Is(HttpStatusCode.NoContent);
        var operations = (await receiver.AtLeast(2, r => r.Event == "user.updated")).Select(r => r.Body["payload"]!["operation"]!.GetValue<string>()).Order();
        Assert.Equal(["change_password", "sign_out_from_all_devices"], operations);

        // a pending user disassociated: user.disassociated with every field Zoom requires
        var pending = await api.CreateUser("pending@other-domain.test", action: "create");
        (await api.Delete($"/v2/users/{pending}?action=disassociate")).Is(HttpStatusCode.NoContent);
        var gone = (await receiver.AtLeast(1, r => r.Event == "user.disassociated")).Single().Body["payload"]!.AsObject();
        Assert.Equal(["id", "first_name", "last_name", "email", "type"], gone["object"]!.AsObject().Select(p => p.Key));
        Assert.False(string.IsNullOrEmpty(gone["operator"]!.GetValue<string>()));
        Assert.All(receiver.Events, r => Assert.True(r.SignatureValid && r.Canonical, r.Raw));
    }
}
