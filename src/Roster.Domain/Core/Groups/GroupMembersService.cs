using static Roster.Domain.Groups.GroupsService;
using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Groups;

/// <summary>
/// A group's members and admins: list (keyset pages), add (by id or e-mail, the id winning), remove, and a member's
/// <c>move</c> and <c>set_primary</c>. A user's own <c>group_ids</c> change in the same session (<see cref="GroupMembership"/>).
/// </summary>
public sealed class GroupMembersService(IRosterStore store, TimeProvider clock, RosterKeys keys)
{
    readonly GroupPaging _paging = new(keys, clock);

    /// <summary>Zoom: at most 30 members added per call.</summary>
    public const int MaxMembersPerCall = 30;
    /// <summary>Zoom: at most 10 admins added per call.</summary>
    public const int MaxAdminsPerCall = 10;

    public static class Actions
    {
        public const string Move = "move";
        public const string SetPrimary = "set_primary";
    }

    DateTimeOffset Now => clock.GetUtcNow();

    // ---- members ----

    /// <param name="pageNumber">Zoom's deprecated <c>page_number</c>: only 1 (or the token's next) is served; later pages follow <c>next_page_token</c>.</param>
    public Task<GroupMemberPage> ListMembersAsync(Caller caller, string groupId, int? pageSize, int? pageNumber, string? nextPageToken, CancellationToken ct = default)
    {
        GroupOperations.ListMembers.Authorize(caller, targetIsSelf: false);
        var size = GroupPaging.Size(pageSize);
        if (pageNumber is < 1) throw Fail.InvalidField("page_number");
        var query = $"members|{groupId}|{size}";
        var token = _paging.Read(caller, query, nextPageToken);
        if (token is null && pageNumber > 1) throw Fail.Invalid("page_number is deprecated: use next_page_token to read the pages after the first.");
        return store.ReadAsync(async s =>
        {
            await Allowed(s, caller, GroupOperations.ListMembers);
            var group = await Find(s, caller, groupId);
            var total = token?.Total ?? (int)group.TotalMembers;
            var rows = await s.ListGroupMembersAsync(group.Id, token?.AfterSeq ?? 0, size + 1);
            var more = rows.Count > size;
            var page = more ? rows.Take(size).ToList() : rows;
            var number = (token?.PageNumber ?? 0) + 1;
            var pages = total == 0 ? 0 : (total + size - 1) / size;
            return new GroupMemberPage(page, pages, number, size, total, more ? _paging.Next(caller, query, page[^1].Seq, total, number) : "");
        }, ct);
    }

    /// <summary>The users a list names, each checked: an id or e-mail, at most <paramref name="max"/>.</summary>
    static List<GroupUserRef> CheckRefs(List<GroupUserRef>? refs, string field, int max)
    {
        if (refs is null || refs.Count == 0) throw Fail.Validation(new FieldError(field, $"At least one of {field} is required."));
        if (refs.Count > max) throw Fail.Validation(new FieldError(field, $"A maximum of {max} {field} can be added at a time."));
        for (var i = 0; i < refs.Count; i++)
            if (refs[i] is null || (string.IsNullOrEmpty(refs[i].Id) && string.IsNullOrEmpty(refs[i].Email)))
                throw Fail.Validation(new FieldError($"{field}[{i}]", "An id or an email is required."));
        return refs;
    }

    /// <summary>The user a list entry names (the id wins over the e-mail), held; null when there is none in the caller's account.</summary>
    internal static async Task<User?> Resolve(IStoreSession s, Caller caller, GroupUserRef r)
    {
        var found = !string.IsNullOrEmpty(r.Id) ? await s.GetUserAsync(r.Id) : await s.GetUserByEmailAsync(r.Email!.ToLowerInvariant());
        if (found is null || found.AccountId != caller.AccountId) return null;
        var held = await s.LockUserAsync(found.Id);
        return held is null || held.AccountId != caller.AccountId ? null : held;
    }

