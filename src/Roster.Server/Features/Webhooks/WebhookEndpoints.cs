using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Webhooks;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Webhooks;

/// <summary>
/// Zoom's Marketplace event-subscription API (<c>/v2/marketplace/app/event_subscription</c>) for an app's own token,
/// and Roster's delivery log with redelivery under <c>/roster/v1/webhooks</c>. Who may call: the first with a
/// Server-to-Server token (Zoom grants the <c>marketplace:*:event_subscription</c> scopes to every app); the log and
/// redelivery with an admin-level users scope of an owner or admin (the bodies are user data).
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var subs = app.MapGroup("/v2/marketplace/app/event_subscription").RequireZoomToken().WithTags("Marketplace");
        subs.MapPost("", Create).WithName("createEventSubscription").Body<EventSubscriptionRequest>().Returns<EventSubscriptionCreatedDto>(201, 400)
            .Summary("Create an event subscription").Scoped(Operations.CreateEventSubscription);
        subs.MapGet("", List).WithName("getUserEventSubscriptions").Returns<EventSubscriptionListDto>(200, 400)
            .Summary("List a user's or account's event subscriptions").Scoped(Operations.ListEventSubscriptions);
        subs.MapPatch("", Update).WithName("updateEventSubscription").Body<EventSubscriptionUpdate>().NoContent(400, 404)
            .Summary("Update an event subscription").Scoped(Operations.UpdateEventSubscription);
        subs.MapPatch("/{eventSubscriptionId}", Subscribe).WithName("subscribeEventSubscription").Body<SubscribeRequest>().NoContent(400, 404)
            .Summary("Subscribe users or an account to an event subscription").Scoped(Operations.SubscribeEventSubscription);
        subs.MapDelete("", Unsubscribe).WithName("unSubscribeEventSubscription").NoContent(400, 404)
            .Summary("Unsubscribe users or an account from an event subscription").Scoped(Operations.UnsubscribeEventSubscription);
        subs.MapDelete("/{eventSubscriptionId}", Delete).WithName("deleteEventSubscription").NoContent(400, 404)
            .Summary("Delete an event subscription").Scoped(Operations.DeleteEventSubscription);

        var roster = app.MapGroup("/roster/v1/webhooks").RequireZoomToken().WithTags("Roster");
        roster.MapPost("/secret_token", RotateSecret).WithName("rosterWebhookSecretToken").Returns<SecretTokenDto>(200, 400)
            .Summary("Make a new webhook secret token for the calling app (shown once)").Scoped(Operations.UpdateEventSubscription, zoomRateLimits: false);
        roster.MapGet("/deliveries", Deliveries).WithName("rosterWebhookDeliveries").Returns<DeliveryListDto>(200, 400)
            .Summary("The webhook delivery log, newest first").Scoped(Operations.RosterWebhookDeliveries, zoomRateLimits: false);
        roster.MapPost("/deliveries/{deliveryId}/redeliver", RedeliverOne).WithName("rosterWebhookRedeliverOne").Returns<RedeliveredDto>(202, 404)
            .Summary("Send one delivery again").Scoped(Operations.RosterWebhookRedeliver, zoomRateLimits: false);
        roster.MapPost("/redeliver", RedeliverRange).WithName("rosterWebhookRedeliver").Body<RedeliverRequest>().Returns<RedeliveredDto>(202, 400)
            .Summary("Send again the finished deliveries of a subscription or a time range").Scoped(Operations.RosterWebhookRedeliver, zoomRateLimits: false);
        return app;
    }

    public static EventSubscriptionDto Dto(WebhookSubscription s) => new(s.Id, s.Events, s.Name, s.Url, s.Scope, "openapi", s.AccountId,
        s.Scope == SubscriptionScopes.User ? s.UserIds : null, s.Disabled, UserWire.Time(s.ValidatedAt));

    static async Task<IResult> Create(HttpContext http, WebhookSubscriptionsService subscriptions)
    {
        var b = await Input.Json(http.Request, ServerJson.Default.EventSubscriptionRequest);
        var created = await subscriptions.CreateAsync(http.Caller(),
            new CreateSubscriptionRequest(b.Events, b.EventSubscriptionName, b.EventWebhookUrl, b.UserIds, b.SubscriptionScope, b.AccountId), http.RequestAborted);
        return TypedResults.Json(new EventSubscriptionCreatedDto(created.Id), ServerJson.Default.EventSubscriptionCreatedDto, statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> List(HttpContext http, WebhookSubscriptionsService subscriptions,
        [FromQuery(Name = "user_id")] string? userId, [FromQuery(Name = "account_id")] string? accountId,
        [FromQuery(Name = "subscription_scope")] string? scope, [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery(Name = "next_page_token")] string? nextPageToken)
    {
        var (page, next, size) = await subscriptions.ListAsync(http.Caller(), userId, accountId, scope, Input.Int(pageSize, "page_size"), nextPageToken, http.RequestAborted);
        return TypedResults.Json(new EventSubscriptionListDto(next, size, page.Select(Dto).ToList()), ServerJson.Default.EventSubscriptionListDto);
    }

    static async Task<IResult> Update(HttpContext http, WebhookSubscriptionsService subscriptions)
    {
        var b = await Input.Json(http.Request, ServerJson.Default.EventSubscriptionUpdate);
        await subscriptions.UpdateAsync(http.Caller(), new UpdateSubscriptionRequest(b.EventSubscriptionId, b.Events, b.EventSubscriptionName, b.EventWebhookUrl),
            http.RequestAborted);
        return TypedResults.NoContent();
    }

    static async Task<IResult> Subscribe(HttpContext http, WebhookSubscriptionsService subscriptions, string eventSubscriptionId)
    {
        var b = await Input.Json(http.Request, ServerJson.Default.SubscribeRequest);
        await subscriptions.SubscribeAsync(http.Caller(), eventSubscriptionId, b.UserIds, b.AccountId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    static async Task<IResult> Unsubscribe(HttpContext http, WebhookSubscriptionsService subscriptions,
        [FromQuery(Name = "event_subscription_id")] string? id, [FromQuery(Name = "account_id")] string? accountId, [FromQuery(Name = "user_ids")] string? userIds)
    {
        await subscriptions.UnsubscribeAsync(http.Caller(), id, accountId, userIds, http.RequestAborted);
        return TypedResults.NoContent();
    }

    static async Task<IResult> Delete(HttpContext http, WebhookSubscriptionsService subscriptions, string eventSubscriptionId)
    {
        await subscriptions.DeleteAsync(http.Caller(), eventSubscriptionId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    static async Task<IResult> RotateSecret(HttpContext http, WebhookSubscriptionsService subscriptions)
        => TypedResults.Json(new SecretTokenDto(await subscriptions.RotateSecretAsync(http.Caller(), http.RequestAborted)), ServerJson.Default.SecretTokenDto);

    /// <summary>An ISO 8601 time of a query or body (<c>2026-11-29T10:00:00Z</c>), or Zoom's invalid-field error.</summary>
    static DateTimeOffset? Time(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : throw Fail.InvalidField(name);
    }

    static DeliveryDto Dto(DeliveryRecord r)
    {
        var d = r.Delivery;
        return new DeliveryDto(d.Id, d.EventId, d.Event, d.SubscriptionId, d.Url, d.State, d.Attempts, d.LastStatus, d.LastError,
            Domain.Sandbox.StoreClock.Format(d.OccurredAt), Domain.Sandbox.StoreClock.Format(d.NextAt), JsonNode.Parse(d.Body)!.AsObject(),
            r.Attempts.Select(a => new AttemptDto(a.Attempt, a.RetryNum, Domain.Sandbox.StoreClock.Format(a.At), a.Status, a.LatencyMs, a.Failure, a.Response, a.Node)).ToList());
    }

    static async Task<IResult> Deliveries(HttpContext http, WebhookDeliveriesService deliveries,
        [FromQuery(Name = "subscription_id")] string? subscriptionId, [FromQuery(Name = "event")] string? eventName, [FromQuery(Name = "state")] string? state,
        [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to, [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery(Name = "next_page_token")] string? nextPageToken)
    {
        var (page, next) = await deliveries.ListAsync(http.Caller(), subscriptionId, eventName, state, Time(from, "from"), Time(to, "to"),
            Input.Int(pageSize, "page_size"), nextPageToken, http.RequestAborted);
        return TypedResults.Json(new DeliveryListDto(next, page.Select(Dto).ToList()), ServerJson.Default.DeliveryListDto);
    }

    static async Task<IResult> RedeliverOne(HttpContext http, WebhookDeliveriesService deliveries, string deliveryId)
        => TypedResults.Json(new RedeliveredDto(await deliveries.RedeliverAsync(http.Caller(), deliveryId, null, null, null, http.RequestAborted)),
            ServerJson.Default.RedeliveredDto, statusCode: StatusCodes.Status202Accepted);

    static async Task<IResult> RedeliverRange(HttpContext http, WebhookDeliveriesService deliveries)
    {
        var b = await Input.Json(http.Request, ServerJson.Default.RedeliverRequest);
        var n = await deliveries.RedeliverAsync(http.Caller(), null, b.SubscriptionId, Time(b.From, "from"), Time(b.To, "to"), http.RequestAborted);
        return TypedResults.Json(new RedeliveredDto(n), ServerJson.Default.RedeliveredDto, statusCode: StatusCodes.Status202Accepted);
    }
}
