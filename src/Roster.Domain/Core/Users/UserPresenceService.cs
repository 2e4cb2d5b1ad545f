using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using static Roster.Domain.Users.UserAccess;

namespace Roster.Domain.Users;

/// <summary>A user's presence status: set through the API, at most once a minute, and shown until changed.</summary>
public sealed class UserPresenceService(IRosterStore store, TimeProvider clock)
{
    DateTimeOffset Now => clock.GetUtcNow();

    public Task<PresenceView> GetAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            var user = await Target(s, caller, userId, Operations.GetPresenceStatus);
            ThrowIfInvitationExpired(user, Now);
            return PresenceView.Of(user.Profile.Presence, Now);
        }, ct);

    public Task SetAsync(Caller caller, string userId, PresenceRequest body, CancellationToken ct = default)
    {
        var status = PresenceStatuses.Parse(body.Status) ?? throw Fail.InvalidField("status");
        int? minutes = null;
        if (status == PresenceStatuses.DoNotDisturb)
        {
            minutes = body.Duration ?? PresenceStatuses.DefaultDndMinutes;
            if (minutes is < PresenceStatuses.MinDndMinutes or > PresenceStatuses.MaxDndMinutes) throw Fail.InvalidField("duration");
        }
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.UpdatePresenceStatus, hold: true);
            ThrowIfInvitationExpired(user, Now);
            // a user who cannot be signed in to a client has no presence to set (Zoom: 5301)
            if (user.Status != UserStatuses.Active) throw Fail.PresenceNotUpdated();
            var now = Now;
            if (user.Profile.Presence is { } last && DateTimeOffset.FromUnixTimeMilliseconds(last.SetAt) + PresenceStatuses.UpdateInterval is var next && now < next)
                throw Fail.PresenceTooOften(next - now);
            user.Profile.Presence = new PresenceState(status, minutes is { } m ? (now + TimeSpan.FromMinutes(m)).ToUnixTimeMilliseconds() : null,
                now.ToUnixTimeMilliseconds());
            await s.UpdateUserAsync(user);
            await Record(s, clock, caller, DomainEvent.Of(user,
                new UserPresenceStatusUpdated(EventUser.Of(user) with { PresenceStatus = status })));
            return true;
        }, ct);
    }
}
