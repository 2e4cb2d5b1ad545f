using System.Reflection;

namespace Roster.Domain.AdminConsole;

/// <summary>
/// The console's labels of the user settings, in the portal's order (<c>settings-labels.json</c>, embedded): one entry
/// per path of the settings schema (an array's items as <c>a.b[].c</c>), with the portal's tab, section and wording.
/// A test holds that every schema path has exactly one entry, so a new setting cannot ship unlabeled.
/// </summary>
public static class SettingLabels
{
    /// <summary>Every entry, in the portal's order (tabs, then their sections, then the settings as the portal lists them).</summary>
    public static IReadOnlyList<SettingLabel> All { get; } = Load();

    static readonly Dictionary<string, SettingLabel> ByPath = All.ToDictionary(e => Key(e.Path), StringComparer.Ordinal);

    /// <summary>The portal's sections in order, each with its route slug (tab and section name, lower case, joined by dashes).</summary>
    public static IReadOnlyList<SettingsPortalSection> Sections { get; } = All
        .Select(e => (e.Tab, e.Section)).Distinct()
        .Select(t => new SettingsPortalSection(t.Tab, t.Section, Slug(t.Tab, t.Section))).ToList();

    static List<SettingLabel> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Roster.Domain.settings-labels.json")
            ?? throw new InvalidOperationException("settings-labels.json is not embedded");
        var entries = JsonNode.Parse(stream)!.AsArray();
        return entries.Select(e => new SettingLabel(
            e!["path"]!.GetValue<string>(), e["tab"]!.GetValue<string>(), e["section"]!.GetValue<string>(),
            e["label"]!.GetValue<string>(), e["source"]!.GetValue<string>())).ToList();
    }

    /// <summary>The entry of a schema node's path (an array node's path ends without <c>[]</c>), or null.</summary>
    public static SettingLabel? Of(string nodePath) => ByPath.GetValueOrDefault(Key(nodePath));

    static string Key(string path) => path.EndsWith("[]", StringComparison.Ordinal) ? path[..^2] : path;

    /// <summary><c>Meeting</c>, <c>In Meeting (Basic)</c> → <c>meeting-in-meeting-basic</c>; a section named as its tab is the tab's slug alone.</summary>
    internal static string Slug(string tab, string section)
    {
        static string One(string text)
        {
            var slug = new StringBuilder();
            foreach (var c in text.ToLowerInvariant())
            {
                if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
                else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            }
            return slug.ToString().TrimEnd('-');
        }
        var (t, s) = (One(tab), One(section));
        return t == s ? t : $"{t}-{s}";
    }
}
