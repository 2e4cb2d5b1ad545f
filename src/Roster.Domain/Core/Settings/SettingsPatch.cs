namespace Roster.Domain.Settings;

/// <summary>One settings PATCH: its <c>option</c> (null for the full document) and its body, as the API takes them.</summary>
public sealed record SettingsPatch(string? Option, JsonObject Body);
