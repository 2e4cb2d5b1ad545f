using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Groups;
using Roster.Domain.Users;

namespace Roster.Domain.Sandbox;

/// <summary>
/// A seed's <c>groups</c> (name, members and admins by e-mail) and <c>roles</c> (custom roles: name, description,
/// privileges, members by e-mail), read, loaded through the groups' and roles' services after the account's users,
/// and exported. A user's primary group is the first group of the file that lists it, unless the user names its
/// <c>primary_group</c> (the export writes it only where that differs).
/// </summary>
public sealed partial class SeedLoader
{
    sealed record GroupPlan(int Line, string Path, string Name, List<string> Members, List<string> Admins);
    sealed record RolePlan(int Line, string Path, CreateRoleRequest Create, List<string> Members);

    static readonly string[] GroupKeys = ["name", "members", "admins"];
    static readonly string[] RoleKeys = ["name", "description", "privileges", "members"];

    sealed partial class Reader
    {
        /// <summary>E-mails of a list, each an address and given once.</summary>
        List<string> Emails(JsonObject item, string name, string path)
        {
            var emails = Texts(item, name, path) ?? [];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var email in emails)
                if (!ProfileRules.IsEmail(email)) problems.Add(new(doc.LineOf(item, name), $"{path}.{name}", $"{email} is not an e-mail address"));
                else if (!seen.Add(email)) problems.Add(new(doc.LineOf(item, name), $"{path}.{name}", $"{email} is given twice"));
            return emails;
        }

