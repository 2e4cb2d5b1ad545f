using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// The settings leaves Zoom documents for every user (reference §5), present in a new user's settings with Zoom's
/// type, including those whose value depends on a feature Roster does not model (then the value of an account
/// without that feature).
/// </summary>
public class SettingsFieldsTests
{
    public static readonly (string Path, JsonValueKind Kind)[] Documented =
    [
        ("audio_conferencing.toll_free_and_fee_based_toll_call.enable", JsonValueKind.False),
        ("audio_conferencing.toll_free_and_fee_based_toll_call.numbers", JsonValueKind.Array),
        ("feature.large_meeting_capacity", JsonValueKind.Number),
        ("feature.webinar_capacity", JsonValueKind.Number),
        ("feature.zoom_events_capacity", JsonValueKind.Number),
        ("in_meeting.custom_service_instructions", JsonValueKind.String),
        ("in_meeting.data_center_regions", JsonValueKind.Array),
        ("in_meeting.unchecked_data_center_regions", JsonValueKind.Array),
        ("in_meeting.language_interpretation.custom_languages", JsonValueKind.Array),
        ("in_meeting.virtual_background_settings.files", JsonValueKind.Array),
        ("in_meeting.webinar_chat.allow_attendees_chat_with", JsonValueKind.Number),
        ("in_meeting.webinar_chat.allow_auto_save_local_chat_file", JsonValueKind.False),
        ("in_meeting.webinar_chat.allow_panelists_chat_with", JsonValueKind.Number),
        ("in_meeting.webinar_chat.allow_panelists_send_direct_message", JsonValueKind.False),
        ("in_meeting.webinar_live_streaming.custom_service_instructions", JsonValueKind.String),
        ("in_meeting.webinar_live_streaming.live_streaming_reminder", JsonValueKind.False),
        ("meeting_security.block_user_domain_list", JsonValueKind.Array),
        ("meeting_security.waiting_room_settings.whitelisted_domains_for_waiting_room", JsonValueKind.String),
        ("recording.auto_delete_cmr_days", JsonValueKind.Number),
        ("recording.ip_address_access_control.ip_addresses_or_ranges", JsonValueKind.String),
        ("recording.recording_password_requirement.length", JsonValueKind.Number),
        ("schedule_meeting.default_password_for_scheduled_meetings", JsonValueKind.String),
        ("schedule_meeting.pmi_password", JsonValueKind.String),
        ("tsp.call_out_countries", JsonValueKind.Array),
    ];

    static JsonNode? At(JsonNode doc, string path) => path.Split('.').Aggregate((JsonNode?)doc, (n, k) => n?[k]);

    [Fact]
    public async Task ANewUsersSettingsHaveEveryDocumentedLeafWithZoomsType()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("leaves@example.com", type: 2);
        var full = (await api.Get($"/v2/users/{id}/settings")).Is(HttpStatusCode.OK).Json;
        // meeting_security is Zoom's option view, not part of the full document
        var security = (await api.Get($"/v2/users/{id}/settings?option=meeting_security")).Is(HttpStatusCode.OK).Json;
        JsonNode? Value(string path) => At(path.StartsWith("meeting_security.", StringComparison.Ordinal) ? security : full, path);
        var missing = Documented.Where(d => Value(d.Path) is not { } v || v.GetValueKind() != d.Kind).Select(d => $"{d.Path}: {Value(d.Path)?.ToJsonString() ?? "absent"}").ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
