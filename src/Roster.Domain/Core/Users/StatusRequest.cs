using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

[Description("Body of PUT /users/{userId}/status.")]
public sealed class StatusRequest
{
    [JsonPropertyName("action"), Description("`activate` or `deactivate`."), Required] public string? Action { get; set; }
}
