using System.Globalization;
using Roster.Domain.Abstractions;

namespace Roster.Domain.Events;

/// <summary>
/// The store's generation: a number in the store that only a replacement of the whole state advances, in the same
/// transaction as the replacement, together with a <see cref="EventTypes.StoreReplaced"/> event that marks where in
/// the outbox the new state begins. Nodes compare it with the one they built their memory from.
/// </summary>
public static class StoreGeneration
{
    public const string MetaKey = "state_generation";

    public static async Task<long> ReadAsync(IMetaStore s)
        => long.TryParse(await s.GetMetaAsync(MetaKey), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 1;

    /// <summary>
    /// Called by whatever replaces the whole state, in its transaction, after the replacement: the new generation and
    /// where it begins in the outbox (its mark), to hand to this node's follower once the transaction committed.
    /// </summary>
    public static async Task<(long Generation, EventPosition Begins)> AdvanceAsync(IStoreSession s, DateTimeOffset at, string id)
    {
        var next = await ReadAsync(s) + 1;
        await s.SetMetaAsync(MetaKey, next.ToString(CultureInfo.InvariantCulture));
        await s.AppendEventAsync(DomainEvent.Of("", null, new StoreReplaced(next)) with { Id = id, OccurredAt = at });
        return (next, await s.PositionOfAsync(id) ?? throw new InvalidOperationException("the mark just written is not in the outbox"));
    }

    /// <summary>Where generation <paramref name="generation"/> begins in the outbox, or null while its mark is not readable yet.</summary>
    public static async Task<EventPosition?> StartOfAsync(IEventStore s, long generation)
    {
        var mark = await s.LatestEventOfTypeAsync(EventTypes.StoreReplaced);
        return mark?.As<StoreReplaced>()?.Generation == generation ? mark.Position : null;
    }
}