        public List<GroupPlan> Groups(JsonObject owner, string path)
        {
            var groups = new List<GroupPlan>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (item, p) in Items(owner, "groups", path))
            {
                OnlyKeys(item, p, GroupKeys);
                var name = Text(item, "name", p, required: true) ?? "";
                if (name.Length > 0 && !names.Add(name)) problems.Add(new(doc.LineOf(item, "name"), $"{p}.name", $"another group is named {name}"));
                groups.Add(new GroupPlan(doc.LineOf(item), p, name, Emails(item, "members", p), Emails(item, "admins", p)));
            }
            return groups;
        }

        public List<RolePlan> Roles(JsonObject owner, string path)
        {
            var roles = new List<RolePlan>();
            foreach (var (item, p) in Items(owner, "roles", path))
            {
                OnlyKeys(item, p, RoleKeys);
                var create = new CreateRoleRequest(Text(item, "name", p, required: true), Text(item, "description", p), Texts(item, "privileges", p));
                roles.Add(new RolePlan(doc.LineOf(item), p, create, Emails(item, "members", p)));
            }
            return roles;
        }
    }

    /// <summary>The account's roles, then its groups with their members and admins, then the primary groups users name.</summary>
    async Task LoadGroupsAndRolesAsync(IStoreSession s, IRosterStore joined, Caller caller, AccountPlan account, Dictionary<UserPlan, string> ids, CancellationToken ct)
    {
        var roles = new RolesService(joined, clock, keys);
        foreach (var role in account.Roles)
        {
            var made = await At(role.Line, role.Path, () => roles.CreateAsync(caller, role.Create, ct));
            foreach (var batch in (await UserIdsAsync(s, caller, role.Line, $"{role.Path}.members", role.Members)).Chunk(RolesService.MaxMembersPerAssign))
                await At(role.Line, $"{role.Path}.members", () => roles.AssignAsync(caller, made.Role.Id, new AssignRoleMembersRequest([.. batch.Select(id => new RoleMemberRef(id))]), ct));
        }
        var groups = new GroupsService(joined, clock, keys);
        var members = new GroupMembersService(joined, clock, keys);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in account.Groups)
        {
            var made = await At(group.Line, group.Path, () => groups.CreateAsync(caller, new CreateGroupRequest { Name = group.Name }, ct));
            byName[group.Name] = made.Id;
            foreach (var batch in (await UserIdsAsync(s, caller, group.Line, $"{group.Path}.members", group.Members)).Chunk(GroupMembersService.MaxMembersPerCall))
                await At(group.Line, $"{group.Path}.members", () => members.AddMembersAsync(caller, made.Id,
                    new GroupUsersRequest { Members = [.. batch.Select(id => new GroupUserRef { Id = id })] }, ct));
            foreach (var batch in (await UserIdsAsync(s, caller, group.Line, $"{group.Path}.admins", group.Admins)).Chunk(GroupMembersService.MaxAdminsPerCall))
                await At(group.Line, $"{group.Path}.admins", () => members.AddAdminsAsync(caller, made.Id,
                    new GroupUsersRequest { Admins = [.. batch.Select(id => new GroupUserRef { Id = id })] }, ct));
        }
        foreach (var user in account.Users.Where(u => u.PrimaryGroup is not null))
        {
            var path = $"{user.Path}.primary_group";
            if (!byName.TryGetValue(user.PrimaryGroup!, out var groupId)) throw Seeding.Refused([new SeedProblem(user.Line, path, $"no group of this account is named {user.PrimaryGroup}")]);
            await At(user.Line, path, () => members.UpdateMemberAsync(caller, groupId, ids[user],
                new UpdateGroupMemberRequest { Action = GroupMembersService.Actions.SetPrimary, TargetGroupId = groupId }, ct));
        }
    }

    /// <summary>The ids of users of the caller's account by e-mail; one that is not is refused at the list's line.</summary>
    static async Task<List<string>> UserIdsAsync(IStoreSession s, Caller caller, int line, string path, List<string> emails)
    {
        var ids = new List<string>(emails.Count);
        foreach (var email in emails)
        {
            var user = await s.GetUserByEmailAsync(email);
            if (user is null || user.AccountId != caller.AccountId) throw Seeding.Refused([new SeedProblem(line, path, $"{email} is not a user of this account")]);
            ids.Add(user.Id);
        }
        return ids;
    }

    /// <summary>The account's custom roles (with members) and groups (members in the order they joined, admins) into <paramref name="into"/>; the groups' names and order by id.</summary>
    static async Task<Dictionary<string, (int Order, string Name)>> ExportGroupsAndRolesAsync(IStoreSession s, Account account, JsonObject into)
    {
        var roles = new JsonArray();
        foreach (var role in (await s.ListRolesAsync(account.Id)).Where(r => !r.IsBuiltIn))
        {
            var o = new JsonObject { ["name"] = role.Name };
            if (role.Description.Length > 0) o["description"] = role.Description;
            o["privileges"] = new JsonArray([.. role.Privileges.Select(x => (JsonNode?)JsonValue.Create(x))]);
            var emails = new JsonArray();
            for (long after = 0; ;)
            {
                var page = await s.ListRoleMembersAsync(account.Id, role.Id, after, 0, 500);
                foreach (var u in page) emails.Add(u.Email);
                if (page.Count < 500) break;
                after = page[^1].Seq;
            }
            if (emails.Count > 0) o["members"] = emails;
            roles.Add(o);
        }
        if (roles.Count > 0) into["roles"] = roles;

        var groups = new JsonArray();
        var order = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        for (long after = 0; ;)
        {
            var page = await s.ListGroupsAsync(account.Id, after, 500);
            foreach (var group in page)
            {
                order[group.Id] = (order.Count, group.Name);
                var o = new JsonObject { ["name"] = group.Name };
                var emails = new JsonArray();
                for (long m = 0; ;)
                {
                    var members = await s.ListGroupMembersAsync(group.Id, m, 500);
                    foreach (var member in members) emails.Add(member.Email);
                    if (members.Count < 500) break;
                    m = members[^1].Seq;
                }
                if (emails.Count > 0) o["members"] = emails;
                var admins = new JsonArray();
                for (long a = 0; ;)
                {
                    var list = await s.ListGroupAdminsAsync(group.Id, a, 500);
                    foreach (var admin in list) admins.Add(admin.Email);
                    if (list.Count < 500) break;
                    a = list[^1].Seq;
                }
                if (admins.Count > 0) o["admins"] = admins;
                groups.Add(o);
            }
            if (page.Count < 500) break;
            after = page[^1].Seq;
        }
        if (groups.Count > 0) into["groups"] = groups;
        return order;
    }

    /// <summary>The user's primary group's name when loading the groups in order would make another one primary, else null.</summary>
    static string? PrimaryGroupToName(User user, Dictionary<string, (int Order, string Name)> groups)
    {
        var of = GroupMembership.GroupsOf(user).Where(groups.ContainsKey).ToList();
        if (of.Count < 2) return null;
        var firstListed = of.MinBy(id => groups[id].Order)!;
        return of[0] == firstListed ? null : groups[of[0]].Name;
    }
}
