using Roster.Domain.Accounts;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Webhooks;

/// <summary>Who a subscription hears (reference zoom-webhooks.md §1.2).</summary>
public static class SubscriptionScopes
{
    /// <summary>Only changes to the users listed in the subscription.</summary>
    public const string User = "user";
    /// <summary>Changes to any user of the app's account.</summary>
    public const string Account = "account";
    /// <summary>Changes in the app's (master) account and in its sub accounts.</summary>
    public const string MasterAccount = "master_account";
    public static readonly string[] All = [User, Account, MasterAccount];
}

/// <summary>
/// An app's event subscription: the events it wants, where they go, and whose changes it hears. Signed with the app's
/// secret token. <see cref="ValidatedAt"/> is when its URL last answered Zoom's challenge (store clock); after
/// <see cref="WebhookRules.MaxValidationFailures"/> failed revalidations in a row it is <see cref="Disabled"/>.
/// </summary>
public sealed record WebhookSubscription
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string AccountId { get; init; }
    public string Name { get; init; } = "";
    public required IReadOnlyList<string> Events { get; init; }
    public required string Url { get; init; }
    public required string Scope { get; init; }
    public IReadOnlyList<string> UserIds { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ValidatedAt { get; init; }
    public int ValidationFailures { get; init; }
    public bool Disabled { get; init; }

    /// <summary>Whether this subscription hears <paramref name="e"/> (of an account whose parent is <paramref name="parentOfEventAccount"/>).</summary>
    public bool Hears(Events.DomainEvent e, string zoomEvent, string? parentOfEventAccount)
    {
        if (Disabled || e.OccurredAt < CreatedAt || !Events.Contains(zoomEvent)) return false;
        return Scope switch
        {
            SubscriptionScopes.User => e.AccountId == AccountId && e.SubjectId is { } subject && UserIds.Contains(subject),
            SubscriptionScopes.Account => e.AccountId == AccountId,
            SubscriptionScopes.MasterAccount => e.AccountId == AccountId || parentOfEventAccount == AccountId,
            _ => false,
        };
    }
}

/// <summary>Zoom's limits and rules for subscriptions and deliveries (reference zoom-webhooks.md §1.5, §2).</summary>
public static class WebhookRules
{
    /// <summary>The lock every write of an app's subscriptions holds (their count is limited, and each is read, merged and written back).</summary>
    public static string SubscriptionsLock(string clientId) => "subscriptions:" + clientId;

    public const int MaxSubscriptionsPerApp = 20;
    public const int MaxNameLength = 64;
    public const int MaxUrlLength = 2048;
    public const int MaxUsersPerSubscription = 300;
    /// <summary>An endpoint must answer within this time.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    /// <summary>When a validated URL is checked again.</summary>
    public static readonly TimeSpan Revalidation = TimeSpan.FromHours(72);
    /// <summary>Failed revalidations in a row after which Zoom stops sending and disables the subscription.</summary>
    public const int MaxValidationFailures = 6;
    /// <summary>Retries after a failed attempt: +5 min, then +20 min, then +60 min; after the third the delivery is dead.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)];

    /// <summary>The events Zoom's Users resource sends (a subscription may name any of them; Roster emits those it records).</summary>
    public static readonly IReadOnlySet<string> UserEvents = new HashSet<string>(StringComparer.Ordinal)
    {
        "user.created", "user.invitation_accepted", "user.updated", "user.settings_updated", "user.activated", "user.deactivated",
        "user.deleted", "user.disassociated", "user.signed_in", "user.signed_out", "user.presence_status_updated", "user.personal_notes_updated",
        "group.created", "group.updated", "group.deleted", "group.member_added", "group.member_deleted", "group.admin_added", "group.admin_deleted",
    };

    /// <summary>An app hears group events only when it may read groups (the group list's or a group's read scope).</summary>
    public static readonly string[] GroupEventScopes =
    [
        "group:read:admin", "group:write:admin", "group:master", "group:read:group:admin", "group:read:group:master",
        "group:read:list_groups:admin", "group:read:list_groups:master",
    ];

