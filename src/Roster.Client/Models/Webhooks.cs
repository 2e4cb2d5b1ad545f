using System.Text.Json.Nodes;

namespace Roster.Client.Models;

/// <summary>An app's event subscription (Zoom's Marketplace API).</summary>
public sealed class EventSubscription
{
    /// <summary>Its id.</summary>
    [JsonPropertyName("event_subscription_id")] public string Id { get; set; } = "";
    /// <summary>The events it wants, e.g. <c>user.created</c>.</summary>
    [JsonPropertyName("events")] public List<string> Events { get; set; } = [];
    /// <summary>Its name.</summary>
    [JsonPropertyName("event_subscription_name")] public string? Name { get; set; }
    /// <summary>Where events are posted.</summary>
    [JsonPropertyName("event_webhook_url")] public string Url { get; set; } = "";
    /// <summary><c>user</c>, <c>account</c> or <c>master_account</c>.</summary>
    [JsonPropertyName("subscription_scope")] public string Scope { get; set; } = "";
    /// <summary>The account it hears.</summary>
    [JsonPropertyName("subscriber_id")] public string? SubscriberId { get; set; }
    /// <summary>The users it hears (scope <c>user</c>; Roster).</summary>
    [JsonPropertyName("user_ids")] public List<string>? UserIds { get; set; }
    /// <summary>Whether failed URL checks disabled it (Roster).</summary>
    [JsonPropertyName("disabled")] public bool Disabled { get; set; }
}

/// <summary>One page of an app's subscriptions.</summary>
public sealed class EventSubscriptionPage
{
    /// <summary>The subscriptions.</summary>
    [JsonPropertyName("event_subscriptions")] public List<EventSubscription> Subscriptions { get; set; } = [];
    /// <summary>The next page's token (empty on the last page).</summary>
    [JsonPropertyName("next_page_token")] public string? NextPageToken { get; set; }
}

/// <summary>A new subscription.</summary>
public sealed class CreateEventSubscriptionRequest
{
    /// <summary>The events, e.g. <c>user.created</c>.</summary>
    [JsonPropertyName("events")] public List<string> Events { get; set; } = [];
    /// <summary>A name.</summary>
    [JsonPropertyName("event_subscription_name")] public string? Name { get; set; }
    /// <summary>The endpoint; it must answer Zoom's URL validation challenge.</summary>
    [JsonPropertyName("event_webhook_url")] public string Url { get; set; } = "";
    /// <summary><c>user</c>, <c>account</c> (default) or <c>master_account</c>.</summary>
    [JsonPropertyName("subscription_scope")] public string Scope { get; set; } = "account";
    /// <summary>The users to hear (scope <c>user</c>).</summary>
    [JsonPropertyName("user_ids")] public List<string>? UserIds { get; set; }
    /// <summary>The account (the app's own).</summary>
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
}

/// <summary>What to change in a subscription (only what is set).</summary>
public sealed class UpdateEventSubscriptionRequest
{
    /// <summary>The subscription.</summary>
    [JsonPropertyName("event_subscription_id")] public string Id { get; set; } = "";
    /// <summary>New events.</summary>
    [JsonPropertyName("events")] public List<string>? Events { get; set; }
    /// <summary>A new name.</summary>
    [JsonPropertyName("event_subscription_name")] public string? Name { get; set; }
    /// <summary>A new endpoint (validated first).</summary>
    [JsonPropertyName("event_webhook_url")] public string? Url { get; set; }
}

/// <summary>One attempt of a delivery (Roster's delivery log).</summary>
public sealed class WebhookAttempt
{
    /// <summary>1, 2, …</summary>
    [JsonPropertyName("attempt")] public int Attempt { get; set; }
    /// <summary>0 for the first try of a round, 1–3 for its retries.</summary>
    [JsonPropertyName("retry_num")] public int RetryNum { get; set; }
    /// <summary>When (store clock).</summary>
    [JsonPropertyName("at")] public DateTimeOffset At { get; set; }
    /// <summary>The HTTP status, or negative when no answer came (-1 timeout, -2 refused, -3 TLS, -4 network, -10 address not allowed, -13 DNS).</summary>
    [JsonPropertyName("status")] public int Status { get; set; }
    /// <summary>How long it took.</summary>
    [JsonPropertyName("latency_ms")] public long LatencyMs { get; set; }
    /// <summary>Why it failed.</summary>
    [JsonPropertyName("failure")] public string? Failure { get; set; }
    /// <summary>The start of the answer.</summary>
    [JsonPropertyName("response")] public string? Response { get; set; }
}

