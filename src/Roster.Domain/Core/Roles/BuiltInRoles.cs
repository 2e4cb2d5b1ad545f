using Roster.Domain.Users;

namespace Roster.Domain.AccountRoles;

/// <summary>The three roles every account has (zoom-roles.md §3): Owner <c>0</c>, Admin <c>1</c>, Member <c>2</c>.</summary>
public static class BuiltInRoles
{
    public const string OwnerDescription = "Account owner has full privileges to access and manage a Zoom account.";
    public const string AdminDescription = "Admins have wide-range privileges to access and manage a Zoom account.";
    public const string MemberDescription = "Members have access to basic Zoom video meeting functions but no account management privileges.";

    public static readonly IReadOnlyList<string> Ids = [Roles.OwnerId, Roles.AdminId, Roles.MemberId];

    /// <summary>
    /// The built-in role <paramref name="id"/> of <paramref name="accountId"/>; for Admin, <paramref name="storedAdmin"/>
    /// when the account changed it (its privileges and description), else the defaults.
    /// </summary>
    public static Role Of(string accountId, string id, Role? storedAdmin = null) => id switch
    {
        Roles.OwnerId => new Role { Id = id, AccountId = accountId, Name = Roles.NameOf(id), Description = OwnerDescription, Privileges = Privileges.Catalogue },
        Roles.AdminId => storedAdmin ?? new Role { Id = id, AccountId = accountId, Name = Roles.NameOf(id), Description = AdminDescription, Privileges = Privileges.AdminDefaults },
        Roles.MemberId => new Role { Id = id, AccountId = accountId, Name = Roles.NameOf(id), Description = MemberDescription, Privileges = [] },
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a built-in role"),
    };

    /// <summary>Whether <paramref name="name"/> is a built-in role's name (names are unique per account, ignoring case).</summary>
    public static bool IsBuiltInName(string name) => Ids.Any(id => string.Equals(Roles.NameOf(id), name, StringComparison.OrdinalIgnoreCase));
}
