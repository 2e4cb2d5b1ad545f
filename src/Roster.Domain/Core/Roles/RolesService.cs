using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.AccountRoles;

/// <summary>
/// Zoom's Roles API (zoom-roles.md): the built-in Owner, Admin and Member of every account and its custom roles;
/// reading them needs <c>Role:Read</c>, changing them or their members <c>Role:Edit</c> (the owner holds both). The
/// members operations are in <c>RolesService.Members.cs</c>.
/// </summary>
public sealed partial class RolesService(IRosterStore store, TimeProvider clock, RosterKeys keys)
{
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 255;

    DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The caller, held to <paramref name="privilege"/>; writes also need a paid account (Pro or higher).</summary>
    static async Task Require(IStoreSession s, Caller caller, string privilege, string action, bool write)
    {
        await RoleAccess.RequireAsync(s, caller, privilege, action);
        if (write && !(await UserAccess.AccountOf(s, caller.AccountId)).IsPaid) throw Fail.RolesNeedPaidAccount(action);
    }

    /// <summary>GET /roles: the built-ins and custom roles of <paramref name="type"/> (<c>common</c> when not given; Roster keeps no Zoom IQ roles).</summary>
    public Task<IReadOnlyList<RoleView>> ListAsync(Caller caller, string? type, CancellationToken ct = default)
    {
        Operations.ListRoles.Authorize(caller, targetIsSelf: false);
        type = string.IsNullOrEmpty(type) ? RoleTypes.Common : type;
        if (type is not (RoleTypes.Common or RoleTypes.Iq)) throw Fail.InvalidField("type");
        return store.ReadAsync<IReadOnlyList<RoleView>>(async s =>
        {
            await Require(s, caller, Privileges.RoleRead, "retrieve role information", write: false);
            if (type == RoleTypes.Iq) return [];
            var stored = await s.ListRolesAsync(caller.AccountId);
            var counts = await s.CountRoleMembersAsync(caller.AccountId);
            var admin = stored.FirstOrDefault(r => r.Id == Roles.AdminId);
            var roles = BuiltInRoles.Ids.Select(id => BuiltInRoles.Of(caller.AccountId, id, admin))
                .Concat(stored.Where(r => !r.IsBuiltIn && r.Type == type));
            return roles.Select(r => new RoleView(r, counts.GetValueOrDefault(r.Id))).ToList();
        }, ct);
    }

    /// <summary>
    /// The name <paramref name="user"/>'s role shows as <c>role_name</c> (a user the caller may already read): a built-in's
    /// without reading the store, a custom role's from it.
    /// </summary>
    public Task<string> RoleNameAsync(User user, CancellationToken ct = default)
        => Roles.IsKnown(user.RoleId) ? Task.FromResult(Roles.NameOf(user.RoleId)) : store.ReadAsync(s => RoleAccess.NameOfAsync(s, user), ct);

    /// <summary>GET /roles/{roleId}.</summary>
    public Task<RoleView> GetAsync(Caller caller, string roleId, CancellationToken ct = default)
    {
        Operations.GetRole.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync(async s =>
        {
            await Require(s, caller, Privileges.RoleRead, "retrieve role information", write: false);
            var role = await RoleAccess.RoleOfAsync(s, caller.AccountId, roleId) ?? throw Fail.RoleNotFound();
            return new RoleView(role, (await s.CountRoleMembersAsync(caller.AccountId)).GetValueOrDefault(role.Id));
        }, ct);
    }