/// <summary>One event for one subscription, with its attempts (Roster's delivery log).</summary>
public sealed class WebhookDelivery
{
    /// <summary>Its id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>The event's name.</summary>
    [JsonPropertyName("event")] public string Event { get; set; } = "";
    /// <summary>The subscription.</summary>
    [JsonPropertyName("subscription_id")] public string SubscriptionId { get; set; } = "";
    /// <summary>Where it was sent last.</summary>
    [JsonPropertyName("endpoint")] public string Endpoint { get; set; } = "";
    /// <summary><c>pending</c>, <c>delivered</c>, <c>failed</c> (not retried) or <c>dead</c> (retries used up).</summary>
    [JsonPropertyName("state")] public string State { get; set; } = "";
    /// <summary>Attempts so far.</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    /// <summary>The last attempt's status.</summary>
    [JsonPropertyName("last_status")] public int? LastStatus { get; set; }
    /// <summary>Why the last attempt failed.</summary>
    [JsonPropertyName("last_error")] public string? LastError { get; set; }
    /// <summary>When the event happened.</summary>
    [JsonPropertyName("event_time")] public DateTimeOffset EventTime { get; set; }
    /// <summary>When the next attempt is due (pending).</summary>
    [JsonPropertyName("next_attempt_at")] public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>The body sent.</summary>
    [JsonPropertyName("request_body")] public JsonObject? RequestBody { get; set; }
    /// <summary>Every attempt.</summary>
    [JsonPropertyName("attempt_log")] public List<WebhookAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One page of the delivery log, newest first.</summary>
public sealed class WebhookDeliveryPage
{
    /// <summary>The deliveries.</summary>
    [JsonPropertyName("deliveries")] public List<WebhookDelivery> Deliveries { get; set; } = [];
    /// <summary>The next page's token (empty on the last page).</summary>
    [JsonPropertyName("next_page_token")] public string? NextPageToken { get; set; }
}

/// <summary>A recorded change of the account, as Roster's events list and stream show it.</summary>
public sealed class RosterEvent
{
    /// <summary>The store-wide sequence number.</summary>
    [JsonPropertyName("seq")] public long Seq { get; set; }
    /// <summary>Its id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>What happened, e.g. <c>user.created</c>.</summary>
    [JsonPropertyName("event")] public string Event { get; set; } = "";
    /// <summary>The account.</summary>
    [JsonPropertyName("account_id")] public string AccountId { get; set; } = "";
    /// <summary>The user (or app) it is about.</summary>
    [JsonPropertyName("subject_id")] public string? SubjectId { get; set; }
    /// <summary>Who made it.</summary>
    [JsonPropertyName("operator_id")] public string? OperatorId { get; set; }
    /// <summary>When.</summary>
    [JsonPropertyName("occurred_at")] public DateTimeOffset OccurredAt { get; set; }
    /// <summary><c>object</c> (new values) and <c>old_object</c>.</summary>
    [JsonPropertyName("payload")] public JsonObject? Payload { get; set; }
    /// <summary>The stream's cursor after this event (<c>Last-Event-ID</c>).</summary>
    [JsonIgnore] public string? Cursor { get; set; }
}

/// <summary>
/// A Zoom webhook request body (<c>event</c>, <c>event_ts</c>, <c>payload</c>), from Zoom or Roster. Unknown fields are
/// ignored, so new fields Zoom adds do not break a receiver.
/// </summary>
public sealed class ZoomWebhookEvent
{
    /// <summary>The event, e.g. <c>user.created</c> or <c>endpoint.url_validation</c>.</summary>
    [JsonPropertyName("event")] public string Event { get; set; } = "";
    /// <summary>When it happened, in milliseconds since the epoch.</summary>
    [JsonPropertyName("event_ts")] public long EventTs { get; set; }
    /// <summary>The payload.</summary>
    [JsonPropertyName("payload")] public ZoomWebhookPayload Payload { get; set; } = new();
    /// <summary><see cref="EventTs"/> as a time.</summary>
    [JsonIgnore] public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(EventTs);
}

/// <summary>A user.* webhook payload (Zoom's Users events).</summary>
public sealed class ZoomWebhookPayload
{
    /// <summary>The account.</summary>
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
    /// <summary>The e-mail of who made the change.</summary>
    [JsonPropertyName("operator")] public string? Operator { get; set; }
    /// <summary>The id of who made the change.</summary>
    [JsonPropertyName("operator_id")] public string? OperatorId { get; set; }
    /// <summary>user.created: <c>create</c>, <c>ssoCreate</c>, <c>autoCreate</c> or <c>custCreate</c>.</summary>
    [JsonPropertyName("creation_type")] public string? CreationType { get; set; }
    /// <summary>user.updated: <c>change_password</c> or <c>sign_out_from_all_devices</c>.</summary>
    [JsonPropertyName("operation")] public string? Operation { get; set; }
    /// <summary>When the change was made (ms).</summary>
    [JsonPropertyName("time_stamp")] public long? TimeStamp { get; set; }
    /// <summary>endpoint.url_validation: the token to answer.</summary>
    [JsonPropertyName("plainToken")] public string? PlainToken { get; set; }
    /// <summary>The user, with the fields that changed.</summary>
    [JsonPropertyName("object")] public ZoomWebhookUser? Object { get; set; }
    /// <summary>The previous values (user.updated, user.settings_updated).</summary>
    [JsonPropertyName("old_object")] public ZoomWebhookUser? OldObject { get; set; }
}

/// <summary>The user in a user.* webhook: only the fields the event carries are set.</summary>
public sealed class ZoomWebhookUser
{
    /// <summary>The user's id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>E-mail.</summary>
    [JsonPropertyName("email")] public string? Email { get; set; }
    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    /// <summary>Display name.</summary>
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    /// <summary>1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic, 99 None.</summary>
    [JsonPropertyName("type")] public int? Type { get; set; }
    /// <summary>user.settings_updated: the changed settings.</summary>
    [JsonPropertyName("settings")] public JsonObject? Settings { get; set; }
    /// <summary>Every other field of the object (dept, timezone, pmi, …).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Other { get; set; }
}

[JsonSerializable(typeof(EventSubscription))]
[JsonSerializable(typeof(EventSubscriptionPage))]
[JsonSerializable(typeof(CreateEventSubscriptionRequest))]
[JsonSerializable(typeof(UpdateEventSubscriptionRequest))]
[JsonSerializable(typeof(WebhookDeliveryPage))]
[JsonSerializable(typeof(RosterEvent))]
[JsonSerializable(typeof(ZoomWebhookEvent))]
[JsonSerializable(typeof(Roster.Client.Webhooks.UrlValidationResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
