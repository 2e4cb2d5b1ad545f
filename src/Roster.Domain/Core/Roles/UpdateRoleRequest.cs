using System.ComponentModel;

namespace Roster.Domain.AccountRoles;

/// <summary>
/// PATCH /roles/{roleId}: what is sent changes, <c>privileges</c> replaces the list. <c>id</c> and <c>total_members</c>
/// are read-only echoes some clients send back; they are accepted and change nothing.
/// </summary>
[Description("Body of PATCH /roles/{roleId}: what is sent changes; privileges replaces the list.")]
public sealed record UpdateRoleRequest(
    [property: Description("Role name, unique in the account.")] string? Name = null,
    [property: Description("Role description.")] string? Description = null,
    [property: Description("The role's privileges, replacing those it had.")] List<string>? Privileges = null,
    [property: Description("How the role manages sub accounts.")] SubAccountPrivileges? SubAccountPrivileges = null,
    [property: Description("The role's id, read only: accepted and ignored.")] string? Id = null,
    [property: Description("How many users hold the role, read only: accepted and ignored.")] long? TotalMembers = null);

/// <summary>Zoom's <c>sub_account_privileges</c>: how the role manages sub accounts (1, 2 or 3).</summary>
[Description("How the role manages sub accounts.")]
public sealed record SubAccountPrivileges(
    [property: Description("1: as their owner, 2: with this account's privileges, 3: with the privileges given.")] int? SecondLevel);