    /// <summary>
    /// Adds members: users named that are not in the account (or not found) and users already members are left out of
    /// <c>ids</c>, as Zoom leaves them out, and nothing is recorded for them.
    /// </summary>
    public Task<GroupUsersAdded> AddMembersAsync(Caller caller, string groupId, GroupUsersRequest body, CancellationToken ct = default)
    {
        GroupOperations.AddMembers.Authorize(caller, targetIsSelf: false);
        var refs = CheckRefs(body.Members, "members", MaxMembersPerCall);
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.AddMembers);
            var group = await Find(s, caller, groupId, hold: true);
            var users = new List<User>();
            foreach (var r in refs)
                if (await Resolve(s, caller, r) is { } user) users.Add(user);
            var added = await JoinAllAsync(s, clock, caller, group, users);
            return new GroupUsersAdded([.. added.Select(u => u.Id)], Now);
        }, ct);
    }

    /// <summary>
    /// The held users join the held group (those already members, or named twice, are left out); one
    /// <c>group.member_added</c> names those that joined. The users that joined.
    /// </summary>
    internal static async Task<List<User>> JoinAllAsync(IStoreSession s, TimeProvider clock, Caller caller, Group group, IEnumerable<User> users)
    {
        var added = new List<User>();
        foreach (var user in users)
        {
            if (GroupMembership.IsMember(user, group.Id) || added.Any(a => a.Id == user.Id)) continue;
            var before = Changes.Snapshot(user);
            user.Profile.GroupIds = [.. GroupMembership.GroupsOf(user), group.Id];
            await GroupMembership.SaveAsync(s, clock, caller, user, before);
            added.Add(user);
        }
        if (added.Count > 0)
        {
            await s.AddGroupMembersAsync(group.Id, [.. added.Select(u => u.Id)], clock.GetUtcNow());
            await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
                new GroupMemberAdded(new EventGroupMembers(group.Id, [.. added.Select(u => new EventGroupUser(u.Id, u.Email))]))));
        }
        return added;
    }

    /// <summary>The member a path names (id or e-mail), held; 404/4131 when that user is not a member of the group.</summary>
    static async Task<User> Member(IStoreSession s, Caller caller, Group group, string memberId)
    {
        var user = await Resolve(s, caller, memberId.Contains('@') ? new GroupUserRef { Email = memberId } : new GroupUserRef { Id = memberId });
        if (user is null || !GroupMembership.IsMember(user, group.Id)) throw Fail.GroupMemberNotFound();
        return user;
    }

    /// <summary>The held member leaves the held group; <c>group.member_deleted</c> recorded.</summary>
    internal static async Task LeaveAsync(IStoreSession s, TimeProvider clock, Caller caller, Group group, User user)
    {
        var before = Changes.Snapshot(user);
        GroupMembership.Forget(user, group.Id);
        await s.RemoveGroupMemberAsync(group.Id, user.Id);
        await GroupMembership.SaveAsync(s, clock, caller, user, before);
        await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
            new GroupMemberDeleted(new EventGroupMembers(group.Id, [new EventGroupUser(user.Id, user.Email)]))));
    }

    public Task DeleteMemberAsync(Caller caller, string groupId, string memberId, CancellationToken ct = default)
    {
        GroupOperations.DeleteMember.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.DeleteMember);
            var group = await Find(s, caller, groupId, hold: true);
            await LeaveAsync(s, clock, caller, group, await Member(s, caller, group, memberId));
            return true;
        }, ct);
    }

    /// <summary>
    /// <c>move</c>: the member leaves the path's group and joins the target (keeping its place: a primary group moved
    /// from makes the target primary); <c>set_primary</c>: the target, one of the member's groups, becomes its primary.
    /// </summary>
    public Task UpdateMemberAsync(Caller caller, string groupId, string memberId, UpdateGroupMemberRequest body, CancellationToken ct = default)
    {
        GroupOperations.UpdateMember.Authorize(caller, targetIsSelf: false);
        if (body.Action is not (Actions.Move or Actions.SetPrimary)) throw Fail.InvalidField("action");
        if (string.IsNullOrEmpty(body.TargetGroupId)) throw Fail.TargetGroupMissing();
        var targetId = body.TargetGroupId;
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.UpdateMember);
            // both groups held, in one order (by id) whichever the path names first
            var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
            foreach (var id in new[] { groupId, targetId }.Distinct().Order(StringComparer.Ordinal))
                groups[id] = await Find(s, caller, id, hold: true);
            var group = groups[groupId];
            var target = groups[targetId];
            var user = await Member(s, caller, group, memberId);
            if (body.Action == Actions.SetPrimary)
            {
                if (!GroupMembership.IsMember(user, target.Id)) throw Fail.GroupMemberNotFound();
                var before = Changes.Snapshot(user);
                GroupMembership.MakePrimary(user, target.Id);
                await GroupMembership.SaveAsync(s, clock, caller, user, before);
                return true;
            }
            if (target.Id == group.Id) return true; // moved where it is: nothing changes
            var wasPrimary = GroupMembership.GroupsOf(user) is [var primary, ..] && primary == group.Id;
            var snapshot = Changes.Snapshot(user);
            if (await GroupMembership.JoinAsync(s, Now, target, user) is { } joined) await Record(s, clock, caller, joined);
            if (wasPrimary) GroupMembership.MakePrimary(user, target.Id);
            GroupMembership.Forget(user, group.Id);
            await s.RemoveGroupMemberAsync(group.Id, user.Id);
            await GroupMembership.SaveAsync(s, clock, caller, user, snapshot);
            await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
                new GroupMemberDeleted(new EventGroupMembers(group.Id, [new EventGroupUser(user.Id, user.Email)]))));
            return true;
        }, ct);
    }

    // ---- admins ----

    public Task<GroupAdminPage> ListAdminsAsync(Caller caller, string groupId, int? pageSize, string? nextPageToken, CancellationToken ct = default)
    {
        GroupOperations.ListAdmins.Authorize(caller, targetIsSelf: false);
        var size = GroupPaging.Size(pageSize);
        var query = $"admins|{groupId}|{size}";
        var token = _paging.Read(caller, query, nextPageToken);
        return store.ReadAsync(async s =>
        {
            await Allowed(s, caller, GroupOperations.ListAdmins);
            var group = await Find(s, caller, groupId);
            var total = token?.Total ?? await s.CountGroupAdminsAsync(group.Id);
            var rows = await s.ListGroupAdminsAsync(group.Id, token?.AfterSeq ?? 0, size + 1);
            var more = rows.Count > size;
            var page = more ? rows.Take(size).ToList() : rows;
            var number = (token?.PageNumber ?? 0) + 1;
            return new GroupAdminPage(page, size, total, more ? _paging.Next(caller, query, page[^1].Seq, total, number) : "");
        }, ct);
    }

    /// <summary>Adds admins (users of the account, not pending); those not found and those already admins are left out of <c>ids</c>.</summary>
    public Task<GroupUsersAdded> AddAdminsAsync(Caller caller, string groupId, GroupUsersRequest body, CancellationToken ct = default)
    {
        GroupOperations.AddAdmins.Authorize(caller, targetIsSelf: false);
        var refs = CheckRefs(body.Admins, "admins", MaxAdminsPerCall);
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.AddAdmins);
            var group = await Find(s, caller, groupId, hold: true);
            var now = Now;
            var added = new List<User>();
            foreach (var r in refs)
            {
                if (await Resolve(s, caller, r) is not { } user || user.IsPending || added.Any(a => a.Id == user.Id)
                    || await s.IsGroupAdminAsync(group.Id, user.Id)) continue;
                await s.AddGroupAdminAsync(group.Id, user.Id, now);
                added.Add(user);
            }
            if (added.Count > 0)
                await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
                    new GroupAdminAdded(new EventGroupAdmins(group.Id, [.. added.Select(u => new EventGroupUser(u.Id, u.Email))]))));
            return new GroupUsersAdded([.. added.Select(u => u.Id)], now);
        }, ct);
    }

    /// <summary>Removes an admin named by id, e-mail or <c>me</c>: 404/1001 for no such user of the account, 400/4138 for a user who is not an admin of the group.</summary>
    public Task DeleteAdminAsync(Caller caller, string groupId, string userId, CancellationToken ct = default)
    {
        GroupOperations.DeleteAdmin.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            await Allowed(s, caller, GroupOperations.DeleteAdmin);
            var group = await Find(s, caller, groupId, hold: true);
            var named = userId == "me" ? caller.UserId : userId;
            var user = await Resolve(s, caller, named.Contains('@') ? new GroupUserRef { Email = named } : new GroupUserRef { Id = named })
                ?? throw Fail.UserNotFound(userId);
            if (!await s.RemoveGroupAdminAsync(group.Id, user.Id)) throw Fail.NotGroupAdmin(group.Id);
            await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
                new GroupAdminDeleted(new EventGroupAdmins(group.Id, [new EventGroupUser(user.Id, user.Email)]))));
            return true;
        }, ct);
    }
}
