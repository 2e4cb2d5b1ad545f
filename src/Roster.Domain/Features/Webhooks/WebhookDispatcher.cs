using System.Globalization;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Events;

namespace Roster.Domain.Webhooks;

/// <summary>
/// Turns committed events into deliveries and deliveries into signed requests, at least once, from any number of nodes:
/// <list type="bullet">
/// <item><b>Fan-out</b> reads the outbox after a cursor kept in the store and writes one delivery per (event,
/// subscription that hears it) together with the moved cursor, in one transaction: a crash repeats a batch or none of it,
/// and two nodes cannot both fan out one event (the cursor row is the point of conflict; the (event, subscription) key a
/// second guard).</item>
/// <item><b>Leasing</b> takes due deliveries for this node for a while (real clock); a node killed mid-delivery loses its
/// lease when it runs out and another node sends again (the one duplicate at-least-once allows).</item>
/// <item><b>Attempts</b> are recorded with the delivery's new state: 2xx delivered; 5xx, timeout or refused connection
/// retried at +5, +20, +60 minutes on the store's clock, then dead; 3xx/4xx failed, not retried.</item>
/// </list>
/// The API request that made a change never waits for any of this.
/// </summary>
public sealed class WebhookDispatcher(IRosterStore store, Sandbox.StoreClock clock, SecretBox secrets, IWebhookSender sender, UrlValidation validation, string node)
{
    public const string CursorMetaKey = "webhook_cursor";
    public const int FanOutBatch = 500;
    public const string UserAgent = "Zoom Marketplace/1.0a";
    public const int MaxResponseChars = 1024;

