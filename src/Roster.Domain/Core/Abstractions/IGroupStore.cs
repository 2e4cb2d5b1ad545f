using Roster.Domain.Groups;

namespace Roster.Domain.Abstractions;

/// <summary>
/// Groups, their members and their admins. A group's <see cref="Group.TotalMembers"/> moves with every membership
/// written here, in the same transaction. A user's own list of groups (<c>group_ids</c>, primary first) is its
/// profile's, which the domain writes in the same session as the membership rows.
/// </summary>
public interface IGroupStore
{
    Task<Group?> GetGroupAsync(string id);
    /// <summary>The group as committed now, held against every other write of it until the session ends.</summary>
    Task<Group?> LockGroupAsync(string id);
    /// <summary>Inserts the group; a name the account already has (whatever its case) is <see cref="UniqueKeyConflict"/> <c>group_name</c>.</summary>
    Task InsertGroupAsync(Group group);
    /// <summary>Writes the name (same conflict as insert).</summary>
    Task UpdateGroupAsync(Group group);
    /// <summary>Removes the group, its member and admin rows.</summary>
    Task DeleteGroupAsync(string id);
    Task<int> CountGroupsAsync(string accountId);
    /// <summary>Keyset page: the account's groups with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order.</summary>
    Task<IReadOnlyList<Group>> ListGroupsAsync(string accountId, long afterSeq, int limit);

    /// <summary>Keyset page of a group's members (the order they were added) with <c>Seq &gt; afterSeq</c>: an index range, whatever the group's size.</summary>
    Task<IReadOnlyList<GroupMember>> ListGroupMembersAsync(string groupId, long afterSeq, int limit);
    /// <summary>The ids of a group's members with <c>Seq &gt; afterSeq</c>, with their keys (for work over every member).</summary>
    Task<IReadOnlyList<(long Seq, string UserId)>> ListGroupMemberIdsAsync(string groupId, long afterSeq, int limit);
    Task<bool> IsGroupMemberAsync(string groupId, string userId);
    /// <summary>Adds users that are not members yet (the bulk path: PostgreSQL's COPY) and moves the group's total by their number.</summary>
    Task AddGroupMembersAsync(string groupId, IReadOnlyList<string> userIds, DateTimeOffset at);
    /// <summary>Removes one membership and moves the total; false when the user was not a member.</summary>
    Task<bool> RemoveGroupMemberAsync(string groupId, string userId);
    /// <summary>Removes a user from every group it is a member or an admin of (the user leaves the account), moving each total.</summary>
    Task RemoveUserFromGroupsAsync(string userId);

    Task<IReadOnlyList<GroupAdmin>> ListGroupAdminsAsync(string groupId, long afterSeq, int limit);
    Task<int> CountGroupAdminsAsync(string groupId);
    Task<bool> IsGroupAdminAsync(string groupId, string userId);
    Task AddGroupAdminAsync(string groupId, string userId, DateTimeOffset at);
    Task<bool> RemoveGroupAdminAsync(string groupId, string userId);
}
