using Roster.Domain.Accounts;
using Roster.Domain.Errors;

namespace Roster.Domain.Settings;

/// <summary>
/// A group's settings (zoom-groups.md §2): the values its admins changed (stored) over the account defaults (the
/// schema's), in the sections a group has. Leaves, types and enums are the user settings' (docs/compatibility.md), so
/// a group's value is a member's value leaf for leaf. The <c>option</c> views are the user settings' rules over the
/// group's own document.
/// </summary>
public sealed class GroupSettings(string? storedJson)
{
    /// <summary>The sections of a group's settings: the user settings' without a user's plan facts (<c>feature</c>, <c>tsp</c>) and <c>whiteboard</c>.</summary>
    public static readonly string[] Sections = ["schedule_meeting", "in_meeting", "email_notification", "recording", "telephony", "profile", "audio_conferencing"];

    readonly UserSettings _doc = new(storedJson);

    static SettingsSchema Schema => SettingsSchema.Instance;

    public string ToJson() => _doc.ToJson();

    /// <summary>One settings PATCH by <paramref name="option"/>, as a user's (<see cref="UserSettings.PatchOptionAsync"/>), over the group's document.</summary>
    public Task<(JsonObject Changed, JsonObject Previous)> PatchOptionAsync(string? option, JsonObject body, Func<Task<Account>> account,
        Func<(JsonObject, JsonObject)> full) => _doc.PatchOptionAsync(option, body, account, full);

    /// <summary>GET without <c>option</c>, optionally cut to the named leaves (<c>custom_query_fields</c>).</summary>
    public JsonObject Full(IReadOnlyCollection<string>? customQueryFields = null)
    {
        var doc = new JsonObject();
        foreach (var section in Sections)
        {
            var node = Schema.Root.Children[section];
            var value = SettingsSchema.DefaultsOf(node) as JsonObject ?? new JsonObject();
            if (_doc.Stored[section] is JsonObject changed) SettingsSchema.Merge(value, changed);
            SettingsSchema.DropUnreadable(node, value);
            doc[section] = value;
        }
        return customQueryFields is { Count: > 0 } ? UserSettings.KeepLeaves(doc, customQueryFields) : doc;
    }

    /// <summary>PATCH without <c>option</c>: checked whole before anything changes; returns the leaves that changed, new and previous.</summary>
    public (JsonObject New, JsonObject Old) PatchFull(JsonObject body)
    {
        var errors = new List<FieldError>();
        var clean = new JsonObject();
        foreach (var section in Sections)
        {
            if (!body.TryGetPropertyValue(section, out var value)) continue;
            if (value is not JsonObject obj) { errors.Add(new FieldError(section, "Invalid field.")); continue; }
            var cleaned = SettingsSchema.CleanPatch(Schema.Root.Children[section], obj, errors);
            if (cleaned.Count > 0) clean[section] = cleaned;
        }
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        var changes = Events.Changes.DiffPatch(Full(), clean);
        foreach (var (section, value) in clean)
        {
            if (_doc.Stored[section] is not JsonObject existing) _doc.Stored[section] = existing = new JsonObject();
            SettingsSchema.Merge(existing, value!.AsObject());
        }
        return changes;
    }

    public JsonObject MeetingSecurity() => _doc.MeetingSecurity();
    public void PatchMeetingSecurity(JsonObject body) => _doc.PatchMeetingSecurity(body);
    public JsonObject Authentication(string kind, string accountId, IReadOnlyList<string> managedDomains) => _doc.Authentication(kind, accountId, managedDomains);
    public void PatchAuthentication(string kind, JsonObject body, string accountId, IReadOnlyList<string> managedDomains)
        => _doc.PatchAuthentication(kind, body, accountId, managedDomains);
}
