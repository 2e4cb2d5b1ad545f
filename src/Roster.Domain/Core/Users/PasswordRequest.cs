using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

[Description("Body of PUT /users/{userId}/password.")]
public sealed class PasswordRequest
{
    [JsonPropertyName("password"), Description("The new password."), Required] public string? Password { get; set; }
}
