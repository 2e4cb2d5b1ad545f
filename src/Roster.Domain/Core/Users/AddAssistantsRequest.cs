using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

[Description("An assistant to add: by id or by e-mail.")]
public sealed class AssistantRef
{
    [JsonPropertyName("id"), Description("Assistant's user id.")] public string? Id { get; set; }
    [JsonPropertyName("email"), Description("Assistant's e-mail.")] public string? Email { get; set; }
    [JsonPropertyName("can_manage_host_private_event"), Description("May manage the host's private events.")] public bool? CanManageHostPrivateEvent { get; set; }
}

[Description("Body of POST /users/{userId}/assistants.")]
public sealed class AddAssistantsRequest
{
    [JsonPropertyName("assistants"), Description("The assistants to add, each by id or by e-mail."), Required] public List<AssistantRef>? Assistants { get; set; }
}
