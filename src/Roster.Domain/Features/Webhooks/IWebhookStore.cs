namespace Roster.Domain.Webhooks;

/// <summary>Subscriptions, deliveries and attempts, over the session's transaction.</summary>
public interface IWebhookStore
{
    Task<WebhookSubscription?> GetSubscriptionAsync(string id);
    /// <summary>An app's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsOfAppAsync(string clientId);
    /// <summary>Every subscription not disabled, store-wide (what fan-out matches events against).</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListActiveSubscriptionsAsync();
    Task InsertSubscriptionAsync(WebhookSubscription subscription);
    Task UpdateSubscriptionAsync(WebhookSubscription subscription);
    Task DeleteSubscriptionAsync(string id);
    Task SetAppWebhookSecretAsync(string clientId, string sealedSecret);

    Task InsertDeliveryAsync(WebhookDelivery delivery);
    /// <summary>Whether a delivery is due: pending, <c>next_at</c> reached on the store clock, no live lease on the real clock.</summary>
    Task<bool> AnyDeliveryDueAsync(DateTimeOffset storeNow, long realNowMs);
    /// <summary>How many deliveries are pending (due or waiting for a retry), counted along the state index up to <paramref name="cap"/>.</summary>
    Task<long> CountPendingDeliveriesAsync(int cap);
    /// <summary>
    /// Takes up to <paramref name="limit"/> due deliveries for <paramref name="owner"/> until <paramref name="leaseUntilMs"/>
    /// (real clock); rows another node holds are skipped, not waited for.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> LeaseDeliveriesAsync(string owner, DateTimeOffset storeNow, long realNowMs, long leaseUntilMs, int limit);
    /// <summary>Records an attempt and the delivery's new state; the state changes only while <paramref name="owner"/> still holds the lease.</summary>
    Task<bool> FinishAttemptAsync(WebhookDelivery updated, WebhookAttempt? attempt, string owner);
    Task<WebhookDelivery?> GetDeliveryAsync(string id);
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query);
    Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(IReadOnlyList<string> deliveryIds);
    /// <summary>Makes finished deliveries of an account pending again at <paramref name="now"/> (a new round); returns how many.</summary>
    Task<int> RequeueDeliveriesAsync(string accountId, string? id, string? subscriptionId, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now);
}
