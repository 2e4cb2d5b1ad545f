namespace Roster.Domain.AdminConsole;

/// <summary>
/// How Zoom's web portal shows one settings path: its tab (Meeting, Recording …), its section within the tab (Security,
/// Schedule Meeting …) and its label. <see cref="Source"/> is where the wording was read: a page's address, a
/// repository's file (<c>owner/name:path</c>, an OpenAPI description naming the portal's setting), or <c>style</c> when
/// no source showing it was found and the label was written in the portal's style.
/// </summary>
public sealed record SettingLabel(string Path, string Tab, string Section, string Label, string Source);
