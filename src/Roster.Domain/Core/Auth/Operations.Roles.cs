namespace Roster.Domain.Auth;

public static partial class Operations
{
    const string RoleRead = "role:read:admin", RoleWrite = "role:write:admin", RoleMaster = "role:master";

    /// <summary>
    /// A Roles operation (zoom-roles.md §1): reads take <c>role:read:admin</c> or <c>role:write:admin</c> (Zoom's classic
    /// catalogue lists the write scope for all eight operations), writes <c>role:write:admin</c>; <c>role:master</c> and
    /// the granular scope in its <c>:admin</c> and <c>:master</c> forms allow either. Roles are the account's: no
    /// user-level scope reaches them.
    /// </summary>
    static Operation RoleOp(string id, RateLabel label, bool write, string granular)
        => new(id, label, write ? [RoleWrite, RoleMaster, $"{granular}:admin", $"{granular}:master"]
                                : [RoleRead, RoleWrite, RoleMaster, $"{granular}:admin", $"{granular}:master"], []);

    public static readonly Operation ListRoles = RoleOp("roles", RateLabel.Medium, write: false, "role:read:list_roles");
    public static readonly Operation CreateRole = RoleOp("createRole", RateLabel.Light, write: true, "role:write:role");
    public static readonly Operation GetRole = RoleOp("getRoleInformation", RateLabel.Light, write: false, "role:read:role");
    public static readonly Operation UpdateRole = RoleOp("updateRole", RateLabel.Light, write: true, "role:update:role");
    public static readonly Operation DeleteRole = RoleOp("deleteRole", RateLabel.Light, write: true, "role:delete:role");
    public static readonly Operation ListRoleMembers = RoleOp("roleMembers", RateLabel.Medium, write: false, "role:read:list_members");
    public static readonly Operation AssignRole = RoleOp("AddRoleMembers", RateLabel.Medium, write: true, "role:write:member");
    public static readonly Operation UnassignRole = RoleOp("roleMemberDelete", RateLabel.Light, write: true, "role:delete:member");

    /// <summary>Zoom's eight Roles operations (Accounts API, tag Roles).</summary>
    public static readonly IReadOnlyList<Operation> RolesApi = [ListRoles, CreateRole, GetRole, UpdateRole, DeleteRole, ListRoleMembers, AssignRole, UnassignRole];

    /// <summary>
    /// The role scopes the Server-to-Server app made at first start holds (classic and granular), as it holds the user
    /// scopes; the roles migration gives them to the apps an earlier start made.
    /// </summary>
    /// <remarks>A property, not a field: <see cref="AllAdminScopes"/> (another part of this class) reads it while the type initializes.</remarks>
    public static string[] RoleAdminScopes =>
    [
        RoleRead, RoleWrite, RoleMaster,
        "role:read:list_roles:admin", "role:write:role:admin", "role:read:role:admin", "role:update:role:admin", "role:delete:role:admin",
        "role:read:list_members:admin", "role:write:member:admin", "role:delete:member:admin",
    ];
}
