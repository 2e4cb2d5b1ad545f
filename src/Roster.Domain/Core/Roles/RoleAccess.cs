using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.AccountRoles;

/// <summary>
/// What a user's role allows: the role's privileges decide what an admin may do (the table in docs/compatibility.md,
/// "Privileges"). The owner may do everything, a member nothing an admin does; the built-in Admin and custom roles
/// hold the privileges stored for them.
/// </summary>
public static class RoleAccess
{
    /// <summary>The role <paramref name="roleId"/> of <paramref name="accountId"/> (a built-in, or a stored one), or null.</summary>
    public static async Task<Role?> RoleOfAsync(IStoreSession s, string accountId, string roleId)
    {
        if (roleId is Roles.OwnerId or Roles.MemberId) return BuiltInRoles.Of(accountId, roleId);
        var stored = await s.GetRoleAsync(accountId, roleId);
        return roleId == Roles.AdminId ? BuiltInRoles.Of(accountId, roleId, stored) : stored;
    }

    /// <summary>The privileges <paramref name="user"/>'s role holds (the owner every one; a role since deleted none).</summary>
    public static async Task<IReadOnlyList<string>> PrivilegesOfAsync(IStoreSession s, User user)
        => user.IsOwner ? Privileges.Catalogue
            : user.RoleId == Roles.MemberId ? []
            : (await RoleOfAsync(s, user.AccountId, user.RoleId))?.Privileges ?? [];

    /// <summary>Whether <paramref name="user"/>'s role allows <paramref name="privilege"/> (the owner always, a member never).</summary>
    public static async Task<bool> AllowsAsync(IStoreSession s, User user, string privilege)
        => user.IsOwner || (user.RoleId != Roles.MemberId && Privileges.Allows(await PrivilegesOfAsync(s, user), privilege));

    /// <summary>
    /// The caller's user when its role allows <paramref name="privilege"/>; else Zoom's code 200: the owner-or-admin
    /// message for a member (or a caller who is no user of the account), the missing privilege for an admin role.
    /// </summary>
    public static async Task<User> RequireAsync(IStoreSession s, Caller caller, string privilege, string action)
    {
        var me = await s.GetUserAsync(caller.UserId);
        if (me is null || me.AccountId != caller.AccountId || !(me.IsOwner || me.IsAdmin))
            throw Fail.NoPrivilege("Only the account owner or an admin can do this.");
        if (!await AllowsAsync(s, me, privilege)) throw Fail.LacksPrivilege(privilege, action);
        return me;
    }

    /// <summary>The name a user's role shows (<c>role_name</c>, <c>user.updated</c>'s <c>role</c>).</summary>
    public static async Task<string> NameOfAsync(IStoreSession s, User user)
        => Roles.IsKnown(user.RoleId) ? Roles.NameOf(user.RoleId) : (await s.GetRoleAsync(user.AccountId, user.RoleId))?.Name ?? Roles.NameOf(Roles.MemberId);

    /// <summary>What <c>GET /users/{id}/permissions</c> lists: the role's privileges; a member's basic ones as before.</summary>
    public static async Task<IReadOnlyList<string>> PermissionsOfAsync(IStoreSession s, User user)
        => user.RoleId == Roles.MemberId ? Roles.PermissionsOf(Roles.MemberId) : await PrivilegesOfAsync(s, user);
}
