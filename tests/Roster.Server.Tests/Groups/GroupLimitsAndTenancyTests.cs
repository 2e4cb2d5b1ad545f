using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roster.Domain;
using Roster.Domain.Abstractions;
using Roster.Domain.Groups;

namespace Roster.Server.Tests;

/// <summary>
/// The 5,000-groups-per-account limit (the groups before the last written straight into the store, not through
/// 5,000 API calls and 50 days of the create quota), and tenancy in both directions for groups and roles: a master
/// account's token sees none of a sub account's groups and roles, as a sub account's sees none of the master's.
/// </summary>
public class GroupLimitsAndTenancyTests
{
    [Fact]
    public async Task AnAccountHoldsFiveThousandGroupsAndNotOneMore()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var store = app.Services.GetRequiredService<IRosterStore>();
        var now = app.Clock.GetUtcNow();
        await store.WriteAsync(async s =>
        {
            for (var i = 0; i < GroupsService.MaxGroupsPerAccount - 1; i++)
                await s.InsertGroupAsync(new Group { Id = Ids.Random(), AccountId = RosterApp.AccountId, Name = $"Bulk {i:D4}", CreatedAt = now });
            return true;
        });
        Assert.Equal(4999, (await api.Get("/v2/groups?page_size=1")).Is(HttpStatusCode.OK).Json["total_records"]!.GetValue<int>());

        (await api.Post("/v2/groups", new { name = "The 5000th" })).Is(HttpStatusCode.Created);
        var refused = (await api.Post("/v2/groups", new { name = "The 5001st" })).IsError(400, 300);
        Assert.Equal("An account can have at most 5000 groups.", refused.Json["message"]!.GetValue<string>());
        Assert.Equal(5000, (await api.Get("/v2/groups?page_size=1")).Json["total_records"]!.GetValue<int>());

        // the limit is the account's: a sub account still makes its own, and a deleted group makes room again
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@tenant.test");
        (await sub.Post("/v2/groups", new { name = "Theirs" })).Is(HttpStatusCode.Created);
        var last = (await api.Get("/v2/groups?page_size=300")).Json["groups"]![0]!["id"]!.GetValue<string>();
        (await api.Delete($"/v2/groups/{last}")).Is(HttpStatusCode.NoContent);
        (await api.Post("/v2/groups", new { name = "The 5001st" })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AMasterAccountSeesNoneOfASubAccountsGroupsOrRolesNorTheSubAccountAnyOfTheMasters()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@tenant.test");
        var masterGroup = (await master.Post("/v2/groups", new { name = "Staff" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var subGroup = (await sub.Post("/v2/groups", new { name = "Staff" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var masterRole = (await master.Post("/v2/roles", new { name = "Desk" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var subRole = (await sub.Post("/v2/roles", new { name = "Desk" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var masterUser = await master.CreateUser("staff@example.com");
        var subUser = await sub.CreateUser("staff@tenant.test");
        (await sub.Post($"/v2/groups/{subGroup}/members", new { members = new[] { new { id = subUser } } })).Is(HttpStatusCode.Created);
        (await sub.Post($"/v2/roles/{subRole}/members", new { members = new[] { new { id = subUser } } })).Is(HttpStatusCode.Created);

        foreach (var (mine, theirs, theirGroup, theirRole, stranger) in new[] { (master, sub, subGroup, subRole, subUser), (sub, master, masterGroup, masterRole, masterUser) })
        {
            // lists hold only the caller's own
            var groups = (await mine.Get("/v2/groups")).Is(HttpStatusCode.OK).Json;
            Assert.Equal(1, groups["total_records"]!.GetValue<int>());
            Assert.NotEqual(theirGroup, groups["groups"]![0]!["id"]!.GetValue<string>());
            var roles = (await mine.Get("/v2/roles")).Is(HttpStatusCode.OK).Json["roles"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
            Assert.Equal(4, roles.Count);
            Assert.DoesNotContain(theirRole, roles);
            // the other's group answers as one that does not exist, to every operation
            (await mine.Get($"/v2/groups/{theirGroup}")).IsError(404, 4130);
            (await mine.Patch($"/v2/groups/{theirGroup}", new { name = "Taken over" })).IsError(404, 4130);
            (await mine.Get($"/v2/groups/{theirGroup}/members")).IsError(404, 4130);
            (await mine.Post($"/v2/groups/{theirGroup}/members", new { members = new[] { new { id = stranger } } })).IsError(404, 4130);
            (await mine.Delete($"/v2/groups/{theirGroup}/members/{stranger}")).IsError(404, 4130);
            (await mine.Get($"/v2/groups/{theirGroup}/admins")).IsError(404, 4130);
            (await mine.Get($"/v2/groups/{theirGroup}/channels")).IsError(404, 4130);
            (await mine.Delete($"/v2/groups/{theirGroup}")).IsError(404, 4130);
            // the other's role as one that does not exist
            (await mine.Get($"/v2/roles/{theirRole}")).IsError(400, 300);
            (await mine.Get($"/v2/roles/{theirRole}/members")).IsError(404, 300);
            (await mine.Patch($"/v2/roles/{theirRole}", new { name = "Taken over" })).IsError(400, 300);
            (await mine.Delete($"/v2/roles/{theirRole}")).IsError(400, 300);
            (await mine.Delete($"/v2/roles/{theirRole}/members/{stranger}")).IsError(404, 300);
            // and the other's users cannot be put into one's own
            var ownGroup = groups["groups"]![0]!["id"]!.GetValue<string>();
            Assert.Equal("", (await mine.Post($"/v2/groups/{ownGroup}/members", new { members = new[] { new { id = stranger } } })).Is(HttpStatusCode.Created).Json["ids"]!.GetValue<string>());

            // nothing of theirs changed
            var theirView = (await theirs.Get($"/v2/groups/{theirGroup}")).Is(HttpStatusCode.OK).Json;
            Assert.Equal("Staff", theirView["name"]!.GetValue<string>());
            Assert.Equal(theirGroup == subGroup ? 1 : 0, theirView["total_members"]!.GetValue<int>());
            Assert.Equal("Desk", (await theirs.Get($"/v2/roles/{theirRole}")).Is(HttpStatusCode.OK).Json["name"]!.GetValue<string>());
        }
    }
}
