using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.Settings;

/// <summary>Plan rules of a settings PATCH (reference §3.18 error table).</summary>
public static class SettingsRules
{
    static readonly int[] WebinarCapacities = [100, 500, 501, 1000, 1001, 3000, 5000, 10000];
    static readonly int[] LargeMeetingCapacities = [500, 1000];

    public static void Check(User user, JsonObject patch, JsonObject after)
    {
        if (patch["feature"] is not JsonObject f) return;
        var feature = after["feature"]!.AsObject();
        var paid = UserTypes.IsPaid(user.Type);
        bool On(string name) => feature[name]?.GetValueKind() == JsonValueKind.True;
        bool Turned(string name) => f[name]?.GetValueKind() == JsonValueKind.True;

        if (Turned("large_meeting") && !paid) throw Fail.TypePermission("Only Licensed or On-prem users can enable Large Meeting.");
        if (Turned("webinar") && !paid) throw Fail.WebinarNotPaid();
        if (Turned("zoom_events") && !paid) throw Fail.ZoomEventsNotPaid();
        if (Turned("webinar") && On("zoom_events")) throw Fail.WebinarWithZoomEvents();
        if (Turned("zoom_events") && On("webinar")) throw Fail.ZoomEventsWithWebinar();
        if (f["concurrent_meeting"]?.GetValue<string>() is "Basic" or "Plus" && !paid)
            throw Fail.ConcurrentMeetingNotPaid();
        if (f["large_meeting_capacity"] is { } lmc)
        {
            if (!LargeMeetingCapacities.Contains((int)lmc.GetValue<long>()))
                throw Fail.InvalidField("feature.large_meeting_capacity");
            if (!On("large_meeting")) throw Fail.Invalid("Large meeting capacity needs large_meeting to be enabled.");
        }
        if (f["webinar_capacity"] is { } wc && !WebinarCapacities.Contains((int)wc.GetValue<long>()))
            throw Fail.InvalidField("feature.webinar_capacity");
    }
}
