using Roster.Domain.AccountRoles;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Limits;
using Roster.Domain.Users;
using Roster.Storage;

namespace Roster.Domain.Tests.AccountRoles;

/// <summary>
/// Zoom's roles and what their privileges allow, through the domain services on the real SQLite store: every rule,
/// every refusal (which changes nothing and records no event), and the events a change records.
/// </summary>
public sealed class RolesServiceTests : IDisposable
{
    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-roles");
    readonly SqliteStore _store;
    readonly StillClock _clock = new();
    readonly BootstrapService _bootstrap;
    readonly UsersService _users;
    readonly RolesService _roles;
    readonly AppsService _apps;
    EventPosition _seen = EventPosition.Start;

    public RolesServiceTests()
    {
        _store = new SqliteStore(Path.Combine(_dir, "roster.db"));
        _store.Migrate();
        _apps = new AppsService(_store, _clock);
        _bootstrap = new BootstrapService(_store, _clock, _apps);
        var keys = new RosterKeys(_bootstrap.SigningKeyAsync().GetAwaiter().GetResult());
        _users = new UsersService(_store, _clock, keys, new RateLimiter(new RateLimitOptions(RateLimitMode.Off, 1), _clock, new MemoryRateCounter()));
        _roles = new RolesService(_store, _clock, keys);
    }

    public void Dispose()
    {
        _store.Dispose();
        Roster.Server.Tests.TestTemp.Delete(_dir);
    }

    static CreateUserRequest NewUser(string email)
        => new() { Action = CreateActions.CustCreate, UserInfo = new NewUserInfo { Email = email, Type = UserTypes.Licensed, FirstName = "F", LastName = "L" } };

