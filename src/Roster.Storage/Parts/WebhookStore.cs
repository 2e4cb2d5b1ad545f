using Roster.Domain.Webhooks;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Webhook subscriptions, deliveries and their attempts.</summary>
internal sealed class WebhookStore(SqlRunner db) : IWebhookStore
{
    sealed class SubscriptionRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Events { get; set; } = "";
        public string Url { get; set; } = "";
        public string Scope { get; set; } = "";
        public string UserIds { get; set; } = "";
        public long CreatedAt { get; set; }
        public long ValidatedAt { get; set; }
        public long ValidationFailures { get; set; }
        public long Disabled { get; set; }
    }

    static WebhookSubscription ToSubscription(SubscriptionRow r) => new()
    {
        Id = r.Id, ClientId = r.ClientId, AccountId = r.AccountId, Name = r.Name, Events = r.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Url = r.Url, Scope = r.Scope, UserIds = r.UserIds.Split(' ', StringSplitOptions.RemoveEmptyEntries), CreatedAt = At(r.CreatedAt),
        ValidatedAt = At(r.ValidatedAt), ValidationFailures = (int)r.ValidationFailures, Disabled = r.Disabled != 0,
    };

    static object SubscriptionArgs(WebhookSubscription x) => new
    {
        x.Id, x.ClientId, x.AccountId, x.Name, Events = string.Join(' ', x.Events), x.Url, x.Scope, UserIds = string.Join(' ', x.UserIds),
        CreatedAt = Ms(x.CreatedAt), ValidatedAt = Ms(x.ValidatedAt), ValidationFailures = (long)x.ValidationFailures, Disabled = x.Disabled ? 1L : 0L,
    };

    public async Task<WebhookSubscription?> GetSubscriptionAsync(string id)
        => await db.One<SubscriptionRow>("SELECT * FROM webhook_subscriptions WHERE id = @id", new { id }) is { } r ? ToSubscription(r) : null;

    public async Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsOfAppAsync(string clientId)
        => (await db.Many<SubscriptionRow>("SELECT * FROM webhook_subscriptions WHERE client_id = @clientId ORDER BY seq", new { clientId }))
            .Select(ToSubscription).ToList();

    public async Task<IReadOnlyList<WebhookSubscription>> ListActiveSubscriptionsAsync()
        => (await db.Many<SubscriptionRow>("SELECT * FROM webhook_subscriptions WHERE disabled = 0 ORDER BY seq")).Select(ToSubscription).ToList();

    public Task InsertSubscriptionAsync(WebhookSubscription x)
        => db.Exec("""
            INSERT INTO webhook_subscriptions (id, client_id, account_id, name, events, url, scope, user_ids, created_at, validated_at, validation_failures, disabled)
            VALUES (@Id, @ClientId, @AccountId, @Name, @Events, @Url, @Scope, @UserIds, @CreatedAt, @ValidatedAt, @ValidationFailures, @Disabled)
            """, SubscriptionArgs(x));

    public Task UpdateSubscriptionAsync(WebhookSubscription x)
        => db.Exec("""
            UPDATE webhook_subscriptions SET name = @Name, events = @Events, url = @Url, user_ids = @UserIds, validated_at = @ValidatedAt,
                validation_failures = @ValidationFailures, disabled = @Disabled WHERE id = @Id
            """, SubscriptionArgs(x));

    public Task DeleteSubscriptionAsync(string id) => db.Exec("DELETE FROM webhook_subscriptions WHERE id = @id", new { id });

    public Task SetAppWebhookSecretAsync(string clientId, string sealedSecret)
        => db.Exec("UPDATE oauth_apps SET webhook_secret = @sealedSecret WHERE client_id = @clientId", new { clientId, sealedSecret });

    sealed class DeliveryRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string EventId { get; set; } = "";
        public string SubscriptionId { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Event { get; set; } = "";
        public string Url { get; set; } = "";
        public string Body { get; set; } = "";
        public long OccurredAt { get; set; }
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public long Retries { get; set; }
        public long NextAt { get; set; }
        public long? LastStatus { get; set; }
        public string? LastError { get; set; }
    }

    const string DeliveryColumns = "seq, id, event_id, subscription_id, client_id, account_id, event, url, body, occurred_at, state, attempts, retries, next_at, last_status, last_error";

    static WebhookDelivery ToDelivery(DeliveryRow r) => new()
    {
        Seq = r.Seq, Id = r.Id, EventId = r.EventId, SubscriptionId = r.SubscriptionId, ClientId = r.ClientId, AccountId = r.AccountId, Event = r.Event,
        Url = r.Url, Body = r.Body, OccurredAt = At(r.OccurredAt), State = r.State, Attempts = (int)r.Attempts, Retries = (int)r.Retries,
        NextAt = At(r.NextAt), LastStatus = (int?)r.LastStatus, LastError = r.LastError,
    };

    public Task InsertDeliveryAsync(WebhookDelivery d)
        => db.Exec("""
            INSERT INTO webhook_deliveries (id, event_id, subscription_id, client_id, account_id, event, url, body, occurred_at, state, attempts, retries, next_at)
            VALUES (@Id, @EventId, @SubscriptionId, @ClientId, @AccountId, @Event, @Url, @Body, @OccurredAt, @State, 0, 0, @NextAt)
            ON CONFLICT (event_id, subscription_id) DO NOTHING
            """, new { d.Id, d.EventId, d.SubscriptionId, d.ClientId, d.AccountId, d.Event, d.Url, d.Body, OccurredAt = Ms(d.OccurredAt), d.State, NextAt = Ms(d.NextAt) });

    public async Task<bool> AnyDeliveryDueAsync(DateTimeOffset storeNow, long realNowMs)
        => await db.One<long?>("SELECT 1 FROM webhook_deliveries WHERE state = 'pending' AND next_at <= @now AND lease_until < @realNowMs LIMIT 1",
            new { now = Ms(storeNow), realNowMs }) is not null;

    public Task<long> CountPendingDeliveriesAsync(int cap)
        // along webhook_deliveries_due (state, next_at), stopping at the cap
        => db.One<long>("SELECT count(*) FROM (SELECT 1 FROM webhook_deliveries WHERE state = 'pending' LIMIT @cap) pending", new { cap });

    public async Task<IReadOnlyList<WebhookDelivery>> LeaseDeliveriesAsync(string owner, DateTimeOffset storeNow, long realNowMs, long leaseUntilMs, int limit)
        => (await db.Many<DeliveryRow>($"""
            UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @leaseUntilMs
            WHERE seq IN (SELECT seq FROM webhook_deliveries WHERE state = 'pending' AND next_at <= @now AND lease_until < @realNowMs
                          ORDER BY next_at, seq LIMIT @limit {db.Dialect.SkipLocked})
            RETURNING {DeliveryColumns}
            """, new { owner, now = Ms(storeNow), realNowMs, leaseUntilMs, limit })).OrderBy(r => r.NextAt).ThenBy(r => r.Seq).Select(ToDelivery).ToList();

    public async Task<bool> FinishAttemptAsync(WebhookDelivery d, WebhookAttempt? a, string owner)
    {
        var held = await db.Exec("""
            UPDATE webhook_deliveries SET state = @State, attempts = @Attempts, retries = @Retries, next_at = @NextAt, url = @Url, last_status = @LastStatus,
                last_error = @LastError, lease_owner = NULL, lease_until = 0
            WHERE id = @Id AND lease_owner = @owner
            """, new { d.State, Attempts = (long)d.Attempts, Retries = (long)d.Retries, NextAt = Ms(d.NextAt), d.Url, LastStatus = (long?)d.LastStatus, d.LastError, d.Id, owner }) > 0;
        // the attempt is logged even when the lease was lost meanwhile (it happened), but not for a delivery that is gone
        if (a is not null && (held || await db.One<long?>("SELECT 1 FROM webhook_deliveries WHERE id = @Id", new { d.Id }) is not null))
            await db.Exec("""
                INSERT INTO webhook_attempts (delivery_id, account_id, attempt, retry_num, at, status, latency_ms, failure, response, node)
                VALUES (@DeliveryId, @AccountId, @Attempt, @RetryNum, @At, @Status, @LatencyMs, @Failure, @Response, @Node)
                """, new { a.DeliveryId, a.AccountId, Attempt = (long)a.Attempt, RetryNum = (long)a.RetryNum, At = Ms(a.At), Status = (long)a.Status, a.LatencyMs,
                a.Failure, a.Response, a.Node });
        return held;
    }

    public async Task<WebhookDelivery?> GetDeliveryAsync(string id)
        => await db.One<DeliveryRow>($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE id = @id", new { id }) is { } r ? ToDelivery(r) : null;

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery q)
        => (await db.Many<DeliveryRow>($"""
            SELECT {DeliveryColumns} FROM webhook_deliveries
            WHERE account_id = @AccountId AND seq < @BeforeSeq
              AND (@SubscriptionId IS NULL OR subscription_id = @SubscriptionId) AND (@Event IS NULL OR event = @Event)
              AND (@State IS NULL OR state = @State) AND (@From IS NULL OR occurred_at >= @From) AND (@To IS NULL OR occurred_at <= @To)
            ORDER BY seq DESC LIMIT @Limit
            """, new { q.AccountId, q.BeforeSeq, q.SubscriptionId, q.Event, q.State, From = Ms(q.From), To = Ms(q.To), q.Limit })).Select(ToDelivery).ToList();

    sealed class AttemptRow
    {
        public string DeliveryId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public long Attempt { get; set; }
        public long RetryNum { get; set; }
        public long At { get; set; }
        public long Status { get; set; }
        public long LatencyMs { get; set; }
        public string? Failure { get; set; }
        public string? Response { get; set; }
        public string Node { get; set; } = "";
    }

    public async Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(IReadOnlyList<string> deliveryIds)
    {
        if (deliveryIds.Count == 0) return [];
        var all = new List<WebhookAttempt>();
        foreach (var chunk in deliveryIds.Chunk(200))
        {
            var names = string.Join(", ", chunk.Select((_, i) => "@d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var args = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++) args.Add("d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk[i]);
            all.AddRange((await db.Many<AttemptRow>($"SELECT * FROM webhook_attempts WHERE delivery_id IN ({names}) ORDER BY seq", args))
                .Select(r => new WebhookAttempt(r.DeliveryId, r.AccountId, (int)r.Attempt, (int)r.RetryNum, At(r.At), (int)r.Status, r.LatencyMs, r.Failure, r.Response, r.Node)));
        }
        return all;
    }

    public Task<int> RequeueDeliveriesAsync(string accountId, string? id, string? subscriptionId, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
        => db.Exec("""
            UPDATE webhook_deliveries SET state = 'pending', retries = 0, next_at = @now, lease_owner = NULL, lease_until = 0
            WHERE account_id = @accountId AND state <> 'pending'
              AND (@id IS NULL OR id = @id) AND (@subscriptionId IS NULL OR subscription_id = @subscriptionId)
              AND (@from IS NULL OR occurred_at >= @from) AND (@to IS NULL OR occurred_at <= @to)
            """, new { accountId, id, subscriptionId, from = Ms(from), to = Ms(to), now = Ms(now) });
}
