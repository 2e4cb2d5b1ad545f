using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Zoom's SCIM2 Groups over Zoom's groups: the operations, their errors, Entra's PATCH forms and the events they record.</summary>
public class ScimGroupsTests
{
    const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

    static string Members(params string[] ids) => "[" + string.Join(",", ids.Select(i => $$"""{"value":"{{i}}"}""")) + "]";

    static async Task<List<string>> MemberIds(Api api, string id)
        => (await api.ScimGet($"/scim2/Groups/{id}")).Is(HttpStatusCode.OK).Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task ASCIMGroupIsAZoomGroupAndEveryOperationRecordsItsGroupEvent()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var (_, start) = await api.EventsAsync();
        var ada = await api.ScimCreate("ada.sg@example.com");
        var bob = await api.ScimCreate("bob.sg@example.com", "Bob", "Builder");

        var created = (await api.ScimPost("/scim2/Groups", $$"""{"schemas":["{{GroupUrn}}"],"displayName":"Engineers"}""")).Is(HttpStatusCode.Created);
        var id = created.Json["id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/scim2/Groups/{id}", created.Response.Headers.Location!.ToString());
        Assert.Equal("Group", created.Json["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Empty(created.Json["members"]!.AsArray());
        Assert.Equal("Engineers", (await api.Get($"/v2/groups/{id}")).Is(HttpStatusCode.OK).Json["name"]!.GetValue<string>());

        var patch = $$"""{"schemas":["{{Scim.PatchOp}}"],"Operations":[{"op":"Add","path":"members","value":{{Members(ada, bob)}}},{"op":"Replace","path":"displayName","value":"Builders"}]}""";
        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimPatch($"/scim2/Groups/{id}", patch)).Status);
        var got = (await api.ScimGet($"/scim2/Groups/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Builders", got["displayName"]!.GetValue<string>());
        Assert.Equal([ada, bob], got["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
        Assert.Equal("Bob Builder", got["members"]![1]!["display"]!.GetValue<string>());
        Assert.Contains(id, (await api.Get($"/v2/users/{ada}")).Is(HttpStatusCode.OK).Json["group_ids"]!.AsArray().Select(g => g!.GetValue<string>()));

        // Entra: remove with a value list, and the members[value eq] path
        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimPatch($"/scim2/Groups/{id}",
            $$"""{"schemas":["{{Scim.PatchOp}}"],"Operations":[{"op":"Remove","path":"members","value":{{Members(ada)}}}]}""")).Status);
        Assert.Equal([bob], await MemberIds(api, id));
        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimPatch($"/scim2/Groups/{id}",
            $$"""{"schemas":["{{Scim.PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{bob}}\"]"}]}""")).Status);
        Assert.Empty(await MemberIds(api, id));
        // replace the whole list
        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimPatch($"/scim2/Groups/{id}",
            $$"""{"schemas":["{{Scim.PatchOp}}"],"Operations":[{"op":"replace","path":"members","value":{{Members(bob)}}}]}""")).Status);
        Assert.Equal([bob], await MemberIds(api, id));

        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimDelete($"/scim2/Groups/{id}")).Status);
        (await api.ScimGet($"/scim2/Groups/{id}")).IsScimError(404);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"/v2/groups/{id}")).Status);

        var events = await api.EventsUntilAsync(start, e => e.Any(x => x.Type == "group.deleted"));
        var groupEvents = events.Where(e => e.Type.StartsWith("group.", StringComparison.Ordinal)).Select(e => e.Type).ToList();
        Assert.Equal(["group.created", "group.updated", "group.member_added", "group.member_deleted", "group.member_deleted", "group.member_added", "group.deleted"], groupEvents);
    }

    [Fact]
    public async Task ListPagesAndFiltersByDisplayNameOrId()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
            ids.Add((await api.ScimPost("/scim2/Groups", $$"""{"displayName":"{{name}}"}""")).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>());

        var all = (await api.ScimGet("/scim2/Groups")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(3, all["totalResults"]!.GetValue<int>());
        var page = (await api.ScimGet("/scim2/Groups?startIndex=2&count=1")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(3, page["totalResults"]!.GetValue<int>());
        Assert.Equal(2, page["startIndex"]!.GetValue<int>());
        Assert.Equal(ids[1], page["Resources"]![0]!["id"]!.GetValue<string>());
        var byName = (await api.ScimGet("/scim2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"gamma\""))).Is(HttpStatusCode.OK).Json;
        Assert.Equal([ids[2]], byName["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        var byId = (await api.ScimGet("/scim2/Groups?filter=" + Uri.EscapeDataString($"id eq \"{ids[0]}\""))).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Alpha", byId["Resources"]![0]!["displayName"]!.GetValue<string>());
        (await api.ScimGet("/scim2/Groups?filter=" + Uri.EscapeDataString("displayName co \"a\""))).IsScimError(400, "invalidFilter");
    }

    [Fact]
    public async Task BadInputIsASCIMErrorAndChangesNothing()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ada = await api.ScimCreate("ada.bad@example.com");
        Assert.Equal("The \"DisplayName\" of the request is invalid.", (await api.ScimPost("/scim2/Groups", """{"schemas":[],"displayName":" "}""")).IsScimError(400, "invalidValue").Json["detail"]!.GetValue<string>());
        Assert.Equal("The request JSON must not be empty.", (await api.ScimPost("/scim2/Groups", "{}")).IsScimError(400, "invalidSyntax").Json["detail"]!.GetValue<string>());
        var id = (await api.ScimPost("/scim2/Groups", """{"displayName":"Ops"}""")).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        (await api.ScimPost("/scim2/Groups", """{"displayName":"Ops"}""")).IsScimError(409, "uniqueness");

        // a PATCH with one bad op applies none of them
        (await api.ScimPatch($"/scim2/Groups/{id}", $$"""{"Operations":[{"op":"add","path":"members","value":{{Members(ada)}}},{"op":"add","path":"members","value":{{Members("nobody")}}}]}"""))
            .IsScimError(400, "invalidValue");
        (await api.ScimPatch($"/scim2/Groups/{id}", $$"""{"Operations":[{"op":"add","path":"members","value":{{Members(ada)}}},{"op":"replace","path":"emailAlias","value":"x"}]}"""))
            .IsScimError(400, "invalidPath");
        (await api.ScimPatch($"/scim2/Groups/{id}", """{"Operations":[{"op":"replace","path":"displayName","value":"Renamed"},{"op":"move","path":"members"}]}"""))
            .IsScimError(400, "invalidSyntax");
        (await api.ScimPatch($"/scim2/Groups/{id}", """{"Operations":[{"op":"remove","path":"displayName"}]}""")).IsScimError(400, "invalidValue");
        var got = (await api.ScimGet($"/scim2/Groups/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Ops", got["displayName"]!.GetValue<string>());
        Assert.Empty(got["members"]!.AsArray());

        (await api.ScimGet("/scim2/Groups/nope")).IsScimError(404);
        (await api.ScimPatch("/scim2/Groups/nope", """{"Operations":[{"op":"replace","path":"displayName","value":"X"}]}""")).IsScimError(404);
        (await api.ScimDelete("/scim2/Groups/nope")).IsScimError(404);
    }

    [Fact]
    public async Task DiscoveryListsTheGroupResourceTypeAndSchema()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var type = (await api.ScimGet("/scim2/ResourceTypes/Group")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("/Groups", type["endpoint"]!.GetValue<string>());
        Assert.Equal(GroupUrn, type["schema"]!.GetValue<string>());
        var schema = (await api.ScimGet($"/scim2/Schemas/{GroupUrn}")).Is(HttpStatusCode.OK).Json;
        Assert.Contains("members", schema["attributes"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
    }
}
