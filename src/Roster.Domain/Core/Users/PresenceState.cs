namespace Roster.Domain.Users;

/// <summary>A presence status as set: the status, when a Do-Not-Disturb ends (ms), and when it was set (ms).</summary>
public sealed record PresenceState(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("until")] long? Until,
    [property: JsonPropertyName("set_at")] long SetAt);
