using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;
using Roster.Domain.Users;

namespace Roster.Domain.AccountRoles;

public sealed partial class RolesService
{
    public const int DefaultMembersPageSize = 30;
    public const int MaxMembersPageSize = 300;
    public const int MaxMembersPerAssign = 30;
    static readonly TimeSpan PageTokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// GET /roles/{roleId}/members: the users holding the role, whatever their status, in the order they were made
    /// (keyset on <c>users (account_id, role_id, seq)</c>); <c>next_page_token</c> as for users (15 minutes, this query only).
    /// </summary>
    public Task<RoleMembersPage> MembersAsync(Caller caller, string roleId, RoleMembersQuery q, CancellationToken ct = default)
    {
        Operations.ListRoleMembers.Authorize(caller, targetIsSelf: false);
        var pageSize = q.PageSize ?? DefaultMembersPageSize;
        if (pageSize < 1) throw Fail.InvalidField("page_size");
        pageSize = Math.Min(pageSize, MaxMembersPageSize);
        if (q.PageNumber is < 1) throw Fail.InvalidField("page_number");
        var query = $"role_members|{roleId}|{pageSize}";
        PageToken? token = null;
        if (!string.IsNullOrEmpty(q.NextPageToken)
            && (!keys.PageTokens.TryDecode(q.NextPageToken, DomainJsonContext.Default.PageToken, out token)
                || token!.AccountId != caller.AccountId || token.Query != query
                || Now.ToUnixTimeSeconds() - token.IssuedAt > PageTokenLifetime.TotalSeconds || token.IssuedAt > Now.ToUnixTimeSeconds() + 60))
            throw Fail.Invalid("The next page token is invalid or expired.");
        return store.ReadAsync(async s =>
        {
            await Require(s, caller, Privileges.RoleRead, "retrieve role information", write: false);
            if (await RoleAccess.RoleOfAsync(s, caller.AccountId, roleId) is null) throw Fail.RoleMembersNotFound();
            int total, pageNumber;
            IReadOnlyList<User> rows;
            if (token is not null)
            {
                (total, pageNumber) = (token.Total, token.PageNumber + 1);
                rows = await s.ListRoleMembersAsync(caller.AccountId, roleId, token.AfterSeq, 0, pageSize + 1);
            }
            else
            {
                total = (int)Math.Min(int.MaxValue, (await s.CountRoleMembersAsync(caller.AccountId)).GetValueOrDefault(roleId));
                pageNumber = q.PageNumber ?? 1;
                var skip = (int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * pageSize);
                rows = await s.ListRoleMembersAsync(caller.AccountId, roleId, 0, skip, pageSize + 1);
            }
            var more = rows.Count > pageSize;
            var page = more ? rows.Take(pageSize).ToList() : rows;
            var next = more
                ? keys.PageTokens.Encode(new PageToken(caller.AccountId, query, page[^1].Seq, total, pageNumber, Now.ToUnixTimeSeconds()), DomainJsonContext.Default.PageToken)
                : "";
            return new RoleMembersPage(page, next, (total + pageSize - 1) / pageSize, pageNumber, pageSize, total);
        }, ct);
    }

    /// <summary>
    /// POST /roles/{roleId}/members: up to 30 users (by id, else e-mail) take the role, leaving the one they held (a
    /// user holds one role). Owner and Member take no members this way (300); the owner keeps its role. All or nothing.
    /// </summary>
    public Task<RoleMembersAssigned> AssignAsync(Caller caller, string roleId, AssignRoleMembersRequest body, CancellationToken ct = default)
    {
        Operations.AssignRole.Authorize(caller, targetIsSelf: false);
        if (string.IsNullOrEmpty(roleId)) throw Fail.Invalid("RoleId required.");
        var members = body.Members ?? [];
        if (members.Count == 0) throw Fail.Validation(new FieldError("members", "At least one member is required."));
        if (members.Count > MaxMembersPerAssign) throw Fail.Validation(new FieldError("members", $"At most {MaxMembersPerAssign} members can be added at once."));
        var named = new List<string>(members.Count);
        foreach (var m in members)
        {
            var who = string.IsNullOrEmpty(m?.Id) ? m?.Email : m.Id;
            if (string.IsNullOrEmpty(who)) throw Fail.Validation(new FieldError("members", "Each member needs an id or an email."));
            named.Add(who);
        }
        return store.Write(async s =>
        {
            await Require(s, caller, Privileges.RoleEdit, "assign the role", write: true);
            if (roleId is Roles.OwnerId or Roles.MemberId) throw Fail.RoleMembersFixed();
            await s.LockAsync(LockName(caller.AccountId, roleId));
            var role = await RoleAccess.RoleOfAsync(s, caller.AccountId, roleId) ?? throw Fail.RoleDoesNotExist();
            var ids = new List<string>(named.Count);
            foreach (var who in named)
            {
                var user = await UserAccess.Target(s, caller, who, Operations.AssignRole, hold: true);
                if (user.IsOwner) throw Fail.OwnerRoleFixed();
                if (!ids.Contains(user.Id)) ids.Add(user.Id);
                await ChangeRole(s, caller, user, role);
            }
            return new RoleMembersAssigned(ids, Now);
        }, ct);
    }

    /// <summary>DELETE /roles/{roleId}/members/{memberId}: the user goes back to Member. Only a holder of the role can leave it.</summary>
    public Task UnassignAsync(Caller caller, string roleId, string memberId, CancellationToken ct = default)
    {
        Operations.UnassignRole.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            await Require(s, caller, Privileges.RoleEdit, "unassign the role", write: true);
            if (roleId is Roles.OwnerId or Roles.MemberId) throw Fail.RoleMembersFixed();
            await s.LockAsync(LockName(caller.AccountId, roleId));
            if (await RoleAccess.RoleOfAsync(s, caller.AccountId, roleId) is null) throw Fail.RoleOrMemberNotFound();
            User user;
            try
            {
                user = await UserAccess.Target(s, caller, memberId, Operations.UnassignRole, hold: true);
            }
            catch (ZoomException e) when (e.Error.Code == 1001)
            {
                throw Fail.RoleOrMemberNotFound();
            }
            if (user.RoleId != roleId) throw Fail.RoleOrMemberNotFound();
            await ChangeRole(s, caller, user, BuiltInRoles.Of(caller.AccountId, Roles.MemberId));
            return true;
        }, ct);
    }

    /// <summary>Gives <paramref name="user"/> (held) <paramref name="role"/>, recording <c>user.updated</c> with <c>role</c> (the names) when it changed.</summary>
    async Task ChangeRole(IStoreSession s, Caller caller, User user, Role role)
    {
        if (user.RoleId == role.Id) return;
        var before = Changes.Snapshot(user);
        var oldName = await RoleAccess.NameOfAsync(s, user);
        user.RoleId = role.Id;
        await s.UpdateUserAsync(user);
        if (UserUpdated.Of(before, user) is { } updated)
        {
            updated.Object["role"] = role.Name;
            updated.OldObject["role"] = oldName;
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(user, updated));
        }
    }
}
