namespace Roster.Server.Webhooks;

public sealed record AttemptDto(int Attempt, int RetryNum, string At, int Status, long LatencyMs, string? Failure, string? Response, string Node);

public sealed record DeliveryDto(string Id, string EventId, string Event, string SubscriptionId, string Endpoint, string State, int Attempts, int? LastStatus,
    string? LastError, string EventTime, string NextAttemptAt, JsonObject RequestBody, IReadOnlyList<AttemptDto> AttemptLog);

public sealed record DeliveryListDto(string NextPageToken, IReadOnlyList<DeliveryDto> Deliveries);

public sealed record RedeliverRequest(string? SubscriptionId, string? From, string? To);

public sealed record RedeliveredDto(int Redelivered);
