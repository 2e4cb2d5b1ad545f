namespace Roster.Domain.Users;

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
