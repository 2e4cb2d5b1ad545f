using System.Text.Json.Nodes;
using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Groups;
using Roster.Domain.Limits;
using Roster.Domain.Users;
using Roster.Storage;

namespace Roster.Domain.Tests;

/// <summary>A clock that stands still unless moved.</summary>
sealed class StillClock : TimeProvider
{
    public DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Every write operation, run through the domain services on the real SQLite store, records exactly the expected
/// events in the outbox, in the same transaction as its change; a refused one records none.
/// </summary>
public sealed class OutboxTests : IDisposable
{
    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-outbox");
    readonly SqliteStore _store;
    readonly StillClock _clock = new();
    readonly AppsService _apps;
    readonly BootstrapService _bootstrap;
    readonly SubAccountsService _subAccounts;
    readonly AccountMovesService _moves;
    readonly UsersService _users;
    readonly UserRelationsService _relations;
    readonly UserSettingsService _settings;
    readonly UserPicturesService _pictures;
    readonly UserTokensService _tokens;
    readonly UserOAuthService _oauth;
    readonly GroupsService _groups;
    readonly GroupMembersService _members;
    readonly RolesService _roles;
    EventPosition _seen = EventPosition.Start;

    public OutboxTests()
    {
        _store = new SqliteStore(Path.Combine(_dir, "roster.db"));
        _store.Migrate();
        _apps = new AppsService(_store, _clock);
        _bootstrap = new BootstrapService(_store, _clock, _apps);
        _subAccounts = new SubAccountsService(_store, _clock);
        _moves = new AccountMovesService(_store, _clock);
        var keys = new RosterKeys(_bootstrap.SigningKeyAsync().GetAwaiter().GetResult());
        _users = new UsersService(_store, _clock, keys, new RateLimiter(new RateLimitOptions(RateLimitMode.Off, 1), _clock, new MemoryRateCounter()));
        _oauth = new UserOAuthService(_store, _clock);
        _relations = new UserRelationsService(_store, _clock);
        _settings = new UserSettingsService(_store, _clock);
        _pictures = new UserPicturesService(_store, _clock);
        _tokens = new UserTokensService(_store, _clock, keys);
        _groups = new GroupsService(_store, _clock, keys);
        _members = new GroupMembersService(_store, _clock, keys);
        _roles = new RolesService(_store, _clock, keys);
    }

    public void Dispose()
    {
        _store.Dispose();
        Roster.Server.Tests.TestTemp.Delete(_dir);
    }

    /// <summary>The events recorded since the last call.</summary>
    async Task<IReadOnlyList<DomainEvent>> New()
    {
        var events = await _store.ReadAsync(s => s.ListEventsAsync(null, _seen, 1000));
        if (events.Count > 0) _seen = events[^1].Position;
        return events;
    }

    async Task<IReadOnlyList<DomainEvent>> Expect(Func<Task> operation, params string[] types)
    {
        await operation();
        var events = await New();
        Assert.Equal(types, events.Select(e => e.Type));
        return events;
    }

    async Task Refused(Func<Task> operation)
    {
        await Assert.ThrowsAsync<ZoomException>(operation);
        Assert.Empty(await New());
    }

    static CreateUserRequest NewUser(string email, int type = UserTypes.Licensed, string action = CreateActions.CustCreate, string? password = null)
        => new() { Action = action, UserInfo = new NewUserInfo { Email = email, Type = type, FirstName = "F", LastName = "L", Password = password } };

    [Fact]
    public async Task EveryWriteRecordsItsEventsAndAFailedOneNone()
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        var admin = new Caller(boot.Account.Id, boot.Owner.Id, boot.App.ClientId, Operations.AllAdminScopes.ToHashSet());
        await New();

