using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Roster.Domain.Accounts;

/// <summary>Body of POST /accounts (Zoom's create sub account), with Roster's optional plan fields.</summary>
[Description("Body of POST /accounts: a new sub account and its owner.")]
public sealed class CreateAccountRequest
{
    [JsonPropertyName("first_name"), Required, Description("The owner's first name.")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name"), Required, Description("The owner's last name.")] public string? LastName { get; set; }
    [JsonPropertyName("email"), Required, Description("The owner's e-mail.")] public string? Email { get; set; }
    [JsonPropertyName("password"), Required, Description("The owner's password.")] public string? Password { get; set; }
    [JsonPropertyName("account_name"), Description("The account's name (default: the owner's name).")] public string? AccountName { get; set; }
    [JsonPropertyName("options"), Description("Its options.")] public SubAccountOptions? Options { get; set; }
    // Roster extensions: Zoom sets these through its sales process.
    [JsonPropertyName("plan"), Description("Roster: the plan, e.g. `Pro` (Zoom sets it through its sales process).")] public string? Plan { get; set; }
    [JsonPropertyName("seats"), Description("Roster: licensed seats.")] public int? Seats { get; set; }
    [JsonPropertyName("managed_domains"), Description("Roster: managed domains.")] public List<string>? ManagedDomains { get; set; }
    [JsonPropertyName("sso_pre_provisioning"), Description("Roster: whether the account may create users with `ssoCreate`.")] public bool? SsoPreProvisioning { get; set; }
}
