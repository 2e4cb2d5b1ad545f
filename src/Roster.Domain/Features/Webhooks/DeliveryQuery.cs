namespace Roster.Domain.Webhooks;

/// <summary>A filter over an account's deliveries, newest first, after a keyset cursor (<see cref="BeforeSeq"/>).</summary>
public sealed record DeliveryQuery(string AccountId, string? SubscriptionId, string? Event, string? State, DateTimeOffset? From, DateTimeOffset? To,
    long BeforeSeq, int Limit);
