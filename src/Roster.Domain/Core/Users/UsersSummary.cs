using Roster.Domain.Abstractions;

namespace Roster.Domain.Users;

/// <summary>
/// GET /users/summary. Users that joined (active or deactivated) count under their type; pending ones under pending
/// only; the total counts every user. Join-only users are those with no meetings licence (type 4); Roster has no
/// Zoom Rooms, so no room users.
/// </summary>
public sealed record UsersSummary(long Licensed, long Basic, long OnPrem, long Room, long Pending, long JoinOnly, long Total)
{
    public static UsersSummary Of(IEnumerable<UserTally> tallies)
    {
        long licensed = 0, basic = 0, onPrem = 0, pending = 0, joinOnly = 0, total = 0;
        foreach (var t in tallies)
        {
            total += t.N;
            if (t.Status == UserStatuses.Pending) { pending += t.N; continue; }
            switch (t.Type)
            {
                case UserTypes.Licensed: licensed += t.N; break;
                case UserTypes.Basic: basic += t.N; break;
                case UserTypes.OnPrem: onPrem += t.N; break;
                case UserTypes.NoMeetingsLicense: joinOnly += t.N; break;
            }
        }
        return new(licensed, basic, onPrem, 0, pending, joinOnly, total);
    }
}
