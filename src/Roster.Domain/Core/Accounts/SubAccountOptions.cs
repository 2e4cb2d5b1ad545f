using Roster.Domain.Errors;

namespace Roster.Domain.Accounts;

/// <summary>A sub account's options as a create or PATCH /accounts/{accountId}/options gives them (null: unchanged).</summary>
public sealed class SubAccountOptions
{
    [JsonPropertyName("share_rc")] public bool? ShareRc { get; set; }
    [JsonPropertyName("room_connector_list")] public List<string>? RoomConnectorList { get; set; }
    [JsonPropertyName("share_mc")] public bool? ShareMc { get; set; }
    [JsonPropertyName("meeting_connector_list")] public List<string>? MeetingConnectorList { get; set; }
    [JsonPropertyName("pay_mode")] public string? PayMode { get; set; }
    [JsonPropertyName("billing_auto_renew")] public bool? BillingAutoRenew { get; set; }

    /// <summary>
    /// <paramref name="current"/> with these changes, or Zoom's 400/300 naming what is wrong: <c>pay_mode</c> is
    /// <c>master</c> or <c>sub</c>; connector lists are IP addresses, and only while that connector kind is shared.
    /// </summary>
    public AccountOptions ApplyTo(AccountOptions current)
    {
        var errors = new List<FieldError>();
        if (PayMode is not null && PayMode is not ("master" or "sub")) errors.Add(new("pay_mode", "Invalid field."));
        // IPAddress alone also takes legacy shorthands such as "10.0.0" or "1": an IPv4 address has its four parts
        static bool Ip(string s) => System.Net.IPAddress.TryParse(s, out var a)
            && (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? s.Contains(':') : s.Count(c => c == '.') == 3);
        static bool Ips(List<string>? list) => list is null || (list.Count <= 100 && list.All(Ip));
        if (!Ips(RoomConnectorList)) errors.Add(new("room_connector_list", "Invalid field."));
        if (!Ips(MeetingConnectorList)) errors.Add(new("meeting_connector_list", "Invalid field."));
        var shareRc = ShareRc ?? current.ShareRc;
        var shareMc = ShareMc ?? current.ShareMc;
        if (RoomConnectorList is { Count: > 0 } && !shareRc) errors.Add(new("room_connector_list", "Room connectors can only be listed while share_rc is true."));
        if (MeetingConnectorList is { Count: > 0 } && !shareMc) errors.Add(new("meeting_connector_list", "Meeting connectors can only be listed while share_mc is true."));
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        return new AccountOptions(
            shareRc, !shareRc ? "" : RoomConnectorList is { } rc ? string.Join(',', rc) : current.RoomConnectors,
            shareMc, !shareMc ? "" : MeetingConnectorList is { } mc ? string.Join(',', mc) : current.MeetingConnectors,
            PayMode ?? current.PayMode, BillingAutoRenew ?? current.BillingAutoRenew);
    }
}
