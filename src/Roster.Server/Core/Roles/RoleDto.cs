using System.ComponentModel;
using Roster.Domain.AccountRoles;

namespace Roster.Server.AccountRoles;

[Description("A role (GET /roles/{roleId}, POST /roles).")]
public sealed record RoleDto(
    [property: Description("Role id: 0 Owner, 1 Admin, 2 Member, or R and 22 characters for a custom role.")] string Id,
    [property: Description("Role name, unique in the account.")] string Name,
    [property: Description("Role description.")] string Description,
    [property: Description("Role type: common.")] string Type,
    [property: Description("How many users hold the role.")] long TotalMembers,
    [property: Description("The role's privileges, Area:Action.")] IReadOnlyList<string> Privileges,
    [property: Description("How the role manages sub accounts, once set.")] SubAccountPrivilegesDto? SubAccountPrivileges = null)
{
    public static RoleDto Of(RoleView v) => new(v.Role.Id, v.Role.Name, v.Role.Description, v.Role.Type, v.TotalMembers, v.Role.Privileges,
        v.Role.SubAccountLevel is { } level ? new SubAccountPrivilegesDto(level) : null);
}

[Description("Zoom's sub_account_privileges: how the role manages sub accounts (1: as their owner, 2: with this account's privileges, 3: with the privileges given).")]
public sealed record SubAccountPrivilegesDto([property: Description("1, 2 or 3.")] int SecondLevel);

[Description("A role in the list of roles.")]
public sealed record RoleListItemDto(
    [property: Description("Role id.")] string Id,
    [property: Description("Role name.")] string Name,
    [property: Description("Role description.")] string Description,
    [property: Description("How many users hold the role.")] long TotalMembers,
    [property: Description("Role type: common.")] string Type);

[Description("GET /roles: the account's roles, the built-in ones first.")]
public sealed record RoleListDto(
    [property: Description("The roles.")] IReadOnlyList<RoleListItemDto> Roles,
    [property: Description("How many roles there are.")] int TotalRecords);
