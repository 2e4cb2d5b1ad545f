namespace Roster.Domain.Webhooks;

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
