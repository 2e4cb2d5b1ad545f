using Roster.Domain.Accounts;

namespace Roster.Server.Accounts;

public sealed record CreatedAccountDto(string Id, string OwnerId, string OwnerEmail, string CreatedAt);

public sealed record AccountDto(
    string Id, string AccountName, string OwnerEmail, string AccountType, int Seats, string CreatedAt, long AccountNumber,
    IReadOnlyList<string> ManagedDomains, bool SsoPreProvisioning, string OwnerId)
{
    /// <summary>For a paid plan: when it started (Roster's plans renew: no end time).</summary>
    public string? SubscriptionStartTime { get; init; }
    /// <summary>Only on GET of one sub account.</summary>
    public AccountOptions? Options { get; init; }
}

public sealed record ManagedDomainDto(string Domain, string Status);

public sealed record ManagedDomainsDto(int TotalRecords, IReadOnlyList<ManagedDomainDto> Domains);

public sealed record AccountListDto(int PageCount, int PageNumber, int PageSize, int TotalRecords, string NextPageToken, IReadOnlyList<AccountDto> Accounts);
