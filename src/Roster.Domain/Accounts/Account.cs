using System.ComponentModel;
using Roster.Domain.Users;

namespace Roster.Domain.Accounts;

/// <summary>Zoom plans; they decide rate limits, daily invite quotas and what an account may do.</summary>
public static class Plans
{
    public const string Free = "free";
    public const string Pro = "pro";
    public const string Business = "business";
    public const string Enterprise = "enterprise";
    public static readonly string[] All = [Free, Pro, Business, Enterprise];
}

/// <summary>
/// A sub account's options, as Zoom shows them: shared room connectors (<c>share_rc</c>, their IPs comma-separated in
/// <c>room_connectors</c>; empty: all of the master's), the same for meeting connectors, <c>pay_mode</c> (<c>master</c>
/// or <c>sub</c>) and <c>billing_auto_renew</c>.
/// </summary>
[Description("A sub account's options as GET shows them.")]
public sealed record AccountOptions(
    [property: JsonPropertyName("share_rc"), Description("Shares the master's room connectors.")] bool ShareRc,
    [property: JsonPropertyName("room_connectors"), Description("Their IP addresses, comma-separated (empty: all of them).")] string RoomConnectors,
    [property: JsonPropertyName("share_mc"), Description("Shares the master's meeting connectors.")] bool ShareMc,
    [property: JsonPropertyName("meeting_connectors"), Description("Their IP addresses, comma-separated (empty: all of them).")] string MeetingConnectors,
    [property: JsonPropertyName("pay_mode"), Description("`master` or `sub`: who pays.")] string PayMode,
    [property: JsonPropertyName("billing_auto_renew"), Description("Whether billing renews automatically.")] bool BillingAutoRenew)
{
    /// <summary>Zoom's defaults: nothing shared, the master pays.</summary>
    public static readonly AccountOptions Default = new(false, "", false, "", "master", false);
}

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
