namespace Roster.Domain.AccountRoles;

/// <summary>
/// Zoom's privilege names (<c>Area:Action</c>, reference zoom-roles.md §4) and what a role's list of them allows.
/// The catalogue is what a role may be given on create and update; a name outside it is refused.
/// </summary>
public static class Privileges
{
    public const string UserRead = "User:Read";
    public const string UserEdit = "User:Edit";
    public const string RoleRead = "Role:Read";
    public const string RoleEdit = "Role:Edit";
    public const string SubAccountRead = "SubAccount:Read";
    public const string SubAccountEdit = "SubAccount:Edit";
    public const string MarketPlaceRead = "MarketPlace:Read";
    public const string MarketPlaceEdit = "MarketPlace:Edit";

    static readonly string[] ReadEdit =
    [
        "User", "Role", "Group", "AccountProfile", "AccountSetting", "WebinarSetting", "Recording", "SubAccount", "ZoomRooms",
        "DigitalSignage", "IMGroups", "IMSetting", "BillingSubscription", "BillingInformation", "ScheduleTrackingFields", "PbxAdmin",
        "ZoomDevelopers", "RoomConnector", "CrossHybrid", "LyncConnector", "ThirdPartyConference", "Branding", "SingleSignOn",
        "Integration", "MarketPlace", "MeetingConnector", "Security", "CallInContacts",
    ];

    static readonly string[] Single =
    [
        "RecordingContent:Read", "IMChatHistory:Read", "IMChatBot:Edit", "Dashboard:Read", "UsageReport:Read", "UserActivitiesReport:Read",
        "Meeting:Edit", "Meeting:Join",
    ];

    /// <summary>Every privilege a role may hold, in a stable order (the owner's list).</summary>
    public static readonly IReadOnlyList<string> Catalogue =
        [.. ReadEdit.SelectMany(a => new[] { $"{a}:Read", $"{a}:Edit" }), .. Single];

    static readonly HashSet<string> Known = new(Catalogue, StringComparer.Ordinal);

    public static bool IsKnown(string privilege) => Known.Contains(privilege);

    /// <summary>
    /// The built-in Admin role's privileges until the account changes them: everything but changing billing and
    /// managing roles (only the owner creates the first role, zoom-roles.md §5; the owner may grant <c>Role:Edit</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> AdminDefaults =
        [.. Catalogue.Where(p => p is not ("BillingSubscription:Edit" or "BillingInformation:Edit" or RoleEdit))];

    /// <summary>Whether a role holding <paramref name="held"/> may do what <paramref name="privilege"/> names; <c>X:Edit</c> includes <c>X:Read</c>.</summary>
    public static bool Allows(IReadOnlyCollection<string> held, string privilege)
        => held.Contains(privilege)
           || (privilege.EndsWith(":Read", StringComparison.Ordinal) && held.Contains(string.Concat(privilege.AsSpan(0, privilege.Length - 4), "Edit")));
}
