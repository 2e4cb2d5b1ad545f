namespace Roster.Domain.AccountRoles;

/// <summary>POST /roles: a custom role. <c>type</c> defaults to <c>common</c>.</summary>
public sealed record CreateRoleRequest(string? Name, string? Description = null, List<string>? Privileges = null, string? Type = null);

/// <summary>Zoom's <c>sub_account_privileges</c>: how the role manages sub accounts (1, 2 or 3).</summary>
public sealed record SubAccountPrivileges(int? SecondLevel);

/// <summary>
/// PATCH /roles/{roleId}: what is sent changes, <c>privileges</c> replaces the list. <c>id</c> and <c>total_members</c>
/// are read-only echoes some clients send back; they are accepted and change nothing.
/// </summary>
public sealed record UpdateRoleRequest(string? Name = null, string? Description = null, List<string>? Privileges = null,
    SubAccountPrivileges? SubAccountPrivileges = null, string? Id = null, long? TotalMembers = null);

/// <summary>One member to assign: by id, or by e-mail when no id is given (the id wins).</summary>
public sealed record RoleMemberRef(string? Id, string? Email);

/// <summary>POST /roles/{roleId}/members: at most 30 members.</summary>
public sealed record AssignRoleMembersRequest(List<RoleMemberRef>? Members);

/// <summary>What assigning did: the users' ids and when.</summary>
public sealed record RoleMembersAssigned(IReadOnlyList<string> Ids, DateTimeOffset AddAt);

/// <summary>GET /roles/{roleId}/members: one page of the role's members.</summary>
public sealed record RoleMembersQuery(int? PageSize, int? PageNumber, string? NextPageToken);

/// <summary>One page of a role's members and where the list stands.</summary>
public sealed record RoleMembersPage(IReadOnlyList<Users.User> Members, string NextPageToken, int PageCount, int PageNumber, int PageSize, int TotalRecords);
