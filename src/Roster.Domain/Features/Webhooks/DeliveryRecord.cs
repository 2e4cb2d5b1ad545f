namespace Roster.Domain.Webhooks;

/// <summary>One delivery with its attempts, newest attempt last.</summary>
public sealed record DeliveryRecord(WebhookDelivery Delivery, IReadOnlyList<WebhookAttempt> Attempts);
