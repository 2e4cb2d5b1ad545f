namespace Roster.Domain.AdminConsole;

/// <summary>One section of Zoom's settings portal (its tab and name) and the slug that names it in the console's routes.</summary>
public sealed record SettingsPortalSection(string Tab, string Name, string Slug);
