namespace Roster.Domain.Users;

public sealed class EmailRequest
{
    [JsonPropertyName("email")] public string? Email { get; set; }
}