    public string Node => node;
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The headers of a webhook request as Zoom sends them, signed over exactly <paramref name="body"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string secretToken, long timestamp, byte[] body, string trackingId) =>
    [
        new("user-agent", UserAgent),
        new(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
        new(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secretToken, timestamp, body)),
        new("x-zm-trackingid", trackingId),
    ];

    static EventPosition CursorOf(string? stored) => EventPosition.TryParse(stored, out var p) ? p : EventPosition.Start;

    /// <summary>Fans out what committed since the cursor (one batch); returns how many events it passed.</summary>
    public async Task<int> FanOutAsync(CancellationToken ct = default)
    {
        var waiting = await store.ReadAsync(async s => (await s.ListEventsAsync(null, CursorOf(await s.GetMetaAsync(CursorMetaKey)), 1)).Count > 0, ct);
        if (!waiting) return 0;
        return await store.WriteAsync(async s =>
        {
            var cursor = CursorOf(await s.GetMetaHeldAsync(CursorMetaKey));
            var subscriptions = await s.ListActiveSubscriptionsAsync();
            if (subscriptions.Count == 0)
            {
                // nobody listens, so nothing is fanned out: the cursor moves past what committed without reading it
                var latest = await s.LatestEventPositionAsync();
                if (latest.CompareTo(cursor) > 0) await s.SetMetaAsync(CursorMetaKey, latest.ToString());
                return 0;
            }
            var events = await s.ListEventsAsync(null, cursor, FanOutBatch);
            if (events.Count == 0) return 0;
            var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
            var emails = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                if (WebhookBodies.For(e, null) is not { } draft) continue;
                var zoomEvent = draft["event"]!.GetValue<string>();
                if (!parents.TryGetValue(e.AccountId, out var parent))
                    parents[e.AccountId] = parent = (await s.GetAccountAsync(e.AccountId))?.ParentId;
                var hearing = subscriptions.Where(x => x.Hears(e, zoomEvent, parent)).ToList();
                if (hearing.Count == 0) continue;
                // the operator's e-mail, where the event carries an operator: looked up once per batch
                if (draft["payload"] is JsonObject payload && payload.ContainsKey("operator") && e.OperatorId is { } op)
                {
                    if (!emails.TryGetValue(op, out var email)) emails[op] = email = (await s.GetUserAsync(op))?.Email;
                    payload["operator"] = email ?? "";
                }
                var body = CanonicalJson.ToText(draft);
                foreach (var sub in hearing)
                    await s.InsertDeliveryAsync(new WebhookDelivery
                    {
                        Id = Ids.Random(16), EventId = e.Id, SubscriptionId = sub.Id, ClientId = sub.ClientId, AccountId = sub.AccountId,
                        Event = zoomEvent, Url = sub.Url, Body = body, OccurredAt = e.OccurredAt, NextAt = e.OccurredAt,
                    });
            }
            await s.SetMetaAsync(CursorMetaKey, events[^1].Position.ToString());
            return events.Count;
        }, ct);
    }

    /// <summary>Takes up to <paramref name="limit"/> due deliveries for this node; those whose subscription is gone are closed here.</summary>
    public async Task<IReadOnlyList<LeasedDelivery>> LeaseAsync(int limit, CancellationToken ct = default)
    {
        if (limit <= 0) return [];
        var realNow = clock.Real.GetUtcNow().ToUnixTimeMilliseconds();
        var storeNow = clock.GetUtcNow();
        if (!await store.ReadAsync(s => s.AnyDeliveryDueAsync(storeNow, realNow), ct)) return [];
        return await store.WriteAsync(async s =>
        {
            var taken = await s.LeaseDeliveriesAsync(node, storeNow, realNow, realNow + (long)Lease.TotalMilliseconds, limit);
            var leased = new List<LeasedDelivery>(taken.Count);
            var secretsOf = new Dictionary<string, string?>(StringComparer.Ordinal); // an app's secret in clear, or null when it is gone
            var subscriptions = new Dictionary<string, WebhookSubscription?>(StringComparer.Ordinal);
            foreach (var d in taken)
            {
                if (!subscriptions.TryGetValue(d.SubscriptionId, out var sub)) subscriptions[d.SubscriptionId] = sub = await s.GetSubscriptionAsync(d.SubscriptionId);
                if (!secretsOf.TryGetValue(d.ClientId, out var secret))
                    secretsOf[d.ClientId] = secret = await s.GetAppAsync(d.ClientId) is { Active: true } app ? secrets.Open(app.WebhookSecret) : null;
                var why = sub is null ? "the subscription was deleted" : sub.Disabled ? "the subscription is disabled" : secret is null ? "the app is gone" : null;
                if (why is not null)
                {
                    await s.FinishAttemptAsync(d with { State = DeliveryStates.Failed, LastError = why }, null, node);
                    continue;
                }
                leased.Add(new LeasedDelivery(d, sub!.Url, secret!));
            }
            return (IReadOnlyList<LeasedDelivery>)leased;
        }, ct);
    }

    /// <summary>Sends one leased delivery, signed now, and records the attempt and what comes next.</summary>
    public async Task<SendOutcome> DeliverAsync(LeasedDelivery leased, CancellationToken ct = default)
    {
        var sent = await SendAsync(leased, ct);
        await RecordAsync([sent], ct);
        return sent.Outcome;
    }

    /// <summary>One attempt made: the delivery as it stands after it, and the log line.</summary>
    public sealed record Attempted(WebhookDelivery Next, WebhookAttempt Attempt, SendOutcome Outcome);

    /// <summary>Sends one leased delivery, signed now; what comes next is decided here and recorded by <see cref="RecordAsync"/>.</summary>
    public async Task<Attempted> SendAsync(LeasedDelivery leased, CancellationToken ct = default)
    {
        var d = leased.Delivery;
        var body = Encoding.UTF8.GetBytes(d.Body);
        var sentAt = clock.GetUtcNow();
        var outcome = await sender.PostAsync(leased.Url, body, Headers(leased.SecretToken, clock.Real.GetUtcNow().ToUnixTimeSeconds(), body, Ids.Random(16)), ct);
        var now = clock.GetUtcNow();
        var retryable = SendFailures.Retryable(outcome.Status);
        var next = outcome.Succeeded
            ? d with { State = DeliveryStates.Delivered }
            : retryable && d.Retries < WebhookRules.RetryDelays.Length
                ? d with { State = DeliveryStates.Pending, NextAt = now + WebhookRules.RetryDelays[d.Retries], Retries = d.Retries + 1 }
                : d with { State = retryable ? DeliveryStates.Dead : DeliveryStates.Failed };
        next = next with { Attempts = d.Attempts + 1, LastStatus = outcome.Status, LastError = outcome.Failure, Url = leased.Url };
        var attempt = new WebhookAttempt(d.Id, d.AccountId, d.Attempts + 1, d.Retries, sentAt, outcome.Status, outcome.LatencyMs, outcome.Failure,
            outcome.Response is { Length: > MaxResponseChars } r ? r[..MaxResponseChars] : outcome.Response, node);
        return new Attempted(next, attempt, outcome);
    }

    /// <summary>Records attempts (many in one transaction: the store's writer is shared with the API).</summary>
    public Task RecordAsync(IReadOnlyList<Attempted> attempts, CancellationToken ct = default)
        => attempts.Count == 0 ? Task.CompletedTask : store.WriteAsync(async s =>
        {
            foreach (var a in attempts) await s.FinishAttemptAsync(a.Next, a.Attempt, node);
            return 0;
        }, ct);

    /// <summary>
    /// Challenges again the URLs validated more than 72 hours ago (store clock); a URL that fails
    /// <see cref="WebhookRules.MaxValidationFailures"/> times in a row disables its subscription. Returns how many were checked.
    /// </summary>
    public async Task<int> RevalidateAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await store.ReadAsync(async s =>
        {
            var list = new List<(WebhookSubscription Sub, string Secret)>();
            foreach (var sub in (await s.ListActiveSubscriptionsAsync()).Where(x => x.ValidatedAt + WebhookRules.Revalidation <= now))
                if (await s.GetAppAsync(sub.ClientId) is { Active: true } app) list.Add((sub, secrets.Open(app.WebhookSecret)));
            return list;
        }, ct);
        foreach (var (sub, secret) in due)
        {
            var failed = await validation.ChallengeAsync(sub.Url, secret, ct) is not null;
            await store.WriteAsync(async s =>
            {
                // only if nobody changed it meanwhile (a new URL, another node's check)
                await s.LockAsync(WebhookRules.SubscriptionsLock(sub.ClientId));
                if (await s.GetSubscriptionAsync(sub.Id) is not { } current || current.Url != sub.Url || current.ValidatedAt != sub.ValidatedAt) return 0;
                var failures = failed ? current.ValidationFailures + 1 : 0;
                await s.UpdateSubscriptionAsync(current with
                {
                    ValidatedAt = clock.GetUtcNow(), ValidationFailures = failures, Disabled = failures >= WebhookRules.MaxValidationFailures,
                });
                return 0;
            }, ct);
        }
        return due.Count;
    }
}
