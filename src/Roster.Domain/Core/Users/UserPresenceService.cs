using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Users;

/// <summary>Zoom's presence statuses (PUT /users/{userId}/presence_status and the status GET shows).</summary>
public static class PresenceStatuses
{
    public const string Available = "Available";
    public const string DoNotDisturb = "Do_Not_Disturb";
    /// <summary>
    /// What a user signed in to no Zoom client shows (never signed in, or signed out of every client, and no status set
    /// since). Zoom's GET schema does not list it, but its presence webhook does, and a client shows such a user so;
    /// a user signed in to a client never reads it (docs/compatibility.md).
    /// </summary>
    public const string Offline = "Offline";

    /// <summary>The statuses a PUT may set, in Zoom's spelling.</summary>
    public static readonly string[] Settable =
        ["Away", DoNotDisturb, Available, "In_Calendar_Event", "Presenting", "In_A_Zoom_Meeting", "On_A_Call", "Out_of_Office", "Busy"];

    /// <summary>Do-Not-Disturb length in minutes when none is given, and its bounds (Zoom's schema).</summary>
    public const int DefaultDndMinutes = 20, MinDndMinutes = 20, MaxDndMinutes = 1440;

    /// <summary>Zoom allows one update of a user's presence per minute.</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMinutes(1);

    /// <summary>The status as given, in Zoom's spelling (its schema's enum also lists the misspelt <c>Do_No_Disturb</c>), or null.</summary>
    public static string? Parse(string? status)
        => status == "Do_No_Disturb" ? DoNotDisturb : Settable.FirstOrDefault(s => s == status);
}

/// <summary>What GET /users/{userId}/presence_status shows: the status and, for a Do-Not-Disturb, when it ends.</summary>
public sealed record PresenceView(string Status, DateTimeOffset? EndTime, long? RemainingMinutes)
{
    /// <summary>The presence <paramref name="state"/> shows at <paramref name="now"/>: a Do-Not-Disturb that ended shows Available.</summary>
    public static PresenceView Of(PresenceState? state, DateTimeOffset now)
    {
        if (state is null) return new(PresenceStatuses.Offline, null, null);
        if (state.Until is not { } until) return new(state.Status, null, null);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(until);
        if (end <= now) return new(PresenceStatuses.Available, null, null);
        return new(state.Status, end, (long)Math.Ceiling((end - now).TotalMinutes));
    }
}

/// <summary>
/// What a client sign-in or sign-out does to a user's presence, as a Zoom client does it: the first client signed in
/// makes the user Available; signing out of the last one makes them Offline. In between, a status the user sets stands.
/// A browser is not a client that holds a presence (Zoom's web portal shows none).
/// </summary>
public static class ClientPresence
{
    public const string Browser = "browser";

    /// <summary>Notes the sign-in; returns whether the profile changed (then it needs saving).</summary>
    public static bool SignedIn(UserProfile profile, string clientType)
    {
        if (clientType == Browser) return false;
        var clients = profile.SignedInClients ??= [];
        if (clients.Contains(clientType)) return false;
        clients.Add(clientType);
        if (clients.Count > 1) return true;
        // the time of the last PUT is kept: a sign-in is not an update through the API and spends none of its quota
        profile.Presence = new PresenceState(PresenceStatuses.Available, null, profile.Presence?.SetAt ?? 0);
        return true;
    }

    /// <summary>Notes the sign-out; returns whether the profile changed (then it needs saving).</summary>
    public static bool SignedOut(UserProfile profile, string clientType)
    {
        if (profile.SignedInClients is not { } clients || !clients.Remove(clientType)) return false;
        if (clients.Count > 0) return true;
        profile.SignedInClients = null;
        profile.Presence = new PresenceState(PresenceStatuses.Offline, null, profile.Presence?.SetAt ?? 0);
        return true;
    }
}

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
