namespace Roster.Domain.Settings;

/// <summary>A group's stored settings documents: the values its admins changed, the leaves it locks, its registration settings.</summary>
public sealed record GroupSettingsRow(string GroupId, string Doc, string Locks, string? Registration);

/// <summary>What a member's settings are computed from, read in one statement: the user's own document and its groups' rows.</summary>
public sealed record SettingsLayers(string? User, IReadOnlyList<GroupSettingsRow> Groups);
