using System.ComponentModel;

namespace Roster.Domain.AccountRoles;

/// <summary>POST /roles/{roleId}/members: at most 30 members.</summary>
[Description("Body of POST /roles/{roleId}/members: the users to give the role (at most 30).")]
public sealed record AssignRoleMembersRequest([property: Description("The users, by id or by e-mail.")] List<RoleMemberRef>? Members);

/// <summary>One member to assign: by id, or by e-mail when no id is given (the id wins).</summary>
[Description("A user, by id or by e-mail (the id wins when both are given).")]
public sealed record RoleMemberRef(
    [property: Description("User id.")] string? Id = null,
    [property: Description("E-mail address.")] string? Email = null);

/// <summary>What assigning did: the users' ids and when.</summary>
public sealed record RoleMembersAssigned(IReadOnlyList<string> Ids, DateTimeOffset AddAt);
