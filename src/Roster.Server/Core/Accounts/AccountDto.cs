using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Roster.Domain.Accounts;

namespace Roster.Server.Accounts;

[Description("What POST /accounts answers: the new sub account and its owner.")]
public sealed record CreatedAccountDto(
    [property: Description("Account id.")] string Id,
    [property: Description("The owner's user id.")] string OwnerId,
    [property: Description("The owner's e-mail.")] string OwnerEmail,
    [property: DataType(DataType.DateTime), Description("When it was created.")] string CreatedAt);

[Description("A sub account of a master account (GET /accounts, GET /accounts/{accountId}).")]
public sealed record AccountDto(
    [property: Description("Account id.")] string Id,
    [property: Description("Account name.")] string AccountName,
    [property: Description("The owner's e-mail.")] string OwnerEmail,
    [property: Description("Plan name, e.g. `Pro`.")] string AccountType,
    [property: Description("Licensed seats.")] int Seats,
    [property: DataType(DataType.DateTime), Description("When the account was created.")] string CreatedAt,
    [property: Description("Account number.")] long AccountNumber,
    [property: Description("Its managed domains.")] IReadOnlyList<string> ManagedDomains,
    [property: Description("Whether it may create users with `ssoCreate`.")] bool SsoPreProvisioning,
    [property: Description("The owner's user id.")] string OwnerId)
{
    /// <summary>For a paid plan: when it started (Roster's plans renew: no end time).</summary>
    [DataType(DataType.DateTime), Description("For a paid plan: when it started (Roster's plans renew: no end time).")]
    public string? SubscriptionStartTime { get; init; }
    /// <summary>Only on GET of one sub account.</summary>
    [Description("Its options (only on GET of one sub account).")]
    public AccountOptions? Options { get; init; }
}

[Description("A managed domain and its verification status.")]
public sealed record ManagedDomainDto([property: Description("The domain.")] string Domain, [property: Description("e.g. `verified`.")] string Status);

[Description("GET /accounts/{accountId}/managed_domains.")]
public sealed record ManagedDomainsDto([property: Description("Domains in the list.")] int TotalRecords, [property: Description("The domains.")] IReadOnlyList<ManagedDomainDto> Domains);

[Description("One page of GET /accounts.")]
public sealed record AccountListDto(
    [property: Description("Pages in all.")] int PageCount,
    [property: Description("This page's number.")] int PageNumber,
    [property: Description("Sub accounts a page.")] int PageSize,
    [property: Description("Sub accounts in all pages.")] int TotalRecords,
    [property: Description("Token of the next page; empty on the last.")] string NextPageToken,
    [property: Description("This page.")] IReadOnlyList<AccountDto> Accounts);
