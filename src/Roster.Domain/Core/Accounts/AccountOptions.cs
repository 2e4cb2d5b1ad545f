using System.ComponentModel;
namespace Roster.Domain.Accounts;

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
