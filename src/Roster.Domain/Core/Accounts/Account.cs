namespace Roster.Domain.Accounts;

/// <summary>A Zoom account: plan, seats, managed domains, owner; a master account may have sub accounts.</summary>
public sealed class Account
{
    public long Seq { get; set; }
    public required string Id { get; init; }
    public long AccountNumber { get; set; }
    public required string Name { get; set; }
    public string Plan { get; set; } = Plans.Business;
    /// <summary>Licensed (type 2) seats; active and pending licensed users count against them.</summary>
    public int LicensedSeats { get; set; }
    public List<string> ManagedDomains { get; set; } = [];
    public bool MasterAccount { get; set; }
    public string? ParentId { get; set; }
    public string OwnerId { get; set; } = "";
    /// <summary>"Pre-provisioning SSO User" option: allows <c>action=ssoCreate</c>.</summary>
    public bool SsoPreProvisioning { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>What its master set for a sub account (connectors shared, who pays).</summary>
    public AccountOptions Options { get; set; } = AccountOptions.Default;

    public bool IsPaid => Plan != Plans.Free;

    public bool IsManagedEmail(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 0) return false;
        var domain = email[(at + 1)..];
        return ManagedDomains.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase));
    }
}
