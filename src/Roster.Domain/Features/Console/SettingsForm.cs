using System.Globalization;
using Roster.Domain.Errors;
using Roster.Domain.Settings;

namespace Roster.Domain.AdminConsole;

/// <summary>
/// The user settings as the console's forms show them: grouped as Zoom's web portal groups them (tabs, then sections,
/// in the portal's order, with its labels: <see cref="SettingLabels"/>), and a section's form back as a settings PATCH.
/// A portal section may hold leaves of several API sections (the passcode leaves of <c>schedule_meeting</c> and
/// <c>meeting_security</c> both sit under Security); its patch holds only the leaves the form showed and changed, and
/// takes the same path (the same validation and errors) as <c>PATCH /users/{userId}/settings</c>, one part per
/// <c>option</c> document (<see cref="Split"/>). Leaves of a simple kind (true/false, text, whole number) are
/// editable; lists, objects and read-only leaves are shown.
/// </summary>
public static class SettingsForm
{
    /// <summary>The portal's sections, in its order.</summary>
    public static IReadOnlyList<SettingsPortalSection> Sections => SettingLabels.Sections;

    /// <summary>The section a route names, or null.</summary>
    public static SettingsPortalSection? Section(string slug) => Sections.FirstOrDefault(s => s.Slug == slug);

    /// <summary>
    /// The settings document the forms read: the full document of GET (without <c>option</c>) and, beside its
    /// sections, the <c>meeting_security</c> object of GET with <c>option=meeting_security</c>.
    /// </summary>
    public static JsonObject Document(JsonObject full, JsonObject? meetingSecurity)
    {
        var doc = full.DeepClone().AsObject();
        if (meetingSecurity?[SettingsOptions.MeetingSecurity] is JsonObject security) doc[SettingsOptions.MeetingSecurity] = security.DeepClone();
        return doc;
    }

    /// <summary>
    /// The settings of <paramref name="section"/> in the portal's order, with their values in <paramref name="settings"/>
    /// (<see cref="Document"/>); with a <paramref name="filter"/>, only those whose label, group title or path contains
    /// it (any case).
    /// </summary>
    public static IReadOnlyList<SettingField> Fields(SettingsPortalSection section, JsonObject settings, string? filter = null)
    {
        var fields = new List<SettingField>();
        foreach (var entry in SettingLabels.All)
        {
            if (entry.Tab != section.Tab || entry.Section != section.Name || Shown(entry.Path) is not { } node) continue;
            var value = ValueAt(settings, node.Path);
            var editable = node.Patch && node.Type is SettingType.Boolean or SettingType.String or SettingType.Integer;
            var choices = node.Enum?.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : e?.ToJsonString() ?? "").ToList() ?? [];
            fields.Add(new SettingField(node.Path, entry.Label, node.Type, choices, value?.DeepClone(), editable, GroupOf(node.Path)));
        }
        var shared = fields.GroupBy(f => f.Label, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var term = filter?.Trim();
        return fields.Select(f => shared.Contains(f.Label) ? f with { Shared = true } : f)
            .Where(f => string.IsNullOrEmpty(term) || Matches(f, term)).ToList();
    }

    static bool Matches(SettingField field, string term)
        => field.Label.Contains(term, StringComparison.OrdinalIgnoreCase) || field.Path.Contains(term, StringComparison.OrdinalIgnoreCase)
           || (field.Group?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>
    /// The schema node an entry shows as a field, or null: a leaf or a list that GET returns (an object titles its
    /// leaves instead, see <see cref="GroupOf"/>; an item of a list shows within its list).
    /// </summary>
    static SettingNode? Shown(string path)
    {
        var own = path.EndsWith("[]", StringComparison.Ordinal) ? path[..^2] : path;
        if (own.Contains("[]", StringComparison.Ordinal)) return null;
        var node = SettingsSchema.Instance.Find(own);
        if (node is null || node.IsContainer) return null;
        var parts = own.Split('.');
        for (var i = 1; i <= parts.Length; i++)
            if (SettingsSchema.Instance.Find(string.Join('.', parts[..i])) is not { Get: true }) return null;
        return node;
    }

    /// <summary>The portal's title of the nearest object holding the leaf at <paramref name="path"/>, or null (a section's own leaf).</summary>
    static string? GroupOf(string path)
    {
        for (var cut = path.LastIndexOf('.'); cut > 0; cut = path.LastIndexOf('.', cut - 1))
            if (SettingLabels.Of(path[..cut]) is { } owner) return owner.Label;
        return null;
    }

    static JsonNode? ValueAt(JsonObject settings, string path)
    {
        JsonNode? at = settings;
        foreach (var part in path.Split('.'))
            at = at is JsonObject o ? o[part] : null;
        return at;
    }

    /// <summary>
    /// The merge-PATCH a submitted section form asks for: each editable field the form says it showed
    /// (<paramref name="shown"/>, its paths; a field a filter left out is not in it and is never touched) and that was
    /// submitted otherwise than the form showed it. A field sent back as shown is no change, whatever it holds (an unset
    /// leaf's empty text or select, a value outside the choices): saving a form unchanged writes nothing. A shown checkbox
    /// that is not submitted is unticked (browsers send only ticked boxes); a field that is not a whole number where one is
    /// needed is a field error and changes nothing. Names in <paramref name="shown"/> that are not editable fields of the
    /// section are ignored.
    /// </summary>
    public static JsonObject Patch(SettingsPortalSection section, JsonObject settings, IReadOnlyCollection<string> shown, Func<string, string?> submitted,
        List<FieldError> errors)
    {
        var patch = new JsonObject();
        var considered = shown.ToHashSet(StringComparer.Ordinal);
        foreach (var field in Fields(section, settings).Where(f => f.Editable && considered.Contains(f.Path)))
        {
            var raw = submitted(field.Path);
            JsonNode? value;
            if (field.Type == SettingType.Boolean)
            {
                var ticked = raw is "true" or "on";
                if (ticked == field.Checked) continue;
                value = JsonValue.Create(ticked);
            }
            else
            {
                if (raw is null || raw == field.Text) continue;
                if (field.Type == SettingType.Integer)
                {
                    if (!long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    {
                        errors.Add(new FieldError(field.Path, "Must be a whole number."));
                        continue;
                    }
                    value = JsonValue.Create(n);
                }
                else value = JsonValue.Create(raw);
                if (JsonNode.DeepEquals(value, field.Value)) continue;
            }
            Place(patch, field.Path, value);
        }
        return patch;
    }

    /// <summary>
    /// A form's patch as the settings PATCHes that carry it: the API sections in one without <c>option</c>, and each
    /// option document (<c>meeting_security</c>) in one with that <c>option</c>, shaped as that call takes it.
    /// </summary>
    public static IReadOnlyList<SettingsPatch> Split(JsonObject patch)
    {
        var full = new JsonObject();
        var parts = new List<SettingsPatch>();
        foreach (var (key, value) in patch)
        {
            if (SettingsOptions.All.Contains(key)) parts.Add(new SettingsPatch(key, new JsonObject { [key] = value?.DeepClone() }));
            else full[key] = value?.DeepClone();
        }
        if (full.Count > 0) parts.Insert(0, new SettingsPatch(null, full));
        return parts;
    }

    /// <summary>Sets the leaf at the dotted <paramref name="path"/> of <paramref name="root"/>, making the objects on the way.</summary>
    public static void Place(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var at = root;
        foreach (var part in parts[..^1])
        {
            if (at[part] is not JsonObject next) at[part] = next = new JsonObject();
            at = next;
        }
        at[parts[^1]] = value;
    }
}
