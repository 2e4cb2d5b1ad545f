using Roster.Domain.Errors;

namespace Roster.Domain.Settings;

/// <summary>
/// A group's lock settings (zoom-groups.md §2): the settings tree of <see cref="GroupSettings.Sections"/> and
/// <c>meeting_security</c> with a boolean at every leaf a member could change, <c>true</c> = locked for the group's
/// members. Stored as the leaves an admin set; the rest read <c>false</c>.
/// </summary>
public static class LockSettings
{
    static SettingsSchema Schema => SettingsSchema.Instance;

    /// <summary>The sections a lock document has, in the order GET shows them.</summary>
    public static readonly string[] Sections = [.. GroupSettings.Sections, SettingsOptions.MeetingSecurity];

    static bool Lockable(SettingNode node) => node.Get && node.Patch;

    static JsonObject Mirror(SettingNode node, JsonObject? stored)
    {
        var o = new JsonObject();
        foreach (var child in node.Children.Values)
        {
            if (!Lockable(child)) continue;
            if (child.IsContainer)
            {
                var inner = Mirror(child, stored?[child.Name] as JsonObject);
                if (inner.Count > 0) o[child.Name] = inner;
            }
            else o[child.Name] = stored?[child.Name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        }
        return o;
    }

    /// <summary>GET without <c>option</c>: every lockable leaf of the group sections.</summary>
    public static JsonObject Full(JsonObject stored)
    {
        var doc = new JsonObject();
        foreach (var section in GroupSettings.Sections)
            doc[section] = Mirror(Schema.Root.Children[section], stored[section] as JsonObject);
        return doc;
    }

    /// <summary>GET with <c>option=meeting_security</c>.</summary>
    public static JsonObject MeetingSecurity(JsonObject stored)
        => new() { [SettingsOptions.MeetingSecurity] = Mirror(Schema.Root.Children[SettingsOptions.MeetingSecurity], stored[SettingsOptions.MeetingSecurity] as JsonObject) };

    /// <summary>
    /// Checks a PATCH of <paramref name="sections"/>: every leaf a boolean (else a code-300 field error); unknown and
    /// unlockable fields are dropped as the settings PATCH drops them. Throws before anything changes.
    /// </summary>
    public static JsonObject Clean(JsonObject body, IEnumerable<string> sections)
    {
        var errors = new List<FieldError>();
        var clean = new JsonObject();
        foreach (var section in sections)
        {
            if (!body.TryGetPropertyValue(section, out var value)) continue;
            if (value is not JsonObject obj) { errors.Add(new FieldError(section, "Invalid field.")); continue; }
            var cleaned = Clean(Schema.Root.Children[section], obj, errors);
            if (cleaned.Count > 0) clean[section] = cleaned;
        }
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        return clean;
    }

    static JsonObject Clean(SettingNode node, JsonObject body, List<FieldError> errors)
    {
        var clean = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (!node.Children.TryGetValue(key, out var child) || !Lockable(child)) continue;
            if (child.IsContainer)
            {
                if (value is JsonObject inner)
                {
                    var sub = Clean(child, inner, errors);
                    if (sub.Count > 0) clean[key] = sub;
                }
                else errors.Add(new FieldError(child.Path, "Invalid field."));
            }
            else if (value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False) clean[key] = value.GetValue<bool>();
            else errors.Add(new FieldError(child.Path, "Invalid field."));
        }
        return clean;
    }

    /// <summary>The dotted paths of the leaves a stored lock document locks.</summary>
    public static IEnumerable<string> LockedPaths(JsonObject stored, string prefix = "")
    {
        foreach (var (key, value) in stored)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject inner)
                foreach (var p in LockedPaths(inner, path)) yield return p;
            else if (value?.GetValueKind() == JsonValueKind.True) yield return path;
        }
    }
}
