namespace Roster.Domain.AccountRoles;

/// <summary>
/// PATCH /roles/{roleId}: what is sent changes, <c>privileges</c> replaces the list. <c>id</c> and <c>total_members</c>
/// are read-only echoes some clients send back; they are accepted and change nothing.
/// </summary>
public sealed record UpdateRoleRequest(string? Name = null, string? Description = null, List<string>? Privileges = null,
    SubAccountPrivileges? SubAccountPrivileges = null, string? Id = null, long? TotalMembers = null);

/// <summary>Zoom's <c>sub_account_privileges</c>: how the role manages sub accounts (1, 2 or 3).</summary>
public sealed record SubAccountPrivileges(int? SecondLevel);
