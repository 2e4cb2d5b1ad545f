namespace Roster.Domain.Groups;

/// <summary>A page of GET /groups.</summary>
public sealed record GroupPage(IReadOnlyList<Group> Groups, int TotalRecords, string NextPageToken);

/// <summary>A page of GET /groups/{groupId}/members.</summary>
public sealed record GroupMemberPage(IReadOnlyList<GroupMember> Members, int PageCount, int PageNumber, int PageSize, long TotalRecords, string NextPageToken);

/// <summary>A page of GET /groups/{groupId}/admins.</summary>
public sealed record GroupAdminPage(IReadOnlyList<GroupAdmin> Admins, int PageSize, int TotalRecords, string NextPageToken);

/// <summary>What POST members or admins answers: the ids this call added (not those that were already there) and when.</summary>
public sealed record GroupUsersAdded(IReadOnlyList<string> Ids, DateTimeOffset AddedAt);
