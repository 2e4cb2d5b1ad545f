namespace Roster.Domain.AccountRoles;

/// <summary>POST /roles/{roleId}/members: at most 30 members.</summary>
public sealed record AssignRoleMembersRequest(List<RoleMemberRef>? Members);

/// <summary>One member to assign: by id, or by e-mail when no id is given (the id wins).</summary>
public sealed record RoleMemberRef(string? Id, string? Email);

/// <summary>What assigning did: the users' ids and when.</summary>
public sealed record RoleMembersAssigned(IReadOnlyList<string> Ids, DateTimeOffset AddAt);
