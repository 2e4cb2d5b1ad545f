using Roster.Domain.Abstractions;

namespace Roster.Domain.Events;

/// <summary>
/// Records events inside a write session. An event is stamped with its id, operator and the store's clock and
/// written to the outbox in the same transaction as the change: a rolled-back operation leaves none, a committed
/// one is never without its events.
/// </summary>
public static class Outbox
{
    /// <summary>Stamps and writes <paramref name="e"/>; returns it as written (for this node's followers, <see cref="StoreFollower.AppliedHereAsync"/>).</summary>
    public static async Task<DomainEvent?> RecordAsync(this IEventStore s, TimeProvider clock, Operator by, DomainEvent? e)
    {
        if (e is null) return null;
        var stamped = e with { Id = Ids.Random(16), OperatorId = by.UserId, OperatorClientId = by.ClientId, OccurredAt = clock.GetUtcNow() };
        await s.AppendEventAsync(stamped);
        return stamped;
    }
}
