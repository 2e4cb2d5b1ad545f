namespace Roster.Domain.Accounts;

/// <summary>
/// A sub account's options, as Zoom shows them: shared room connectors (<c>share_rc</c>, their IPs comma-separated in
/// <c>room_connectors</c>; empty: all of the master's), the same for meeting connectors, <c>pay_mode</c> (<c>master</c>
/// or <c>sub</c>) and <c>billing_auto_renew</c>.
/// </summary>
public sealed record AccountOptions(
    [property: JsonPropertyName("share_rc")] bool ShareRc,
    [property: JsonPropertyName("room_connectors")] string RoomConnectors,
    [property: JsonPropertyName("share_mc")] bool ShareMc,
    [property: JsonPropertyName("meeting_connectors")] string MeetingConnectors,
    [property: JsonPropertyName("pay_mode")] string PayMode,
    [property: JsonPropertyName("billing_auto_renew")] bool BillingAutoRenew)
{
    /// <summary>Zoom's defaults: nothing shared, the master pays.</summary>
    public static readonly AccountOptions Default = new(false, "", false, "", "master", false);
}
