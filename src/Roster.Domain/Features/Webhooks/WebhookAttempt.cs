namespace Roster.Domain.Webhooks;

/// <summary>One attempt, as the delivery log shows it.</summary>
public sealed record WebhookAttempt(string DeliveryId, string AccountId, int Attempt, int RetryNum, DateTimeOffset At, int Status, long LatencyMs,
    string? Failure, string? Response, string Node);
