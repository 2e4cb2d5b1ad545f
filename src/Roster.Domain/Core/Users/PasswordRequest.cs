namespace Roster.Domain.Users;

public sealed class PasswordRequest
{
    [JsonPropertyName("password")] public string? Password { get; set; }
}
