using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Zoom's SCIM2 Users over the same store: the operations, what they record, and the users API seeing the same users.</summary>
public class ScimUsersTests
{
    [Fact]
    public async Task ASCIMUserIsTheSameUserAsTheUsersApiShowsAndEveryWriteRecordsItsEvent()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var (_, start) = await api.EventsAsync();

        var created = (await api.ScimPost("/scim2/Users", $$"""
            {"schemas":["{{Scim.Core}}","{{Scim.Enterprise}}"],"userName":"Grace@Example.com","name":{"givenName":"Grace","familyName":"Hopper"},
             "displayName":"Grace H","title":"Admiral","userType":"Licensed","active":true,
             "{{Scim.Enterprise}}":{"department":"Navy","manager":"boss@example.com","employeeNumber":"E-1"} }
            """)).Is(HttpStatusCode.Created);
        Assert.StartsWith("application/scim+json", created.Response.Content.Headers.ContentType!.ToString());
        var user = created.Json;
        var id = user["id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/scim2/Users/{id}", created.Response.Headers.Location!.ToString());
        Assert.Equal("grace@example.com", user["userName"]!.GetValue<string>());
        Assert.Equal("Licensed", user["userType"]!.GetValue<string>());
        Assert.True(user[Scim.ZoomUser]!["loginType"]!["sso"]!.GetValue<bool>());
        Assert.Equal("User", user["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal(user["meta"]!["location"]!.GetValue<string>(), created.Response.Headers.Location!.ToString());
        Assert.StartsWith("W/\"", user["meta"]!["version"]!.GetValue<string>());

        // the same user through /v2/users
        var rest = (await api.Get($"/v2/users/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("grace@example.com", rest["email"]!.GetValue<string>());
        Assert.Equal(2, rest["type"]!.GetValue<int>());
        Assert.Equal(101, rest["login_types"]![0]!.GetValue<int>());
        Assert.Equal("E-1", rest["employee_unique_id"]!.GetValue<string>());
        Assert.Equal("Navy", rest["dept"]!.GetValue<string>());
        Assert.Equal("Admiral", rest["job_title"]!.GetValue<string>());
        Assert.Equal("active", rest["status"]!.GetValue<string>());

        // Zoom's partial PUT: only what the body carries changes
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var put = (await api.ScimPut($"/scim2/Users/{id}", $$"""{"schemas":["{{Scim.Core}}"],"name":{"givenName":"Amazing Grace"},"userType":"Basic"}""")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Amazing Grace", put["name"]!["givenName"]!.GetValue<string>());
        Assert.Equal("Hopper", put["name"]!["familyName"]!.GetValue<string>());
        Assert.Equal("Basic", put["userType"]!.GetValue<string>());
        Assert.Equal("Navy", put[Scim.Enterprise]!["department"]!.GetValue<string>());
        Assert.NotEqual(user["meta"]!["version"]!.GetValue<string>(), put["meta"]!["version"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(put["meta"]!["lastModified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.Parse(put["meta"]!["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // PATCH active:false deactivates, as PUT /v2/users/{id}/status would
        var patched = (await api.ScimPatch($"/scim2/Users/{id}", $$"""{"schemas":["{{Scim.PatchOp}}"],"Operations":[{"op":"replace","value":{"active":false} } ] }"""))
            .Is(HttpStatusCode.OK).Json;
        Assert.False(patched["active"]!.GetValue<bool>());
        Assert.Equal("inactive", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());

        (await api.ScimDelete($"/scim2/Users/{id}")).Is(HttpStatusCode.NoContent);
        (await api.Get($"/v2/users/{id}")).IsError(404, 1001);
        (await api.ScimGet($"/scim2/Users/{id}")).IsScimError(404);

        var events = await api.EventsUntilAsync(start, e => e.Any(x => x.Subject == id && x.Type == "user.deleted"));
        Assert.Equal(["user.created", "user.updated", "user.deactivated", "user.deleted"], events.Where(e => e.Subject == id).Select(e => e.Type));
    }

    [Fact]
    public async Task ListsPageWithOneBasedIndexesLeavePendingUsersOutAndOmitWhatZoomsListsOmit()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await api.ScimCreate($"u{i}@example.com"));
        await api.CreateUser("invited@example.com", action: "create"); // pending: no SCIM user
        (await api.ScimPatch($"/scim2/Users/{ids[1]}", $$"""{"Operations":[{"op":"replace","path":"active","value":false}]}""")).Is(HttpStatusCode.OK);

        var all = (await api.ScimGet("/scim2/Users?startIndex=1&count=100")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(6, all["totalResults"]!.GetValue<int>()); // the owner and five
        var listed = all["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("invited@example.com", listed);
        Assert.Equal("u1@example.com", listed[^1]); // deactivated users after the active ones
        var item = all["Resources"]!.AsArray().First(r => r!["id"]!.GetValue<string>() == ids[0])!.AsObject();
        Assert.False(item.ContainsKey(Scim.ZoomProfile));

        var page = (await api.ScimGet("/scim2/Users?startIndex=3&count=2")).Json;
        Assert.Equal(3, page["startIndex"]!.GetValue<int>());
        Assert.Equal(2, page["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(listed.Skip(2).Take(2), page["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()));
        var last = (await api.ScimGet("/scim2/Users?startIndex=6&count=10")).Json;
        Assert.Equal(["u1@example.com"], last["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()));
        Assert.Equal(0, (await api.ScimGet("/scim2/Users?count=0")).Json["itemsPerPage"]!.GetValue<int>());

        var pending = (await api.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString("userName eq \"invited@example.com\""))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(0, pending["totalResults"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("userName eq \"u2@example.com\"", new[] { 2 })]
    [InlineData("USERNAME EQ \"U2@EXAMPLE.COM\"", new[] { 2 })]
    [InlineData("userName sw \"u3\"", new[] { 3 })]
    [InlineData("userName co \"4@\" or name.familyName eq \"Zed\"", new[] { 0, 4 })]
    [InlineData("name.givenName eq \"Given1\" and active eq true", new[] { 1 })]
    [InlineData("not (userName ew \"example.com\")", new int[0])]
    [InlineData("emails[type eq \"work\" and value co \"u0\"]", new[] { 0 })]
    [InlineData("emails.value eq \"u1@example.com\"", new[] { 1 })]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Dept3\"", new[] { 3 })]
    [InlineData("(userName eq \"u1@example.com\" or userName eq \"u2@example.com\") and userType eq \"Licensed\"", new[] { 2 })]
    [InlineData("title pr", new int[0])]
    public async Task FiltersFollowRfc7644(string filter, int[] expected)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var family = i == 0 ? "Zed" : "Family";
            ids.Add((await api.ScimPost("/scim2/Users", $$"""
                {"userName":"u{{i}}@example.com","name":{"givenName":"Given{{i}}","familyName":"{{family}}"},"userType":"{{(i == 2 ? "Licensed" : "Basic")}}",
                 "{{Scim.Enterprise}}":{"department":"Dept{{i}}"} }
                """)).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>());
        }
        var reply = (await api.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString(filter))).Is(HttpStatusCode.OK).Json;
        var found = reply["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(expected.Select(i => ids[i]).ToHashSet(), found);
        Assert.Equal(expected.Length, reply["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExternalIdAndMetaTimesFilterAndAttributesProject()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var early = await api.ScimCreate("early@example.com");
        var cut = app.Clock.Now;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await api.ScimCreate("late@example.com");
        var byId = (await api.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString($"externalId eq \"{early}\""))).Json;
        Assert.Equal(early, byId["Resources"]![0]!["id"]!.GetValue<string>());
        var time = cut.AddSeconds(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var newer = (await api.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString($"meta.created gt \"{time}\""))).Json;
        Assert.Equal([late], newer["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));

        var some = (await api.ScimGet($"/scim2/Users/{late}?attributes=userName,name.givenName")).Json;
        Assert.True(some.ContainsKey("schemas") && some.ContainsKey("id") && some.ContainsKey("userName") && some.ContainsKey("name"), some.ToJsonString());
        Assert.Equal(4, some.Count);
        Assert.False(some["name"]!.AsObject().ContainsKey("familyName"));
        var without = (await api.ScimGet($"/scim2/Users/{late}?excludedAttributes=emails,meta,{Scim.ZoomUser}")).Json;
        Assert.False(without.ContainsKey("emails") || without.ContainsKey("meta") || without.ContainsKey(Scim.ZoomUser));
        Assert.True(without.ContainsKey("userName") && without.ContainsKey("id"));
    }
}
