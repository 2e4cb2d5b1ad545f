namespace Roster.Domain.Users;

public sealed class AssistantRef
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("can_manage_host_private_event")] public bool? CanManageHostPrivateEvent { get; set; }
}

public sealed class AddAssistantsRequest
{
    [JsonPropertyName("assistants")] public List<AssistantRef>? Assistants { get; set; }
}
