using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary>
/// One change, as recorded in the outbox in the same transaction as the change itself: what happened
/// (<see cref="Type"/>, Zoom's event name where Zoom has one), to which account and subject, by whom, and the data:
/// <c>object</c> holds the new values of what changed (with the subject's id), <c>old_object</c> the previous ones.
/// This is the stored form (the outbox's row); what the event says is its typed record, <see cref="Payload"/>, which
/// services record through <see cref="Of(string, string?, EventPayload)"/> and consumers read.
/// </summary>
public sealed record DomainEvent(string Type, string AccountId, string? SubjectId, JsonObject Data)
{
    /// <summary>An event of <paramref name="payload"/>'s type in <paramref name="accountId"/>, about <paramref name="subjectId"/>.</summary>
    public static DomainEvent Of(string accountId, string? subjectId, EventPayload payload) => new(payload.EventType, accountId, subjectId, payload.ToData());

    /// <summary>An event about <paramref name="user"/>, in its account.</summary>
    public static DomainEvent Of(User user, EventPayload payload) => Of(user.AccountId, user.Id, payload);

    /// <summary>
    /// What the event says, as the record of its <see cref="Type"/> (read from <see cref="Data"/> on each call), or null
    /// for a type this build has no record for.
    /// </summary>
    public EventPayload? Payload => EventPayload.Read(Type, Data);

    /// <summary>The event as a <typeparamref name="T"/>, or null when it is of another type (then its data is not read).</summary>
    public T? As<T>() where T : EventPayload => Is<T>() ? (T?)Payload : null;

    /// <summary>Whether the event is of <typeparamref name="T"/>'s type.</summary>
    public bool Is<T>() where T : EventPayload => EventPayload.RecordOf(Type) == typeof(T);


    /// <summary>Set by the store when it commits the event: a store-wide increasing number.</summary>
    public long Seq { get; init; }
    /// <summary>Set by the store: the transaction that wrote the event (0 on SQLite), the first key of its <see cref="Position"/>.</summary>
    public long Tx { get; init; }
    public EventPosition Position => new(Tx, Seq);
    public string Id { get; init; } = "";
    public string? OperatorId { get; init; }
    public string? OperatorClientId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}
