using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Roster.Client.Models;

namespace Roster.Client;

/// <summary>
/// Webhooks: Zoom's Marketplace event-subscription API (works against Zoom itself, with the app's own token), and
/// Roster's delivery log, redelivery, secret token and live event stream (Roster only).
/// </summary>
public class WebhooksClient
{
    const string Path = "/marketplace/app/event_subscription";
    readonly ZoomTransport _transport;
    readonly HttpClient _http;
    readonly IAccessTokenProvider _tokens;

    internal WebhooksClient(ZoomTransport transport, HttpClient http, IAccessTokenProvider tokens)
    {
        _transport = transport;
        _http = http;
        _tokens = tokens;
    }

    /// <summary>For mocking.</summary>
    protected WebhooksClient()
    {
        _transport = null!;
        _http = null!;
        _tokens = null!;
    }

    static string Query(params (string Name, string? Value)[] parts) => UsersClient.Query(parts);

    /// <summary>POST /marketplace/app/event_subscription: a new subscription (its URL must answer the challenge); returns its id.</summary>
    public virtual async Task<string> CreateAsync(CreateEventSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        var created = await _transport.SendAsync(HttpMethod.Post, Path, UsersClient.Json(request, WebhookJsonContext.Default.CreateEventSubscriptionRequest),
            WebhookJsonContext.Default.JsonObject, cancellationToken);
        return created!["event_subscription_id"]!.GetValue<string>();
    }

    /// <summary>GET /marketplace/app/event_subscription: one page of the app's subscriptions for a user (<c>me</c>) of an account.</summary>
    public virtual async Task<EventSubscriptionPage> ListAsync(string accountId, string userId = "me", string? scope = null, int? pageSize = null,
        string? nextPageToken = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, Path + Query(("user_id", userId), ("account_id", accountId), ("subscription_scope", scope),
            ("page_size", pageSize?.ToString(CultureInfo.InvariantCulture)), ("next_page_token", nextPageToken)), null,
            WebhookJsonContext.Default.EventSubscriptionPage, cancellationToken))!;

    /// <summary>PATCH /marketplace/app/event_subscription: changes name, events or URL.</summary>
    public virtual Task UpdateAsync(UpdateEventSubscriptionRequest request, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, Path, UsersClient.Json(request, WebhookJsonContext.Default.UpdateEventSubscriptionRequest), null, cancellationToken);

    /// <summary>DELETE /marketplace/app/event_subscription/{id}.</summary>
    public virtual Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(subscriptionId)}", null, null, cancellationToken);

    /// <summary>Roster: the delivery log, newest first.</summary>
    public virtual async Task<WebhookDeliveryPage> ListDeliveriesAsync(string? subscriptionId = null, string? eventName = null, string? state = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int? pageSize = null, string? nextPageToken = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/roster/v1/webhooks/deliveries" + Query(("subscription_id", subscriptionId), ("event", eventName),
            ("state", state), ("from", from?.ToString("O", CultureInfo.InvariantCulture)), ("to", to?.ToString("O", CultureInfo.InvariantCulture)),
            ("page_size", pageSize?.ToString(CultureInfo.InvariantCulture)), ("next_page_token", nextPageToken)), null,
            WebhookJsonContext.Default.WebhookDeliveryPage, cancellationToken))!;

    /// <summary>Roster: sends one delivery again; returns how many were queued (1).</summary>
    public virtual async Task<int> RedeliverAsync(string deliveryId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, $"/roster/v1/webhooks/deliveries/{Uri.EscapeDataString(deliveryId)}/redeliver", null,
            WebhookJsonContext.Default.JsonObject, cancellationToken))!["redelivered"]!.GetValue<int>();

    /// <summary>Roster: sends again every finished delivery of a subscription and/or a time range; returns how many.</summary>
    public virtual async Task<int> RedeliverAsync(string? subscriptionId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["subscription_id"] = subscriptionId, ["from"] = from?.ToString("O", CultureInfo.InvariantCulture), ["to"] = to?.ToString("O", CultureInfo.InvariantCulture),
        };
        return (await _transport.SendAsync(HttpMethod.Post, "/roster/v1/webhooks/redeliver", UsersClient.Json(body, WebhookJsonContext.Default.JsonObject),
            WebhookJsonContext.Default.JsonObject, cancellationToken))!["redelivered"]!.GetValue<int>();
    }

    /// <summary>Roster: a new secret token for the calling app (shown once); deliveries sign with it at once.</summary>
    public virtual async Task<string> RotateSecretTokenAsync(CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, "/roster/v1/webhooks/secret_token", null, WebhookJsonContext.Default.JsonObject, cancellationToken))!
            ["secret_token"]!.GetValue<string>();

    /// <summary>
    /// Roster: the account's events as they commit (server-sent events), from <paramref name="after"/> (a cursor from an
    /// earlier event, <see cref="RosterEvent.Cursor"/>) or from now, until cancelled.
    /// </summary>
    public virtual async IAsyncEnumerable<RosterEvent> TailEventsAsync(string? after = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _transport.Target("/roster/v1/events/stream" + Query(("after", after))));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetTokenAsync(cancellationToken));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) throw ZoomTransport.Parse(response, await response.Content.ReadAsStringAsync(cancellationToken));
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize(item.Data, WebhookJsonContext.Default.RosterEvent) is not { } e) continue;
            e.Cursor = item.EventId;
            yield return e;
        }
    }
}
