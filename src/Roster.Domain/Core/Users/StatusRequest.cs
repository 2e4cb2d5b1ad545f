namespace Roster.Domain.Users;

public sealed class StatusRequest
{
    [JsonPropertyName("action")] public string? Action { get; set; }
}
