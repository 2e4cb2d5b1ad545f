using Roster.Domain.Settings;

namespace Roster.Domain.AdminConsole;

/// <summary>
/// One setting as the console shows it: where it lives, its label, its kind, its choices and current value; the
/// portal's title of the object it belongs to (<see cref="Group"/>, when it has one); and whether another setting of
/// its section carries the same label (<see cref="Shared"/>: the page then names the path with the label).
/// </summary>
public sealed record SettingField(string Path, string Label, SettingType Type, IReadOnlyList<string> Choices, JsonNode? Value, bool Editable,
    string? Group = null, bool Shared = false)
{
    /// <summary>The value as a form shows it (a boolean as <c>true</c>/<c>false</c>, a list as JSON).</summary>
    public string Text => Value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };

    /// <summary>Whether a checkbox shows ticked: only a value that is <c>true</c>.</summary>
    public bool Checked => Value is JsonValue v && v.TryGetValue<bool>(out var on) && on;

    /// <summary>
    /// A select's options: an empty one when the leaf is unset, the choices, and the current value when it is none of
    /// them (a default outside Zoom's list, say). The form must be able to send back what it shows, or saving it
    /// unchanged would change the leaf to whatever the browser selects instead.
    /// </summary>
    public IReadOnlyList<string> Options => Value is null ? ["", .. Choices] : Choices.Contains(Text) ? Choices : [Text, .. Choices];
}
