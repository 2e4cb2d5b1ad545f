using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Roster.Domain.AccountRoles;
using Roster.Domain.Users;

namespace Roster.Server.AccountRoles;

[Description("Zoom's sub_account_privileges: how the role manages sub accounts (1: as their owner, 2: with this account's privileges, 3: with the privileges given).")]
public sealed record SubAccountPrivilegesDto([property: Description("1, 2 or 3.")] int SecondLevel);

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

[Description("A user holding a role.")]
public sealed record RoleMemberDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("First name.")] string FirstName,
    [property: Description("Last name.")] string LastName,
    [property: Description("Department.")] string Department,
    [property: Description("User type.")] int Type)
{
    public static RoleMemberDto Of(User u) => new(u.Id, u.Email, u.Profile.FirstName ?? "", u.Profile.LastName ?? "", u.Profile.Dept ?? "", u.Type);
}

[Description("GET /roles/{roleId}/members: one page of the role's members.")]
public sealed record RoleMembersDto(
    [property: Description("The members on this page.")] IReadOnlyList<RoleMemberDto> Members,
    [property: Description("Token of the next page; empty on the last one. Valid for 15 minutes.")] string NextPageToken,
    [property: Description("How many pages there are.")] int PageCount,
    [property: Description("This page's number.")] int PageNumber,
    [property: Description("Members per page.")] int PageSize,
    [property: Description("How many members there are.")] int TotalRecords);

[Description("POST /roles/{roleId}/members: who took the role, and when.")]
public sealed record RoleMembersAddedDto(
    [property: Description("The users' ids, comma-separated.")] string Ids,
    [property: Description("When they were added."), DataType(DataType.DateTime)] string AddAt);
