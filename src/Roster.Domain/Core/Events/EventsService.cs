using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary>What an account's admins may read of the outbox: their own account's events, in outbox order (<see cref="EventPosition"/>).</summary>
public sealed class EventsService(IRosterStore store)
{
    public const int MaxPageSize = 300;

    public Task<IReadOnlyList<DomainEvent>> ListAsync(Caller caller, EventPosition after, int? pageSize, CancellationToken ct = default)
    {
        Operations.RosterEvents.AuthorizeAdmin(caller);
        var size = pageSize ?? 100;
        if (size is < 1 or > MaxPageSize) throw Fail.InvalidField("page_size");
        return store.ReadAsync(async s =>
        {
            await Users.UserAccess.RequireAdmin(s, caller);
            return await s.ListEventsAsync(caller.AccountId, after, size);
        }, ct);
    }

    /// <summary>The account's events before <paramref name="before"/> (null: the newest), newest first, under the list's rule.</summary>
    public Task<IReadOnlyList<DomainEvent>> ListNewestAsync(Caller caller, EventPosition? before, int pageSize, CancellationToken ct = default)
    {
        Operations.RosterEvents.AuthorizeAdmin(caller);
        if (pageSize is < 1 or > MaxPageSize) throw Fail.InvalidField("page_size");
        return store.ReadAsync(async s =>
        {
            await Users.UserAccess.RequireAdmin(s, caller);
            return await s.ListEventsBeforeAsync(caller.AccountId, before ?? new EventPosition(long.MaxValue, long.MaxValue), pageSize);
        }, ct);
    }

    /// <summary>Where the outbox stands now (for a stream that starts from now), under the list's rule.</summary>
    public Task<EventPosition> LatestAsync(Caller caller, CancellationToken ct = default)
    {
        Operations.RosterEvents.AuthorizeAdmin(caller);
        return store.ReadAsync(async s =>
        {
            await Users.UserAccess.RequireAdmin(s, caller);
            return await s.LatestEventPositionAsync();
        }, ct);
    }
}
