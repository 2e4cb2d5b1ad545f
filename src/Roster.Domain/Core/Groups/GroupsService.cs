using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Groups;

/// <summary>
/// Zoom's groups (<c>/v2/groups</c>): list, create, get, update, delete and channels. Every operation runs in one store
/// session; a group of another account answers as one that does not exist (404/4130). Only the account's owner and
/// admins call them (groups have no user-level scopes).
/// </summary>
public sealed class GroupsService(IRosterStore store, TimeProvider clock, RosterKeys keys)
{
    readonly GroupPaging _paging = new(keys, clock);

    /// <summary>Zoom: at most 100 groups created per account per day.</summary>
    public const int DailyCreateQuota = 100;
    /// <summary>Zoom: at most 5,000 groups per account.</summary>
    public const int MaxGroupsPerAccount = 5000;
    /// <summary>Zoom: a name has fewer than 128 characters.</summary>
    public const int MaxNameLength = 127;

    DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The group <paramref name="groupId"/> of the caller's account (held when <paramref name="hold"/>), or 404/4130.</summary>
    internal static async Task<Group> Find(IStoreSession s, Caller caller, string groupId, bool hold = false)
    {
        var group = hold ? await s.LockGroupAsync(groupId) : await s.GetGroupAsync(groupId);
        if (group is null || group.AccountId != caller.AccountId) throw Fail.GroupNotFound(groupId);
        return group;
    }

    /// <summary>The scope check, then the caller's role (owner or admin), in the session.</summary>
    internal static async Task Allowed(IStoreSession s, Caller caller, Operation op)
    {
        op.Authorize(caller, targetIsSelf: false);
        await RequireAdmin(s, caller);
    }

