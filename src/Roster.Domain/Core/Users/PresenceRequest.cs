namespace Roster.Domain.Users;

/// <summary>Body of PUT /users/{userId}/presence_status; <c>duration</c> (minutes) only with Do_Not_Disturb.</summary>
public sealed class PresenceRequest
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("duration")] public int? Duration { get; set; }
}