    /// <summary>Whether <paramref name="eventName"/> is one of the Users product's group events (heard with <see cref="GroupEventScopes"/>).</summary>
    public static bool IsGroupEvent(string eventName) => eventName.StartsWith("group.", StringComparison.Ordinal);

    /// <summary>An app hears user events only when it may read users (Zoom: the event's own read scope must be on the app).</summary>
    public static readonly string[] UserEventScopes =
        ["user:read:admin", "user:write:admin", "user:read:user:admin", "user:read:user:master", "user:read:list_users:admin", "user:read:list_users:master"];

    /// <summary>A URL Roster may deliver to: absolute http(s), with a host, no credentials and no fragment.</summary>
    public static bool IsDeliverableUrl(string? url)
        => url is { Length: > 0 and <= MaxUrlLength }
           && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
           && u.Host.Length > 0 && u.UserInfo.Length == 0 && u.Fragment.Length == 0 && !url.Any(char.IsWhiteSpace);
}

/// <summary>
/// Sends one webhook request: Roster's network rules (allowed networks, no redirects, the timeout) live in the host.
/// <see cref="SendOutcome.Status"/> is the HTTP status, or a negative code when no answer came (Zoom's log does the same).
/// </summary>
public interface IWebhookSender
{
    Task<SendOutcome> PostAsync(string url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct);
}

/// <summary>What one request came to: status (negative: <see cref="SendFailures"/>), time taken, why it failed, and the start of the answer.</summary>
public sealed record SendOutcome(int Status, long LatencyMs, string? Failure, string? Response)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>The negative statuses of attempts that got no HTTP answer (the spirit of Zoom's webhook-log codes).</summary>
public static class SendFailures
{
    public const int Timeout = -1;
    public const int Refused = -2;
    public const int Tls = -3;
    public const int Network = -4;
    /// <summary>The address is outside the networks deliveries may reach (never retried: it will not change by waiting).</summary>
    public const int Forbidden = -10;
    public const int Dns = -13;

    /// <summary>Whether an attempt that ended so is tried again: 5xx, a timeout, a refused or broken connection; never a 3xx or 4xx.</summary>
    public static bool Retryable(int status) => status >= 500 || (status < 0 && status != Forbidden);
}

/// <summary>The states of a delivery.</summary>
public static class DeliveryStates
{
    /// <summary>Waiting for its (next) attempt at <see cref="WebhookDelivery.NextAt"/>.</summary>
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    /// <summary>Answered with a status Zoom does not retry (3xx, 4xx), or could not be sent at all.</summary>
    public const string Failed = "failed";
    /// <summary>Every retry failed.</summary>
    public const string Dead = "dead";
    public static readonly string[] All = [Pending, Delivered, Failed, Dead];
}

/// <summary>One event for one subscription: its body (canonical JSON, fixed when the event was fanned out) and where its attempts stand.</summary>
public sealed record WebhookDelivery
{
    public long Seq { get; init; }
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string ClientId { get; init; }
    public required string AccountId { get; init; }
    public required string Event { get; init; }
    public required string Url { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string State { get; init; } = DeliveryStates.Pending;
    public int Attempts { get; init; }
    /// <summary>Retries used in the current round (0–3); a redelivery starts a new round.</summary>
    public int Retries { get; init; }
    public DateTimeOffset NextAt { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
}

/// <summary>One attempt, as the delivery log shows it.</summary>
public sealed record WebhookAttempt(string DeliveryId, string AccountId, int Attempt, int RetryNum, DateTimeOffset At, int Status, long LatencyMs,
    string? Failure, string? Response, string Node);

/// <summary>A filter over an account's deliveries, newest first, after a keyset cursor (<see cref="BeforeSeq"/>).</summary>
public sealed record DeliveryQuery(string AccountId, string? SubscriptionId, string? Event, string? State, DateTimeOffset? From, DateTimeOffset? To,
    long BeforeSeq, int Limit);

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
