namespace Roster.Domain.Abstractions;

/// <summary>The outbox: events committed with their change.</summary>
public interface IEventStore
{
    /// <summary>Appends an event in the current transaction; it commits or rolls back with the change.</summary>
    Task AppendEventAsync(Events.DomainEvent e);
    /// <summary>
    /// Events after <paramref name="after"/> in <see cref="Events.EventPosition"/> order, of one account or (null) of the
    /// whole store; only those no concurrent transaction can still precede, so nothing is ever missed by reading on.
    /// </summary>
    Task<IReadOnlyList<Events.DomainEvent>> ListEventsAsync(string? accountId, Events.EventPosition after, int limit);
    /// <summary>An account's events before <paramref name="before"/>, newest first (what has settled, as the list shows).</summary>
    Task<IReadOnlyList<Events.DomainEvent>> ListEventsBeforeAsync(string accountId, Events.EventPosition before, int limit);
    /// <summary>The position of the last event a reader may see now (<see cref="Events.EventPosition.Start"/> when none).</summary>
    Task<Events.EventPosition> LatestEventPositionAsync();
    /// <summary>The position of an event this session wrote (or any committed one), by id.</summary>
    Task<Events.EventPosition?> PositionOfAsync(string eventId);
    /// <summary>The last event of <paramref name="type"/> a reader may see now, or null.</summary>
    Task<Events.DomainEvent?> LatestEventOfTypeAsync(string type);
    /// <summary>How many events a reader may see after <paramref name="after"/>, counted along the position index up to <paramref name="cap"/> (a backlog's size, never a scan of the outbox).</summary>
    Task<long> CountEventsAfterAsync(Events.EventPosition after, int cap);
}
