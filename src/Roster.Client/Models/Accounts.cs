using System.Text.Json.Serialization;

namespace Roster.Client.Models;

/// <summary>A sub account of a master account (GET /accounts, GET /accounts/{accountId}).</summary>
public sealed class SubAccount
{
    /// <summary>Account id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>Account name.</summary>
    [JsonPropertyName("account_name")] public string? AccountName { get; set; }
    /// <summary>The owner's e-mail.</summary>
    [JsonPropertyName("owner_email")] public string? OwnerEmail { get; set; }
    /// <summary>The owner's user id.</summary>
    [JsonPropertyName("owner_id")] public string? OwnerId { get; set; }
    /// <summary>Plan name, e.g. <c>Pro</c>.</summary>
    [JsonPropertyName("account_type")] public string? AccountType { get; set; }
    /// <summary>Licensed seats.</summary>
    [JsonPropertyName("seats")] public int? Seats { get; set; }
    /// <summary>When the account was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When its paid plan started.</summary>
    [JsonPropertyName("subscription_start_time")] public DateTimeOffset? SubscriptionStartTime { get; set; }
    /// <summary>When its paid plan ends (Roster's renew: none).</summary>
    [JsonPropertyName("subscription_end_time")] public DateTimeOffset? SubscriptionEndTime { get; set; }
    /// <summary>Account number.</summary>
    [JsonPropertyName("account_number")] public long? AccountNumber { get; set; }
    /// <summary>Only on GET of one account.</summary>
    [JsonPropertyName("options")] public SubAccountOptions? Options { get; set; }
    /// <summary>Fields this version of the client does not know.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A sub account's options as GET shows them.</summary>
public sealed class SubAccountOptions
{
    /// <summary>Shares the master's room connectors.</summary>
    [JsonPropertyName("share_rc")] public bool? ShareRc { get; set; }
    /// <summary>Their IP addresses, comma-separated (empty: all of them).</summary>
    [JsonPropertyName("room_connectors")] public string? RoomConnectors { get; set; }
    /// <summary>Shares the master's meeting connectors.</summary>
    [JsonPropertyName("share_mc")] public bool? ShareMc { get; set; }
    /// <summary>Their IP addresses, comma-separated (empty: all of them).</summary>
    [JsonPropertyName("meeting_connectors")] public string? MeetingConnectors { get; set; }
    /// <summary><c>master</c> or <c>sub</c>: who pays.</summary>
    [JsonPropertyName("pay_mode")] public string? PayMode { get; set; }
    /// <summary>Whether billing renews automatically.</summary>
    [JsonPropertyName("billing_auto_renew")] public bool? BillingAutoRenew { get; set; }
}

/// <summary>PATCH /accounts/{accountId}/options: only what is set changes.</summary>
public sealed class SubAccountOptionsUpdate
{
    /// <summary>Share the master's room connectors.</summary>
    [JsonPropertyName("share_rc")] public bool? ShareRc { get; set; }
    /// <summary>Which room connectors (IP addresses); only while shared.</summary>
    [JsonPropertyName("room_connector_list")] public List<string>? RoomConnectorList { get; set; }
    /// <summary>Share the master's meeting connectors.</summary>
    [JsonPropertyName("share_mc")] public bool? ShareMc { get; set; }
    /// <summary>Which meeting connectors (IP addresses); only while shared.</summary>
    [JsonPropertyName("meeting_connector_list")] public List<string>? MeetingConnectorList { get; set; }
    /// <summary><c>master</c> or <c>sub</c>.</summary>
    [JsonPropertyName("pay_mode")] public string? PayMode { get; set; }
    /// <summary>Automatic billing renewal.</summary>
    [JsonPropertyName("billing_auto_renew")] public bool? BillingAutoRenew { get; set; }
}

/// <summary>POST /accounts: a new sub account and its owner.</summary>
public sealed class CreateSubAccountRequest
{
    /// <summary>The owner's first name.</summary>
    [JsonPropertyName("first_name")] public string FirstName { get; set; } = "";
    /// <summary>The owner's last name.</summary>
    [JsonPropertyName("last_name")] public string LastName { get; set; } = "";
    /// <summary>The owner's e-mail.</summary>
    [JsonPropertyName("email")] public string Email { get; set; } = "";
    /// <summary>The owner's password.</summary>
    [JsonPropertyName("password")] public string Password { get; set; } = "";
    /// <summary>The account's name (default: the owner's name).</summary>
    [JsonPropertyName("account_name")] public string? AccountName { get; set; }
    /// <summary>Its options.</summary>
    [JsonPropertyName("options")] public SubAccountOptionsUpdate? Options { get; set; }
}

/// <summary>What POST /accounts answers.</summary>
public sealed class CreatedSubAccount
{
    /// <summary>Account id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>The owner's user id.</summary>
    [JsonPropertyName("owner_id")] public string? OwnerId { get; set; }
    /// <summary>The owner's e-mail.</summary>
    [JsonPropertyName("owner_email")] public string? OwnerEmail { get; set; }
    /// <summary>When it was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary>One page of GET /accounts.</summary>
public sealed class SubAccountPage
{
    /// <summary>Sub accounts in all pages.</summary>
    [JsonPropertyName("total_records")] public int TotalRecords { get; set; }
    /// <summary>Token of the next page; empty on the last.</summary>
    [JsonPropertyName("next_page_token")] public string? NextPageToken { get; set; }
    /// <summary>This page.</summary>
    [JsonPropertyName("accounts")] public List<SubAccount> Accounts { get; set; } = [];
}

/// <summary>A managed domain and its verification status.</summary>
public sealed class ManagedDomain
{
    /// <summary>The domain.</summary>
    [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    /// <summary>e.g. <c>verified</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
}

internal sealed record ManagedDomainList([property: JsonPropertyName("domains")] List<ManagedDomain> Domains);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SubAccount))]
[JsonSerializable(typeof(SubAccountPage))]
[JsonSerializable(typeof(SubAccountOptionsUpdate))]
[JsonSerializable(typeof(CreateSubAccountRequest))]
[JsonSerializable(typeof(CreatedSubAccount))]
[JsonSerializable(typeof(ManagedDomainList))]
internal sealed partial class AccountsJsonContext : JsonSerializerContext;
