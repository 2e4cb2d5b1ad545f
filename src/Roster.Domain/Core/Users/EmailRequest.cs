using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

[Description("Body of PUT /users/{userId}/email.")]
public sealed class EmailRequest
{
    [JsonPropertyName("email"), Description("The new e-mail address."), Required] public string? Email { get; set; }
}
