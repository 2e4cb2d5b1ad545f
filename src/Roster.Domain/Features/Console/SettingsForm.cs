using System.Globalization;
using Roster.Domain.Errors;
using Roster.Domain.Settings;

namespace Roster.Domain.AdminConsole;

/// <summary>
/// A settings section as a form, and the form back as a settings PATCH. Only the fields the form changed go into the
/// patch, which then takes the same path (and the same validation and errors) as <c>PATCH /users/{userId}/settings</c>.
/// Leaves of a simple kind (true/false, text, whole number) are editable; lists, objects and read-only leaves are shown.
/// </summary>
public static class SettingsForm
{
    public static IReadOnlyList<string> Sections => SettingsSchema.Sections;

    /// <summary>The leaves of <paramref name="section"/> in schema order, with their values in <paramref name="settings"/> (the full document).</summary>
    public static IReadOnlyList<SettingField> Fields(string section, JsonObject settings)
    {
        var node = SettingsSchema.Instance.Find(section) ?? throw Fail.InvalidField("section");
        var fields = new List<SettingField>();
        Walk(node, settings[section] as JsonObject, "", fields);
        return fields;
    }

    static void Walk(SettingNode node, JsonObject? values, string labelPrefix, List<SettingField> into)
    {
        foreach (var child in node.Children.Values)
        {
            if (!child.Get) continue;
            var value = values?[child.Name];
            var label = labelPrefix + Humanize(child.Name);
            if (child.IsContainer)
            {
                Walk(child, value as JsonObject, label + " › ", into);
                continue;
            }
            var editable = child.Patch && child.Type is SettingType.Boolean or SettingType.String or SettingType.Integer;
            var choices = child.Enum?.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : e?.ToJsonString() ?? "").ToList() ?? [];
            into.Add(new SettingField(child.Path, label, child.Type, choices, value?.DeepClone(), editable));
        }
    }

    /// <summary><c>join_before_host</c> → "Join before host".</summary>
    public static string Humanize(string name)
    {
        var words = name.Replace('_', ' ').Trim();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>
    /// The merge-PATCH a submitted section form asks for: each editable field submitted otherwise than the form showed
    /// it. A field sent back as shown is no change, whatever it holds (an unset leaf's empty text or select, a value
    /// outside the choices): saving a form unchanged writes nothing. A checkbox that is not submitted is unticked
    /// (browsers send only ticked boxes); a field that is not a whole number where one is needed is a field error and
    /// changes nothing.
    /// </summary>
    public static JsonObject Patch(string section, JsonObject settings, Func<string, string?> submitted, List<FieldError> errors)
    {
        var patch = new JsonObject();
        foreach (var field in Fields(section, settings).Where(f => f.Editable))
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