    async Task<(Caller Owner, string AccountId)> Start()
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        await New();
        return (new Caller(boot.Account.Id, boot.Owner.Id, boot.App.ClientId, Operations.AllAdminScopes.ToHashSet()), boot.Account.Id);
    }

    /// <summary>A caller acting as <paramref name="userId"/> with every admin scope (a token an admin authorised).</summary>
    static Caller As(Caller owner, string userId) => owner with { UserId = userId };

    async Task<IReadOnlyList<DomainEvent>> New()
    {
        var events = await _store.ReadAsync(s => s.ListEventsAsync(null, _seen, 1000));
        if (events.Count > 0) _seen = events[^1].Position;
        return events;
    }

    async Task<ZoomError> Refused(Func<Task> operation)
    {
        await New();
        var e = await Assert.ThrowsAsync<ZoomException>(operation);
        Assert.Empty(await New());
        return e.Error;
    }

    static void Is(ZoomError e, int status, int code) => Assert.Equal((status, code), (e.Status, e.Code));

    [Fact]
    public void PrivilegesAreZoomsCatalogueAndEditIncludesRead()
    {
        foreach (var p in new[] { "User:Read", "User:Edit", "Role:Read", "Role:Edit", "SubAccount:Edit", "AccountSetting:Read", "MeetingConnector:Edit", "IMChatBot:Edit" })
            Assert.True(Privileges.IsKnown(p), p);
        Assert.False(Privileges.IsKnown("user:read"));
        Assert.False(Privileges.IsKnown("Role_Management:Edit"));
        Assert.True(Privileges.Allows(["User:Edit"], "User:Read"));
        Assert.False(Privileges.Allows(["User:Read"], "User:Edit"));
        Assert.False(Privileges.Allows(["Role:Edit"], "User:Read"));
        Assert.DoesNotContain(Privileges.RoleEdit, Privileges.AdminDefaults);
        Assert.DoesNotContain("BillingInformation:Edit", Privileges.AdminDefaults);
        Assert.Contains(Privileges.UserEdit, Privileges.AdminDefaults);
        Assert.Equal(Privileges.Catalogue.Count, Privileges.Catalogue.Distinct().Count());
    }

    [Fact]
    public async Task ListShowsTheBuiltInsThenCustomRolesWithTheirMembers()
    {
        var (owner, _) = await Start();
        var roles = await _roles.ListAsync(owner, null);
        Assert.Equal(["0", "1", "2"], roles.Select(r => r.Role.Id));
        Assert.Equal(["Owner", "Admin", "Member"], roles.Select(r => r.Role.Name));
        Assert.Equal([1L, 0L, 0L], roles.Select(r => r.TotalMembers));
        Assert.All(roles, r => Assert.False(string.IsNullOrEmpty(r.Role.Description)));

        var u = (await _users.CreateAsync(owner, NewUser("a@example.com"))).User.Id;
        var created = await _roles.CreateAsync(owner, new CreateRoleRequest("Helpdesk", "Reads users", ["User:Read"]));
        Assert.Matches("^R[A-Za-z0-9_-]{22}$", created.Role.Id);
        Assert.Equal(RoleTypes.Common, created.Role.Type);
        await _roles.AssignAsync(owner, created.Role.Id, new AssignRoleMembersRequest([new RoleMemberRef(u, null)]));
        roles = await _roles.ListAsync(owner, "common");
        Assert.Equal(["0", "1", "2", created.Role.Id], roles.Select(r => r.Role.Id));
        Assert.Equal([1L, 0L, 0L, 1L], roles.Select(r => r.TotalMembers));
        Assert.Empty(await _roles.ListAsync(owner, "iq"));
        Is(await Refused(() => _roles.ListAsync(owner, "other")), 400, 300);
    }

    [Fact]
    public async Task CreateChecksNamePrivilegesAndType()
    {
        var (owner, _) = await Start();
        Is(await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest("  "))), 400, 300);
        Is(await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest(null))), 400, 300);
        Is(await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest("X", null, ["User:Fly"]))), 400, 300);
        Is(await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest("X", null, null, "iq"))), 400, 300);
        Is(await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest(new string('n', 129)))), 400, 300);
        Is(await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest("admin"))), 400, 1224);

        var made = await _roles.CreateAsync(owner, new CreateRoleRequest("Auditor", "d", ["User:Read", "User:Read", "Role:Read"]));
        Assert.Equal(["User:Read", "Role:Read"], made.Role.Privileges);
        var e = Assert.Single(await New());
        Assert.Equal(EventTypes.RoleCreated, e.Type);
        Assert.Equal("Auditor", e.As<RoleCreated>()!.Object.Name);
        var taken = await Refused(() => _roles.CreateAsync(owner, new CreateRoleRequest("AUDITOR")));
        Is(taken, 400, 1224);
        Assert.Equal("Role name \"AUDITOR\" has already been used.", taken.Message);
        Assert.Equal("Auditor", (await _roles.GetAsync(owner, made.Role.Id)).Role.Name);
    }

    [Fact]
    public async Task OwnerAndMemberAreFixedAdminChangesItsPrivilegesOnly()
    {
        var (owner, _) = await Start();
        foreach (var id in new[] { "0", "2" })
        {
            var e = await Refused(() => _roles.UpdateAsync(owner, id, new UpdateRoleRequest(Description: "x")));
            Is(e, 400, 300);
            Assert.Equal("This role cannot be updated.", e.Message);
        }
        Is(await Refused(() => _roles.UpdateAsync(owner, "1", new UpdateRoleRequest(Name: "Boss"))), 400, 300);
        Is(await Refused(() => _roles.UpdateAsync(owner, "1", new UpdateRoleRequest(Privileges: ["Nope:Edit"]))), 400, 300);
        Is(await Refused(() => _roles.UpdateAsync(owner, "Rmissing", new UpdateRoleRequest(Description: "x"))), 400, 300);

        await _roles.UpdateAsync(owner, "1", new UpdateRoleRequest(Privileges: ["User:Read", "Role:Edit"]));
        var updated = Assert.Single(await New()).As<RoleUpdated>()!;
        Assert.Equal("1", updated.Object["id"]!.GetValue<string>());
        Assert.Equal(2, updated.Object["privileges"]!.AsArray().Count);
        Assert.True(updated.OldObject["privileges"]!.AsArray().Count > 2);
        var admin = await _roles.GetAsync(owner, "1");
        Assert.Equal(["User:Read", "Role:Edit"], admin.Role.Privileges);
        Assert.Equal("Admin", admin.Role.Name);
        await _roles.UpdateAsync(owner, "1", new UpdateRoleRequest(Privileges: ["User:Read", "Role:Edit"]));
        Assert.Empty(await New()); // nothing changed, nothing recorded
    }

    [Fact]
    public async Task UpdateRenamesAndReplacesPrivilegesOfACustomRole()
    {
        var (owner, _) = await Start();
        var a = (await _roles.CreateAsync(owner, new CreateRoleRequest("A", null, ["User:Read"]))).Role.Id;
        await _roles.CreateAsync(owner, new CreateRoleRequest("B"));
        await New();
        Is(await Refused(() => _roles.UpdateAsync(owner, a, new UpdateRoleRequest(Name: "b"))), 400, 1224);
        Is(await Refused(() => _roles.UpdateAsync(owner, a, new UpdateRoleRequest(Name: "Member"))), 400, 1224);
        Is(await Refused(() => _roles.UpdateAsync(owner, a, new UpdateRoleRequest(SubAccountPrivileges: new SubAccountPrivileges(4)))), 400, 300);
        await _roles.UpdateAsync(owner, a, new UpdateRoleRequest(Name: "A2", Privileges: ["Group:Edit"], SubAccountPrivileges: new SubAccountPrivileges(2)));
        var role = (await _roles.GetAsync(owner, a)).Role;
        Assert.Equal(("A2", (int?)2), (role.Name, role.SubAccountLevel));
        Assert.Equal(["Group:Edit"], role.Privileges);
        var e = Assert.Single(await New(), x => x.Type == EventTypes.RoleUpdated).As<RoleUpdated>()!;
        Assert.Equal(("A2", "A"), (e.Object["name"]!.GetValue<string>(), e.OldObject["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AssignReplacesTheRoleAndUnassignGoesBackToMember()
    {
        var (owner, accountId) = await Start();
        var u1 = (await _users.CreateAsync(owner, NewUser("one@example.com"))).User.Id;
        var u2 = (await _users.CreateAsync(owner, NewUser("two@example.com"))).User.Id;
        var role = (await _roles.CreateAsync(owner, new CreateRoleRequest("Desk", null, ["User:Read"]))).Role;
        await New();

        Is(await Refused(() => _roles.AssignAsync(owner, "0", new([new(u1, null)]))), 400, 300);
        Is(await Refused(() => _roles.AssignAsync(owner, "2", new([new(u1, null)]))), 400, 300);
        Is(await Refused(() => _roles.AssignAsync(owner, "Rnothere", new([new(u1, null)]))), 400, 1034);
        Is(await Refused(() => _roles.AssignAsync(owner, role.Id, new([]))), 400, 300);
        Is(await Refused(() => _roles.AssignAsync(owner, role.Id, new([.. Enumerable.Range(0, 31).Select(_ => new RoleMemberRef(u1, null))]))), 400, 300);
        Is(await Refused(() => _roles.AssignAsync(owner, role.Id, new([new(null, null)]))), 400, 300);
        Is(await Refused(() => _roles.AssignAsync(owner, role.Id, new([new(owner.UserId, null)]))), 400, 300);
        // all or nothing: the known user is not changed when another is missing
        Is(await Refused(() => _roles.AssignAsync(owner, role.Id, new([new(u1, null), new("nobody", null)]))), 404, 1001);
        Assert.Equal(Roles.MemberId, (await _users.GetAsync(owner, u1)).RoleId);

        // the id wins over the e-mail
        var added = await _roles.AssignAsync(owner, role.Id, new([new(u1, "two@example.com"), new(null, "TWO@example.com")]));
        Assert.Equal([u1, u2], added.Ids);
        Assert.Equal(_clock.Now, added.AddAt);
        var events = await New();
        Assert.Equal([EventTypes.UserUpdated, EventTypes.UserUpdated], events.Select(e => e.Type));
        var first = events[0].As<UserUpdated>()!;
        Assert.Equal((role.Id, "Desk"), (first.Object["role_id"]!.GetValue<string>(), first.Object["role"]!.GetValue<string>()));
        Assert.Equal(("2", "Member"), (first.OldObject["role_id"]!.GetValue<string>(), first.OldObject["role"]!.GetValue<string>()));
        // Zoom's user.updated body carries the role name, not its id
        var body = Webhooks.WebhookBodies.For(events[0], "owner@example.com")!;
        Assert.Equal("user.updated", body["event"]!.GetValue<string>());
        Assert.Equal($$"""{"id":"{{u1}}","role":"Desk"}""", body["payload"]!["object"]!.ToJsonString());
        Assert.Equal($$"""{"id":"{{u1}}","role":"Member"}""", body["payload"]!["old_object"]!.ToJsonString());
        Assert.Equal(role.Id, (await _users.GetAsync(owner, u2)).RoleId);
        Assert.Equal(2, await _store.ReadAsync(s => s.CountUsersAsync(accountId, UserStatuses.Active, role.Id)));
        Assert.Equal(["User:Read"], await _users.PermissionsAsync(owner, u1));

        // assigning again changes nothing and records nothing; to Admin replaces the role
        await _roles.AssignAsync(owner, role.Id, new([new(u1, null)]));
        Assert.Empty(await New());
        await _roles.AssignAsync(owner, "1", new([new(u1, null)]));
        var toAdmin = Assert.Single(await New()).As<UserUpdated>()!;
        Assert.Equal(("Admin", "Desk"), (toAdmin.Object["role"]!.GetValue<string>(), toAdmin.OldObject["role"]!.GetValue<string>()));
        Assert.Equal(1, (await _roles.GetAsync(owner, role.Id)).TotalMembers);

        Is(await Refused(() => _roles.UnassignAsync(owner, role.Id, u1)), 404, 300); // u1 holds Admin now
        Is(await Refused(() => _roles.UnassignAsync(owner, role.Id, "nobody")), 404, 300);
        Is(await Refused(() => _roles.UnassignAsync(owner, "Rnothere", u2)), 404, 300);
        Is(await Refused(() => _roles.UnassignAsync(owner, "2", u2)), 400, 300);
        await _roles.UnassignAsync(owner, role.Id, "two@example.com");
        var back = Assert.Single(await New()).As<UserUpdated>()!;
        Assert.Equal(("Member", "Desk"), (back.Object["role"]!.GetValue<string>(), back.OldObject["role"]!.GetValue<string>()));
        Assert.Equal(Roles.MemberId, (await _users.GetAsync(owner, u2)).RoleId);
        Assert.Equal(0, (await _roles.GetAsync(owner, role.Id)).TotalMembers);
    }

    [Fact]
    public async Task DeleteRefusesBuiltInsAndRolesStillHeld()
    {
        var (owner, _) = await Start();
        var u = (await _users.CreateAsync(owner, NewUser("one@example.com"))).User.Id;
        var role = (await _roles.CreateAsync(owner, new CreateRoleRequest("Temp"))).Role.Id;
        await _roles.AssignAsync(owner, role, new([new(u, null)]));
        await New();
        foreach (var id in new[] { "0", "1", "2" }) Is(await Refused(() => _roles.DeleteAsync(owner, id)), 400, 300);
        Is(await Refused(() => _roles.DeleteAsync(owner, role)), 400, 300);
        await _roles.UnassignAsync(owner, role, u);
        await New();
        await _roles.DeleteAsync(owner, role);
        Assert.Equal(EventTypes.RoleDeleted, Assert.Single(await New()).Type);
        Is(await Refused(() => _roles.GetAsync(owner, role)), 400, 300);
        Is(await Refused(() => _roles.DeleteAsync(owner, role)), 400, 300);
        // the name is free again
        await _roles.CreateAsync(owner, new CreateRoleRequest("Temp"));
    }

    [Fact]
    public async Task MembersPageByKeysetWithATokenBoundToTheQuery()
    {
        var (owner, _) = await Start();
        var role = (await _roles.CreateAsync(owner, new CreateRoleRequest("Many"))).Role.Id;
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add((await _users.CreateAsync(owner, NewUser($"m{i}@example.com"))).User.Id);
        await _roles.AssignAsync(owner, role, new([.. ids.Select(id => new RoleMemberRef(id, null))]));
        var seen = new List<string>();
        var page = await _roles.MembersAsync(owner, role, new RoleMembersQuery(3, null, null));
        Assert.Equal((7, 3, 3, 1), (page.TotalRecords, page.PageCount, page.PageSize, page.PageNumber));
        seen.AddRange(page.Members.Select(m => m.Id));
        while (page.NextPageToken.Length > 0)
        {
            Is(await Refused(() => _roles.MembersAsync(owner, role, new RoleMembersQuery(4, null, page.NextPageToken))), 400, 300);
            page = await _roles.MembersAsync(owner, role, new RoleMembersQuery(3, null, page.NextPageToken));
            seen.AddRange(page.Members.Select(m => m.Id));
        }
        Assert.Equal(ids, seen);
        Assert.Equal(3, page.PageNumber);
        Assert.Equal(ids.Skip(3).Take(3), (await _roles.MembersAsync(owner, role, new RoleMembersQuery(3, 2, null))).Members.Select(m => m.Id));
        Assert.Equal(30, (await _roles.MembersAsync(owner, role, new RoleMembersQuery(null, null, null))).PageSize);
        Assert.Equal(300, (await _roles.MembersAsync(owner, role, new RoleMembersQuery(1000, null, null))).PageSize);
        Assert.Equal([owner.UserId], (await _roles.MembersAsync(owner, "0", new RoleMembersQuery(null, null, null))).Members.Select(m => m.Id));
        Is(await Refused(() => _roles.MembersAsync(owner, "Rnothere", new RoleMembersQuery(null, null, null))), 404, 300);
        Is(await Refused(() => _roles.MembersAsync(owner, role, new RoleMembersQuery(0, null, null))), 400, 300);
        Is(await Refused(() => _roles.MembersAsync(owner, role, new RoleMembersQuery(null, null, "forged"))), 400, 300);
    }

    [Fact]
    public async Task PrivilegesDecideWhatAnAdminMayDo()
    {
        var (owner, _) = await Start();
        var admin = (await _users.CreateAsync(owner, NewUser("admin@example.com"))).User.Id;
        var desk = (await _users.CreateAsync(owner, NewUser("desk@example.com"))).User.Id;
        var member = (await _users.CreateAsync(owner, NewUser("member@example.com"))).User.Id;
        var readOnly = (await _roles.CreateAsync(owner, new CreateRoleRequest("ReadOnly", null, ["User:Read"]))).Role.Id;
        await _roles.AssignAsync(owner, "1", new([new(admin, null)]));
        await _roles.AssignAsync(owner, readOnly, new([new(desk, null)]));
        await New();

        // the built-in Admin reads roles but does not manage them until the owner grants Role:Edit
        Assert.Equal(4, (await _roles.ListAsync(As(owner, admin), null)).Count);
        Is(await Refused(() => _roles.CreateAsync(As(owner, admin), new CreateRoleRequest("Mine"))), 400, 200);
        Is(await Refused(() => _roles.AssignAsync(As(owner, admin), readOnly, new([new(member, null)]))), 400, 200);
        await _roles.UpdateAsync(owner, "1", new UpdateRoleRequest(Privileges: [.. Privileges.AdminDefaults, Privileges.RoleEdit]));
        await _roles.CreateAsync(As(owner, admin), new CreateRoleRequest("Mine"));
        await New();

        // a role without User:Edit: no edits of other users (its own profile stays its own), no role reads without Role:Read
        var patch = new UserUpdate { FirstName = "Changed" };
        var noEdit = await Refused(() => _users.UpdateAsync(As(owner, desk), member, patch));
        Is(noEdit, 400, 200);
        Assert.Contains("User:Edit", noEdit.Message);
        Is(await Refused(() => _users.DeleteAsync(As(owner, desk), member, new DeleteUserQuery("delete", null))), 400, 200);
        Is(await Refused(() => _roles.ListAsync(As(owner, desk), null)), 400, 200);
        await _users.UpdateAsync(As(owner, desk), desk, new UserUpdate { JobTitle = "Self" });
        await _users.UpdateAsync(As(owner, admin), member, patch);
        Assert.Equal("Changed", (await _users.GetAsync(owner, member)).Profile.FirstName);

        // given User:Edit, the same role may
        await _roles.UpdateAsync(owner, readOnly, new UpdateRoleRequest(Privileges: ["User:Edit"]));
        await _users.UpdateAsync(As(owner, desk), member, new UserUpdate { FirstName = "Again" });
        // a member manages nothing
        Is(await Refused(() => _roles.ListAsync(As(owner, member), null)), 400, 200);
        Is(await Refused(() => _roles.CreateAsync(As(owner, member), new CreateRoleRequest("X"))), 400, 200);
        // the owner keeps everything, whatever Admin holds
        await _roles.UpdateAsync(owner, "1", new UpdateRoleRequest(Privileges: []));
        Assert.Equal(Privileges.Catalogue, await _users.PermissionsAsync(owner, owner.UserId));
        Is(await Refused(() => _users.UpdateAsync(As(owner, admin), member, patch)), 400, 200);
    }
}
