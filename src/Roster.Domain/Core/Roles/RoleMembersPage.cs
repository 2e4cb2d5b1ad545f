namespace Roster.Domain.AccountRoles;

/// <summary>GET /roles/{roleId}/members: one page of the role's members.</summary>
public sealed record RoleMembersQuery(int? PageSize, int? PageNumber, string? NextPageToken);

/// <summary>One page of a role's members and where the list stands.</summary>
public sealed record RoleMembersPage(IReadOnlyList<Users.User> Members, string NextPageToken, int PageCount, int PageNumber, int PageSize, int TotalRecords);
