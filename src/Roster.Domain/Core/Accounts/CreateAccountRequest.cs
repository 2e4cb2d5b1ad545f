
namespace Roster.Domain.Accounts;

/// <summary>Body of POST /accounts (Zoom's create sub account), with Roster's optional plan fields.</summary>
public sealed class CreateAccountRequest
{
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
    [JsonPropertyName("account_name")] public string? AccountName { get; set; }
    [JsonPropertyName("options")] public SubAccountOptions? Options { get; set; }
    // Roster extensions: Zoom sets these through its sales process.
    [JsonPropertyName("plan")] public string? Plan { get; set; }
    [JsonPropertyName("seats")] public int? Seats { get; set; }
    [JsonPropertyName("managed_domains")] public List<string>? ManagedDomains { get; set; }
    [JsonPropertyName("sso_pre_provisioning")] public bool? SsoPreProvisioning { get; set; }
}
