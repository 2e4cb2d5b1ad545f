namespace Roster.Domain.Webhooks;

/// <summary>A delivery this node holds the lease of, with what sending it needs.</summary>
public sealed record LeasedDelivery(WebhookDelivery Delivery, string Url, string SecretToken);