    /// <summary>POST /roles: a custom role (id <c>R</c> + 22 characters), its name unused in the account (1224).</summary>
    public Task<RoleView> CreateAsync(Caller caller, CreateRoleRequest body, CancellationToken ct = default)
    {
        Operations.CreateRole.Authorize(caller, targetIsSelf: false);
        var name = CheckName(body.Name);
        var description = CheckDescription(body.Description);
        var privileges = CheckPrivileges(body.Privileges);
        if (body.Type is { } type && type != RoleTypes.Common)
            throw type == RoleTypes.Iq ? Fail.OnlyCommonRoles() : Fail.InvalidField("type");
        return store.Write(async s =>
        {
            await Require(s, caller, Privileges.RoleEdit, "create a role", write: true);
            if (BuiltInRoles.IsBuiltInName(name)) throw Fail.RoleNameTaken(name);
            var role = new Role
            {
                Id = "R" + Ids.Random(16), AccountId = caller.AccountId, Name = name, Description = description ?? "",
                Privileges = privileges ?? [], CreatedAt = Now,
            };
            await s.InsertRoleAsync(role);
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(caller.AccountId, role.Id, new RoleCreated(EventRole.Of(role))));
            return new RoleView(role, 0);
        }, ct);
    }

    /// <summary>
    /// PATCH /roles/{roleId}: a custom role's name, description, privileges and sub-account level; the built-in Admin's
    /// description and privileges (not its name); Owner and Member not at all (300).
    /// </summary>
    public Task UpdateAsync(Caller caller, string roleId, UpdateRoleRequest body, CancellationToken ct = default)
    {
        Operations.UpdateRole.Authorize(caller, targetIsSelf: false);
        var name = body.Name is null ? null : CheckName(body.Name);
        var description = CheckDescription(body.Description);
        var privileges = CheckPrivileges(body.Privileges);
        if (body.SubAccountPrivileges is { SecondLevel: not (null or 1 or 2 or 3) }) throw Fail.InvalidField("sub_account_privileges.second_level");
        return store.Write(async s =>
        {
            await Require(s, caller, Privileges.RoleEdit, "update the role", write: true);
            await s.LockAsync(LockName(caller.AccountId, roleId));
            if (roleId is Roles.OwnerId or Roles.MemberId) throw Fail.RoleNotUpdatable();
            var stored = await s.GetRoleAsync(caller.AccountId, roleId);
            var role = await RoleAccess.RoleOfAsync(s, caller.AccountId, roleId) ?? throw Fail.RoleNotFound();
            var before = Copy(role);
            if (name is not null && name != role.Name)
            {
                if (role.IsBuiltIn) throw Fail.RoleNotUpdatable();
                if (BuiltInRoles.IsBuiltInName(name)) throw Fail.RoleNameTaken(name);
                role.Name = name;
            }
            if (description is not null) role.Description = description;
            if (privileges is not null) role.Privileges = privileges;
            if (body.SubAccountPrivileges?.SecondLevel is { } level) role.SubAccountLevel = level;
            if (RoleUpdated.Of(before, role) is not { } updated) return true;
            if (stored is null) await s.InsertRoleAsync(role); // the built-in Admin's first change
            else await s.UpdateRoleAsync(role);
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(caller.AccountId, role.Id, updated));
            return true;
        }, ct);
    }

    /// <summary>DELETE /roles/{roleId}: a custom role without members (built-ins and roles still held are refused, 300).</summary>
    public Task DeleteAsync(Caller caller, string roleId, CancellationToken ct = default)
    {
        Operations.DeleteRole.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            await Require(s, caller, Privileges.RoleEdit, "delete the role", write: true);
            await s.LockAsync(LockName(caller.AccountId, roleId));
            if (Roles.IsKnown(roleId)) throw Fail.RoleNotDeletable();
            var role = await s.GetRoleAsync(caller.AccountId, roleId) ?? throw Fail.RoleNotFound();
            if ((await s.ListRoleMembersAsync(caller.AccountId, roleId, 0, 0, 1)).Count > 0) throw Fail.RoleHasMembers();
            await s.DeleteRoleAsync(caller.AccountId, roleId);
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(caller.AccountId, role.Id, new RoleDeleted(EventRole.Of(role))));
            return true;
        }, ct);
    }

    /// <summary>
    /// What assigning, unassigning and deleting a role hold while they decide: on PostgreSQL a delete that saw no
    /// members and an assign that saw the role cannot both commit.
    /// </summary>
    static string LockName(string accountId, string roleId) => $"role:{accountId}:{roleId}";

    static Role Copy(Role r) => new()
    {
        Seq = r.Seq, Id = r.Id, AccountId = r.AccountId, Name = r.Name, Description = r.Description, Type = r.Type,
        Privileges = r.Privileges, SubAccountLevel = r.SubAccountLevel, CreatedAt = r.CreatedAt,
    };

    static string CheckName(string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) throw Fail.RoleNameEmpty();
        if (name.Length > MaxNameLength || name.Any(char.IsControl)) throw Fail.InvalidField("name");
        return name;
    }

    static string? CheckDescription(string? description)
    {
        if (description is { } d && (d.Length > MaxDescriptionLength || d.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
            throw Fail.InvalidField("description");
        return description;
    }

    /// <summary>Known names only (the catalogue, zoom-roles.md §4), each once, in the order sent.</summary>
    static IReadOnlyList<string>? CheckPrivileges(List<string>? privileges)
    {
        if (privileges is null) return null;
        foreach (var p in privileges)
            if (p is null || !Privileges.IsKnown(p)) throw Fail.UnknownPrivilege(p ?? "null");
        return privileges.Distinct(StringComparer.Ordinal).ToList();
    }
}
