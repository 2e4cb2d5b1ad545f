namespace Roster.Domain.Users;

public sealed class SwitchAccountRequest
{
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
}
