namespace Roster.Domain.Webhooks;

/// <summary>The create body of Zoom's <c>POST /marketplace/app/event_subscription</c> (reference zoom-webhooks.md §1.2).</summary>
public sealed record CreateSubscriptionRequest(IReadOnlyList<string>? Events, string? Name, string? Url, IReadOnlyList<string>? UserIds, string? Scope, string? AccountId);