    internal static string CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw Fail.GroupNameMissing();
        if (name.Length > MaxNameLength || name.Any(char.IsControl)) throw Fail.InvalidField("name");
        return name;
    }

    public Task<GroupPage> ListAsync(Caller caller, int? pageSize, string? nextPageToken, CancellationToken ct = default)
    {
        GroupOperations.ListGroups.Authorize(caller, targetIsSelf: false);
        var size = GroupPaging.Size(pageSize);
        var query = $"groups|{size}";
        var token = _paging.Read(caller, query, nextPageToken);
        return store.ReadAsync(async s =>
        {
            await Allowed(s, caller, GroupOperations.ListGroups);
            var total = token?.Total ?? await s.CountGroupsAsync(caller.AccountId);
            var rows = await s.ListGroupsAsync(caller.AccountId, token?.AfterSeq ?? 0, size + 1);
            var more = rows.Count > size;
            var page = more ? rows.Take(size).ToList() : rows;
            var pageNumber = (token?.PageNumber ?? 0) + 1;
            return new GroupPage(page, total, more ? _paging.Next(caller, query, page[^1].Seq, total, pageNumber) : "");
        }, ct);
    }

    public Task<Group> CreateAsync(Caller caller, CreateGroupRequest body, CancellationToken ct = default)
    {
        GroupOperations.CreateGroup.Authorize(caller, targetIsSelf: false);
        var name = CheckName(body.Name);
        if (body.DirectoryPrivacy is { } privacy && privacy is not (1 or 2 or 3)) throw Fail.InvalidField("directory_privacy");
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.CreateGroup);
            return await InsertAsync(s, clock, caller, name, body.InDirectory, body.DirectoryPrivacy);
        }, ct);
    }

    /// <summary>A new group of the caller's account, in the session: the account's limit, the day's quota, <c>group.created</c>.</summary>
    internal static async Task<Group> InsertAsync(IStoreSession s, TimeProvider clock, Caller caller, string name, bool? inDirectory, int? directoryPrivacy)
    {
        await s.LockAsync(GroupsLock(caller.AccountId)); // the count below holds until this session ends
        if (await s.CountGroupsAsync(caller.AccountId) >= MaxGroupsPerAccount) throw Fail.TooManyGroups(MaxGroupsPerAccount);
        var now = clock.GetUtcNow();
        var group = new Group
        {
            Id = Ids.Random(), AccountId = caller.AccountId, Name = name, CreatedAt = now,
            InDirectory = inDirectory, DirectoryPrivacy = inDirectory == true ? directoryPrivacy ?? 2 : directoryPrivacy,
        };
        await s.InsertGroupAsync(group);
        // counted last: a create refused for any other reason uses none of the day's quota (its transaction rolls back)
        if (await s.IncrementDailyAsync(caller.AccountId, now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "group_create") > DailyCreateQuota)
            throw Fail.GroupCreateQuota(DailyCreateQuota);
        await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id, new GroupCreated(new EventGroup { Id = group.Id, Name = group.Name })));
        return group;
    }

    /// <summary>The lock every create of an account's groups holds: their number is limited.</summary>
    public static string GroupsLock(string accountId) => "groups:" + accountId;

    public Task<Group> GetAsync(Caller caller, string groupId, CancellationToken ct = default)
    {
        GroupOperations.GetGroup.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync(async s =>
        {
            await Allowed(s, caller, GroupOperations.GetGroup);
            return await Find(s, caller, groupId);
        }, ct);
    }

    public Task UpdateAsync(Caller caller, string groupId, UpdateGroupRequest body, CancellationToken ct = default)
    {
        GroupOperations.UpdateGroup.Authorize(caller, targetIsSelf: false);
        var name = body.Name is null ? null : CheckName(body.Name);
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.UpdateGroup);
            var group = await Find(s, caller, groupId, hold: true);
            if (name is not null) await RenameAsync(s, clock, caller, group, name);
            return true;
        }, ct);
    }

    /// <summary>The held group renamed, <c>group.updated</c> recorded; the same name changes and records nothing.</summary>
    internal static async Task RenameAsync(IStoreSession s, TimeProvider clock, Caller caller, Group group, string name)
    {
        if (name == group.Name) return;
        var old = group.Name;
        group.Name = name;
        await s.UpdateGroupAsync(group);
        await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
            new GroupUpdated(new EventGroup { Id = group.Id, Name = name }, new EventGroup { Id = group.Id, Name = old })));
    }

    /// <summary>Deletes the group: its members stay users of the account and lose it from their <c>group_ids</c>.</summary>
    public Task DeleteAsync(Caller caller, string groupId, CancellationToken ct = default)
    {
        GroupOperations.DeleteGroup.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.DeleteGroup);
            await RemoveAsync(s, clock, caller, await Find(s, caller, groupId, hold: true));
            return true;
        }, ct);
    }

    /// <summary>The held group deleted: its members lose it from their <c>group_ids</c>; <c>group.deleted</c> recorded.</summary>
    internal static async Task RemoveAsync(IStoreSession s, TimeProvider clock, Caller caller, Group group)
    {
        const int chunk = 1000;
        for (long after = 0; ;)
        {
            var ids = await s.ListGroupMemberIdsAsync(group.Id, after, chunk);
            foreach (var (_, userId) in ids)
            {
                if (await s.LockUserAsync(userId) is not { } user) continue;
                var before = Changes.Snapshot(user);
                GroupMembership.Forget(user, group.Id);
                await GroupMembership.SaveAsync(s, clock, caller, user, before);
            }
            if (ids.Count < chunk) break;
            after = ids[^1].Seq;
        }
        await s.DeleteGroupAsync(group.Id);
        await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id, new GroupDeleted(new EventGroup { Id = group.Id, Name = group.Name })));
    }

    /// <summary>GET /groups/{groupId}/channels: Roster has no chat channels, so a group of the account has none.</summary>
    public Task<Group> ChannelsAsync(Caller caller, string groupId, CancellationToken ct = default)
    {
        GroupOperations.ListChannels.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync(async s =>
        {
            await Allowed(s, caller, GroupOperations.ListChannels);
            return await Find(s, caller, groupId);
        }, ct);
    }
}
