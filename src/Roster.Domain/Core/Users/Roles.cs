
namespace Roster.Domain.Users;

/// <summary>
/// The three built-in roles. Zoom shows numeric ids for them (<c>0</c> Owner, <c>1</c> Admin, <c>2</c> Member,
/// reference §4.6) and privilege names in <c>Area:Action</c> form (§3.12).
/// </summary>
public static class Roles
{
    public const string OwnerId = "0";
    public const string AdminId = "1";
    public const string MemberId = "2";

    public static string NameOf(string roleId) => roleId switch
    {
        OwnerId => "Owner",
        AdminId => "Admin",
        _ => "Member",
    };

    public static bool IsKnown(string roleId) => roleId is OwnerId or AdminId or MemberId;

    static readonly string[] Areas =
    [
        "Account_Profile", "Account_Settings", "Billing", "Branding", "Dashboard", "Groups", "Im_Groups",
        "Integration", "Marketplace", "Recording", "Reports", "Role_Management", "Room", "Security", "Single_Sign_On",
        "Sub_Account", "Usage_Reports", "User", "Webinar",
    ];

    static readonly string[] OwnerPermissions = Areas.SelectMany(a => new[] { $"{a}:Read", $"{a}:Edit" }).ToArray();

    static readonly string[] AdminPermissions = OwnerPermissions
        .Where(p => !p.StartsWith("Billing:", StringComparison.Ordinal) && !p.StartsWith("Role_Management:Edit", StringComparison.Ordinal)
                    && !p.StartsWith("Sub_Account:Edit", StringComparison.Ordinal))
        .ToArray();

    static readonly string[] MemberPermissions =
    [
        "Profile:Read", "Profile:Edit", "Meeting:Read", "Meeting:Edit", "Recording:Read", "Recording:Edit",
        "Settings:Read", "Settings:Edit", "Webinar:Read", "Webinar:Edit",
    ];

    public static IReadOnlyList<string> PermissionsOf(string roleId) => roleId switch
    {
        OwnerId => OwnerPermissions,
        AdminId => AdminPermissions,
        _ => MemberPermissions,
    };
}
