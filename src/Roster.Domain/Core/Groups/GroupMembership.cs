using System.Text.Json.Nodes;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Groups;

/// <summary>
/// A user's memberships, kept on both sides in one session: the group's member rows (and its total) and the user's
/// own <c>group_ids</c> (in its profile, primary first). The primary group is the first the user joined until another
/// is set; when the user leaves it the next of its groups (in the order joined) becomes primary. A change of the
/// primary is a <c>user.updated</c> with <c>primary_group_id</c> (Zoom's payload field).
/// </summary>
public static class GroupMembership
{
    /// <summary>The group a user call names (<c>group_id</c> of POST or PATCH /users), held; another account's answers as one that does not exist.</summary>
    public static async Task<Group> GroupToJoinAsync(IStoreSession s, string accountId, string groupId)
    {
        var group = await s.LockGroupAsync(groupId);
        if (group is null || group.AccountId != accountId) throw Fail.GroupNotFound(groupId);
        return group;
    }

    /// <summary>The user's groups, primary first.</summary>
    public static IReadOnlyList<string> GroupsOf(User user) => user.Profile.GroupIds ?? [];

    public static bool IsMember(User user, string groupId) => GroupsOf(user).Contains(groupId);

    /// <summary>
    /// Puts <paramref name="user"/> in <paramref name="group"/> unless it is a member already (then null): its member row
    /// and the user's <c>group_ids</c> (the caller writes the user). Returns the <c>group.member_added</c> to record.
    /// </summary>
    public static async Task<DomainEvent?> JoinAsync(IStoreSession s, DateTimeOffset at, Group group, User user)
    {
        if (IsMember(user, group.Id)) return null;
        user.Profile.GroupIds = [.. GroupsOf(user), group.Id];
        await s.AddGroupMembersAsync(group.Id, [user.Id], at);
        group.TotalMembers++;
        return DomainEvent.Of(group.AccountId, group.Id, new GroupMemberAdded(new EventGroupMembers(group.Id, [new EventGroupUser(user.Id, user.Email)])));
    }

    /// <summary>The user's <c>group_ids</c> without <paramref name="groupId"/> (the next group becomes primary when it was).</summary>
    public static void Forget(User user, string groupId) => user.Profile.GroupIds = GroupsOf(user).Where(g => g != groupId).ToList() is { Count: > 0 } rest ? rest : null;

    /// <summary>Makes <paramref name="groupId"/> (one of the user's groups) its primary: first in <c>group_ids</c>.</summary>
    public static void MakePrimary(User user, string groupId) => user.Profile.GroupIds = [groupId, .. GroupsOf(user).Where(g => g != groupId)];

    /// <summary>
    /// Writes a user whose memberships changed and records <c>user.updated</c> when its primary group changed
    /// (<paramref name="before"/>: <see cref="Changes.Snapshot"/> before the change).
    /// </summary>
    public static async Task SaveAsync(IStoreSession s, TimeProvider clock, Caller caller, User user, JsonObject before)
    {
        await s.UpdateUserAsync(user);
        if (UserUpdated.Of(before, user) is { } updated && updated.Object.ContainsKey("primary_group_id"))
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(user, updated));
    }
}
