namespace Roster.Domain.Webhooks;

/// <summary>What <c>PATCH /marketplace/app/event_subscription</c> changes (Zoom does not document its body; Roster's choice).</summary>
public sealed record UpdateSubscriptionRequest(string? Id, IReadOnlyList<string>? Events, string? Name, string? Url);