        string u1 = "", u2 = "", u3 = "", invite = "";
        var created = await Expect(async () => u1 = (await _users.CreateAsync(admin, NewUser("one@example.com"))).User.Id, EventTypes.UserCreated);
        var e = created.Single();
        Assert.Equal((boot.Account.Id, u1, boot.Owner.Id, boot.App.ClientId, _clock.Now), (e.AccountId, e.SubjectId, e.OperatorId, e.OperatorClientId, e.OccurredAt));
        Assert.Equal("custCreate", e.Data["object"]!["creation_type"]!.GetValue<string>());
        Assert.Equal("one@example.com", e.Data["object"]!["email"]!.GetValue<string>());
        Assert.False(e.Data.ToJsonString().Contains("password", StringComparison.OrdinalIgnoreCase));

        await Expect(async () => { var c = await _users.CreateAsync(admin, NewUser("two@example.com", action: CreateActions.Create)); u2 = c.User.Id; invite = c.InvitationToken!; }, EventTypes.UserCreated);
        await Expect(async () => u3 = (await _users.CreateAsync(admin, NewUser("three@elsewhere.test"))).User.Id, EventTypes.UserCreated);
        await Refused(() => _users.CreateAsync(admin, NewUser("one@example.com")));

        var updated = (await Expect(() => _users.UpdateAsync(admin, u1, new UserUpdate { Dept = "Research", JobTitle = "Lead" }), EventTypes.UserUpdated)).Single();
        Assert.Equal("""{"object":{"dept":"Research","job_title":"Lead","id":"U"},"old_object":{"dept":null,"job_title":null,"id":"U"}}""".Replace("U", u1),
            updated.Data.ToJsonString());
        await Expect(() => _users.UpdateAsync(admin, u1, new UserUpdate { Dept = "Research" })); // nothing changed, nothing recorded
        var takenPmi = (await _users.GetAsync(admin, u1)).Pmi;
        await Refused(() => _users.UpdateAsync(admin, u3, new UserUpdate { Pmi = takenPmi }));

