using System.Net;
using Roster.Client.Models;
using Roster.Server.Tests;

namespace Roster.Client.Tests;

/// <summary><see cref="GroupsClient"/> and <see cref="RolesClient"/>: every operation against a real Roster server in process.</summary>
public class GroupsAndRolesClientTests
{
    static ZoomClient Client(RosterApp app) => new(app.CreateClient(), new ZoomClientOptions
    {
        BaseUrl = new Uri(app.Server.BaseAddress, "/v2"),
        AccountId = RosterApp.AccountId, ClientId = RosterApp.ClientId, ClientSecret = RosterApp.ClientSecret,
    });

    static async Task<string> NewUser(ZoomClient zoom, string email)
        => (await zoom.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = email, Type = UserTypes.Licensed, FirstName = "Ada", LastName = "Lee" } })).Id;

    [Fact]
    public async Task EveryGroupsOperation()
    {
        await using var app = new RosterApp();
        using var zoom = Client(app);
        var groups = zoom.Groups;
        var ada = await NewUser(zoom, "ada@example.com");
        var bob = await NewUser(zoom, "bob@example.com");

        var sales = await groups.CreateAsync(new() { Name = "Sales" });
        Assert.Equal(("Sales", 0L), (sales.Name, sales.TotalMembers));
        var ops = await groups.CreateAsync(new() { Name = "Ops" });
        var taken = await Assert.ThrowsAsync<ZoomApiException>(() => groups.CreateAsync(new() { Name = "sales" }));
        Assert.Equal((HttpStatusCode.Conflict, 4132), (taken.StatusCode, taken.Code));
        await groups.UpdateAsync(sales.Id, new() { Name = "Field Sales" });
        Assert.Equal("Field Sales", (await groups.GetAsync(sales.Id)).Name);

        var first = await groups.ListAsync(pageSize: 1);
        Assert.Equal((2, 1), (first.TotalRecords, first.Groups.Count));
        Assert.False(string.IsNullOrEmpty(first.NextPageToken));
        var all = new List<Group>();
        await foreach (var g in groups.ListAllAsync(pageSize: 1)) all.Add(g);
        Assert.Equal(["Field Sales", "Ops"], all.Select(g => g.Name).Order(StringComparer.Ordinal));

        var added = await groups.AddMembersAsync(sales.Id, [GroupUserRef.ById(ada), GroupUserRef.ByEmail("BOB@example.com")]);
        Assert.Equal([ada, bob], added.Ids.Split(','));
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), added.AddedAt.ToUnixTimeSeconds());
        Assert.Equal("", (await groups.AddMembersAsync(sales.Id, [GroupUserRef.ById(ada)])).Ids);
        var page = await groups.ListMembersAsync(sales.Id, pageSize: 1);
        Assert.Equal((2L, 2, 1, ada), (page.TotalRecords, page.PageCount, page.PageNumber, page.Members[0].Id));
        Assert.Equal(("Ada", "Lee", UserTypes.Licensed), (page.Members[0].FirstName, page.Members[0].LastName, page.Members[0].Type));
        var members = new List<GroupMember>();
        await foreach (var m in groups.ListAllMembersAsync(sales.Id, pageSize: 1)) members.Add(m);
        Assert.Equal([ada, bob], members.Select(m => m.Id));

        await groups.AddMembersAsync(ops.Id, [GroupUserRef.ById(ada)]);
        await groups.SetPrimaryGroupAsync(sales.Id, ada, ops.Id);
        Assert.Equal([ops.Id, sales.Id], (await zoom.Users.GetAsync(ada)).GroupIds);
        await groups.MoveMemberAsync(sales.Id, bob, ops.Id);
        Assert.Equal([ops.Id], (await zoom.Users.GetAsync(bob)).GroupIds);
        var notIn = await Assert.ThrowsAsync<ZoomApiException>(() => groups.MoveMemberAsync(sales.Id, bob, ops.Id));
        Assert.Equal((HttpStatusCode.NotFound, 4131), (notIn.StatusCode, notIn.Code));
        await groups.DeleteMemberAsync(ops.Id, bob);
        Assert.Equal(1L, (await groups.GetAsync(ops.Id)).TotalMembers);

        Assert.Equal([bob], (await groups.AddAdminsAsync(ops.Id, [GroupUserRef.ByEmail("bob@example.com")])).Ids.Split(','));
        var admins = await groups.ListAdminsAsync(ops.Id);
        Assert.Equal((1, "bob@example.com", "Ada Lee"), (admins.TotalRecords, admins.Admins[0].Email, admins.Admins[0].Name));
        await groups.DeleteAdminAsync(ops.Id, bob);
        var notAdmin = await Assert.ThrowsAsync<ZoomApiException>(() => groups.DeleteAdminAsync(ops.Id, bob));
        Assert.Equal((HttpStatusCode.BadRequest, 4138), (notAdmin.StatusCode, notAdmin.Code));

        var channels = await groups.ListChannelsAsync(ops.Id);
        Assert.Equal(ops.Id, channels.GroupId);
        Assert.Empty(channels.Channels);

        await groups.DeleteAsync(sales.Id);
        var gone = await Assert.ThrowsAsync<ZoomApiException>(() => groups.GetAsync(sales.Id));
        Assert.Equal((HttpStatusCode.NotFound, 4130), (gone.StatusCode, gone.Code));
        Assert.Equal([ops.Id], (await zoom.Users.GetAsync(ada)).GroupIds);
    }

    [Fact]
    public async Task EveryRolesOperation()
    {
        await using var app = new RosterApp();
        using var zoom = Client(app);
        var roles = zoom.Roles;
        var ada = await NewUser(zoom, "ada@example.com");
        await NewUser(zoom, "bob@example.com");

        var builtIn = await roles.ListAsync();
        Assert.Equal(["0:Owner", "1:Admin", "2:Member"], builtIn.Roles.Select(r => $"{r.Id}:{r.Name}"));
        Assert.Equal(3, builtIn.TotalRecords);

        var desk = await roles.CreateAsync(new() { Name = "Help desk", Description = "Reads users", Privileges = ["User:Read"] });
        Assert.Matches("^R[A-Za-z0-9_-]{22}$", desk.Id);
        Assert.Equal(("Help desk", "Reads users", "common", 0L), (desk.Name, desk.Description, desk.Type, desk.TotalMembers));
        var taken = await Assert.ThrowsAsync<ZoomApiException>(() => roles.CreateAsync(new() { Name = "help desk" }));
        Assert.Equal((HttpStatusCode.BadRequest, 1224), (taken.StatusCode, taken.Code));

        await roles.UpdateAsync(desk.Id, new() { Description = "Reads and edits users", Privileges = ["User:Read", "User:Edit"] });
        var read = await roles.GetAsync(desk.Id);
        Assert.Equal(("Help desk", "Reads and edits users"), (read.Name, read.Description)); // the name was not sent, so it stayed
        Assert.Equal(["User:Read", "User:Edit"], read.Privileges);

        var assigned = await roles.AssignAsync(desk.Id, [RoleMemberRef.ById(ada), RoleMemberRef.ByEmail("bob@example.com")]);
        Assert.Equal(2, assigned.Ids.Split(',').Length);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), assigned.AddAt.ToUnixTimeSeconds());
        Assert.Equal(desk.Id, (await zoom.Users.GetAsync(ada)).RoleId);
        var page = await roles.ListMembersAsync(desk.Id, pageSize: 1);
        Assert.Equal((2, 1, ada), (page.TotalRecords, page.Members.Count, page.Members[0].Id));
        var members = new List<RoleMember>();
        await foreach (var m in roles.ListAllMembersAsync(desk.Id, pageSize: 1)) members.Add(m);
        Assert.Equal(["ada@example.com", "bob@example.com"], members.Select(m => m.Email));

        var held = await Assert.ThrowsAsync<ZoomApiException>(() => roles.DeleteAsync(desk.Id));
        Assert.Equal(HttpStatusCode.BadRequest, held.StatusCode);
        foreach (var m in members) await roles.UnassignAsync(desk.Id, m.Id);
        Assert.Equal("2", (await zoom.Users.GetAsync(ada)).RoleId);
        await roles.DeleteAsync(desk.Id);
        Assert.Equal(3, (await roles.ListAsync()).TotalRecords);
    }
}
