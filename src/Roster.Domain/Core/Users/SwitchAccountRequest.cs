using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

[Description("Body of PUT /accounts/{accountId}/users/{userId}/account.")]
public sealed class SwitchAccountRequest
{
    [JsonPropertyName("account_id"), Description("The account to move the user to."), Required] public string? AccountId { get; set; }
}