        var settings = (await Expect(() => _settings.UpdateSettingsAsync(admin, u1, null, JsonNode.Parse("""{"in_meeting":{"chat":true}}""")!.AsObject()),
            EventTypes.UserSettingsUpdated)).Single();
        Assert.True(settings.Data["object"]!["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.False(settings.Data["old_object"]!["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.Single(settings.Data["object"]!["in_meeting"]!.AsObject());
        await Refused(() => _settings.UpdateSettingsAsync(admin, u1, null, JsonNode.Parse("""{"in_meeting":{"chat":"yes"}}""")!.AsObject()));
        // several settings PATCHes in one transaction (a console section holding leaves of two option documents): an
        // event each; one refused part refuses the whole, the part before it included
        static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();
        var both = await Expect(() => _settings.UpdateSettingsAsync(admin, u1, [new Settings.SettingsPatch(null, Body("""{"in_meeting":{"chat":false}}""")),
            new Settings.SettingsPatch("meeting_security", Body("""{"meeting_security":{"waiting_room":false}}"""))]), EventTypes.UserSettingsUpdated, EventTypes.UserSettingsUpdated);
        Assert.Equal("""{"in_meeting":{"chat":false},"id":"U"}""".Replace("U", u1), both[0].Data["object"]!.ToJsonString());
        Assert.Equal("""{"meeting_security":{"waiting_room":false},"id":"U"}""".Replace("U", u1), both[1].Data["object"]!.ToJsonString());
        await Refused(() => _settings.UpdateSettingsAsync(admin, u1, [new Settings.SettingsPatch(null, Body("""{"in_meeting":{"chat":true}}""")),
            new Settings.SettingsPatch("meeting_security", Body("""{"meeting_security":{"waiting_room":"no"}}"""))]));
        Assert.False((await _settings.GetSettingsAsync(admin, u1, null, null))["in_meeting"]!["chat"]!.GetValue<bool>());

        await Expect(() => _users.SetStatusAsync(admin, u1, new StatusRequest { Action = "deactivate" }), EventTypes.UserDeactivated);
        await Expect(() => _users.SetStatusAsync(admin, u1, new StatusRequest { Action = "activate" }), EventTypes.UserActivated);
        await Refused(() => _users.SetStatusAsync(admin, boot.Owner.Id, new StatusRequest { Action = "deactivate" }));

        var moved = (await Expect(() => _users.ChangeEmailAsync(admin, u1, new EmailRequest { Email = "uno@example.com" }), EventTypes.UserEmailChanged)).Single();
        Assert.Equal("uno@example.com", moved.Data["object"]!["email"]!.GetValue<string>());
        Assert.Equal("one@example.com", moved.Data["old_object"]!["email"]!.GetValue<string>());

        await Expect(() => _relations.AddAssistantsAsync(admin, u1, new AddAssistantsRequest { Assistants = [new AssistantRef { Id = u3 }] }), EventTypes.UserAssistantsAdded);
        await Expect(() => _relations.DeleteAssistantAsync(admin, u1, u3), EventTypes.UserAssistantsDeleted);
        await Refused(() => _relations.DeleteAssistantAsync(admin, u1, u3));
        await Expect(() => _relations.AddAssistantsAsync(admin, u1, new AddAssistantsRequest { Assistants = [new AssistantRef { Id = u3 }] }), EventTypes.UserAssistantsAdded);
        await Expect(() => _relations.DeleteSchedulersAsync(admin, u3), EventTypes.UserSchedulersDeleted);
        await Expect(() => _relations.DeleteSchedulersAsync(admin, u3)); // none left: nothing happened
        await Expect(() => _relations.AddAssistantsAsync(admin, u1, new AddAssistantsRequest { Assistants = [new AssistantRef { Id = u3 }] }), EventTypes.UserAssistantsAdded);
        await Expect(() => _relations.DeleteAssistantsAsync(admin, u1), EventTypes.UserAssistantsDeleted);
        await Expect(() => _relations.AddAssistantsAsync(admin, u1, new AddAssistantsRequest { Assistants = [new AssistantRef { Id = u3 }] }), EventTypes.UserAssistantsAdded);
        await Expect(() => _relations.DeleteSchedulerAsync(admin, u3, u1), EventTypes.UserSchedulersDeleted);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        await Expect(() => _pictures.UploadPictureAsync(admin, u1, "me.png", png), EventTypes.UserPictureUpdated);
        await Expect(() => _tokens.RevokeTokensAsync(admin, u1), EventTypes.UserTokensRevoked);

        var accepted = await Expect(() => _users.AcceptInvitationAsync(invite, "Invit3dPassw"), EventTypes.UserInvitationAccepted, EventTypes.UserSignedIn);
        Assert.All(accepted, a => Assert.Equal((u2, (string?)null), (a.OperatorId, a.OperatorClientId)));
        await Expect(() => _users.SetPasswordAsync(admin, u2, new PasswordRequest { Password = "Chang3dPassw" }), EventTypes.UserPasswordChanged);
        await Refused(() => _users.SetPasswordAsync(admin, u2, new PasswordRequest { Password = "Chang3dPassw" }));

        OAuthApp app = null!;
        var appEvent = (await Expect(async () => app = (await _apps.CreateAppAsync(admin, null, ["user:read"], OAuthAppTypes.User, ["https://app.test/cb"])).App,
            EventTypes.AppCreated)).Single();
        Assert.Equal(app.ClientId, appEvent.SubjectId);
        Assert.DoesNotContain("secret", appEvent.Data.ToJsonString());
        var signedIn = (await Expect(() => _oauth.AuthorizeAsync(app.ClientId, "https://app.test/cb", "two@example.com", "Chang3dPassw", null, null),
            EventTypes.UserSignedIn)).Single();
        Assert.Equal((u2, app.ClientId), (signedIn.OperatorId, signedIn.OperatorClientId));

        Account sub = null!;
        await Expect(async () => sub = (await _subAccounts.CreateSubAccountAsync(admin, new CreateAccountRequest
        {
            FirstName = "Sub", LastName = "Owner", Email = "boss@tenant.test", Password = "Sub0wnerPass", Seats = 5,
        })).Account, EventTypes.AccountCreated, EventTypes.UserCreated);
        var switched = (await Expect(() => _moves.SwitchUserAccountAsync(admin, "me", u3, sub.Id), EventTypes.UserAccountSwitched)).Single();
        Assert.Equal(sub.Id, switched.Data["object"]!["account_id"]!.GetValue<string>());
        Assert.Equal(boot.Account.Id, switched.Data["old_object"]!["account_id"]!.GetValue<string>());

        await Expect(() => _users.DeleteAsync(admin, u1, new DeleteUserQuery("delete", null)), EventTypes.UserDeleted);
        var u4 = (await _users.CreateAsync(admin, NewUser("four@example.com", action: CreateActions.Create))).User.Id;
        await New();
        await Expect(() => _users.DeleteAsync(admin, u4, new DeleteUserQuery("disassociate", null)), EventTypes.UserDisassociated);
        await Refused(() => _users.DeleteAsync(admin, boot.Owner.Id, new DeleteUserQuery("delete", null)));

        // one store-wide sequence, in commit order, with unique ids
        var all = await _store.ReadAsync(s => s.ListEventsAsync(null, EventPosition.Start, 1000));
        Assert.Equal(all.Select(x => x.Seq).Order(), all.Select(x => x.Seq));
        Assert.Equal(all.Count, all.Select(x => x.Id).Distinct().Count());
        Assert.Equal(all.Where(x => x.AccountId == sub.Id).Select(x => x.Seq), (await _store.ReadAsync(s => s.ListEventsAsync(sub.Id, EventPosition.Start, 1000))).Select(x => x.Seq));
    }

    [Fact]
    public async Task EveryGroupAndRoleWriteRecordsItsEventsAndAFailedOneNone()
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        var admin = new Caller(boot.Account.Id, boot.Owner.Id, boot.App.ClientId, Operations.AllAdminScopes.ToHashSet());
        var u1 = (await _users.CreateAsync(admin, NewUser("one@example.com"))).User.Id;
        var u2 = (await _users.CreateAsync(admin, NewUser("two@example.com"))).User.Id;
        await New();
        static GroupUsersRequest Members(params string[] ids) => new() { Members = [.. ids.Select(id => new GroupUserRef { Id = id })] };
        static GroupUsersRequest Admins(params string[] ids) => new() { Admins = [.. ids.Select(id => new GroupUserRef { Id = id })] };

        string a = "", b = "";
        var created = (await Expect(async () => a = (await _groups.CreateAsync(admin, new CreateGroupRequest { Name = "A" })).Id, EventTypes.GroupCreated)).Single();
        Assert.Equal((boot.Account.Id, a), (created.AccountId, created.SubjectId));
        Assert.Equal("""{"object":{"id":"G","name":"A"}}""".Replace("G", a), created.Data.ToJsonString());
        await Expect(async () => b = (await _groups.CreateAsync(admin, new CreateGroupRequest { Name = "B" })).Id, EventTypes.GroupCreated);
        await Refused(() => _groups.CreateAsync(admin, new CreateGroupRequest { Name = "a" }));

        var renamed = (await Expect(() => _groups.UpdateAsync(admin, a, new UpdateGroupRequest { Name = "Alpha" }), EventTypes.GroupUpdated)).Single();
        Assert.Equal("Alpha", renamed.Data["object"]!["name"]!.GetValue<string>());
        Assert.Equal("A", renamed.Data["old_object"]!["name"]!.GetValue<string>());
        await Expect(() => _groups.UpdateAsync(admin, a, new UpdateGroupRequest { Name = "Alpha" })); // nothing changed, nothing recorded
        await Refused(() => _groups.UpdateAsync(admin, a, new UpdateGroupRequest { Name = "b" }));

        // a user's first group becomes its primary one: user.updated with primary_group_id, then the group's event
        var joined = await Expect(() => _members.AddMembersAsync(admin, a, Members(u1, u2)), EventTypes.UserUpdated, EventTypes.UserUpdated, EventTypes.GroupMemberAdded);
        Assert.Equal(a, joined[0].Data["object"]!["primary_group_id"]!.GetValue<string>());
        Assert.Equal([u1, u2], joined[2].Data["object"]!["members"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        await Expect(() => _members.AddMembersAsync(admin, a, Members(u1))); // a member already: nothing added
        await Expect(() => _members.AddMembersAsync(admin, b, Members(u1)), EventTypes.GroupMemberAdded); // the primary stays
        await Refused(() => _members.AddMembersAsync(admin, "nope", Members(u1)));

        var primary = (await Expect(() => _members.UpdateMemberAsync(admin, a, u1, new UpdateGroupMemberRequest { Action = "set_primary", TargetGroupId = b }),
            EventTypes.UserUpdated)).Single();
        Assert.Equal((b, a), (primary.Data["object"]!["primary_group_id"]!.GetValue<string>(), primary.Data["old_object"]!["primary_group_id"]!.GetValue<string>()));
        await Expect(() => _members.UpdateMemberAsync(admin, a, u2, new UpdateGroupMemberRequest { Action = "move", TargetGroupId = b }),
            EventTypes.GroupMemberAdded, EventTypes.UserUpdated, EventTypes.GroupMemberDeleted);
        await Refused(() => _members.UpdateMemberAsync(admin, a, u2, new UpdateGroupMemberRequest { Action = "move", TargetGroupId = b }));

        await Expect(() => _members.DeleteMemberAsync(admin, b, u1), EventTypes.UserUpdated, EventTypes.GroupMemberDeleted); // its primary goes: A is next
        await Refused(() => _members.DeleteMemberAsync(admin, b, u1));

        var admins = (await Expect(() => _members.AddAdminsAsync(admin, a, Admins(u1)), EventTypes.GroupAdminAdded)).Single();
        Assert.Equal(u1, admins.Data["object"]!["admins"]![0]!["id"]!.GetValue<string>());
        await Expect(() => _members.AddAdminsAsync(admin, a, Admins(u1)));
        await Expect(() => _members.DeleteAdminAsync(admin, a, u1), EventTypes.GroupAdminDeleted);
        await Refused(() => _members.DeleteAdminAsync(admin, a, u1));

        // deleting a group takes it from its members' group_ids (u1's primary here) before group.deleted
        await Expect(() => _groups.DeleteAsync(admin, a), EventTypes.UserUpdated, EventTypes.GroupDeleted);
        await Refused(() => _groups.DeleteAsync(admin, a));

        string role = "";
        var made = (await Expect(async () => role = (await _roles.CreateAsync(admin, new CreateRoleRequest("Desk", "Helps", ["User:Read"]))).Role.Id,
            EventTypes.RoleCreated)).Single();
        Assert.Equal(role, made.SubjectId);
        await Refused(() => _roles.CreateAsync(admin, new CreateRoleRequest("desk")));
        await Expect(() => _roles.UpdateAsync(admin, role, new UpdateRoleRequest(Privileges: ["User:Read", "User:Edit"])), EventTypes.RoleUpdated);
        await Expect(() => _roles.UpdateAsync(admin, role, new UpdateRoleRequest(Privileges: ["User:Read", "User:Edit"]))); // the same: nothing recorded
        await Refused(() => _roles.UpdateAsync(admin, role, new UpdateRoleRequest(Privileges: ["Nope:Read"])));
        var assigned = (await Expect(() => _roles.AssignAsync(admin, role, new AssignRoleMembersRequest([new RoleMemberRef(u2)])), EventTypes.UserUpdated)).Single();
        Assert.Equal(("Desk", "Member"), (assigned.Data["object"]!["role"]!.GetValue<string>(), assigned.Data["old_object"]!["role"]!.GetValue<string>()));
        await Refused(() => _roles.DeleteAsync(admin, role)); // still held
        await Expect(() => _roles.UnassignAsync(admin, role, u2), EventTypes.UserUpdated);
        await Refused(() => _roles.UnassignAsync(admin, role, u2));
        await Expect(() => _roles.DeleteAsync(admin, role), EventTypes.RoleDeleted);
        await Refused(() => _roles.DeleteAsync(admin, role));
    }
}
