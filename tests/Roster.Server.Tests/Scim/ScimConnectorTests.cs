using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>What Entra and Okta send (reference zoom-scim2.md §5), exactly, and the webhooks SCIM writes fire.</summary>
public class ScimConnectorTests
{
    [Fact]
    public async Task EntraWithoutAadOptscim062020()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        // Entra's matching query first, then the create it sends
        Assert.Equal(0, (await api.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString("userName eq \"alex@example.com\""))).Json["totalResults"]!.GetValue<int>());
        var id = (await api.ScimPost("/scim2/Users", $$"""
            {"schemas":["{{Scim.Core}}","{{Scim.Enterprise}}"],"externalId":"alex","userName":"alex@example.com","active":true,
             "displayName":"Alex Wu","emails":[{"primary":true,"type":"work","value":"alex@example.com"}],"meta":{"resourceType":"User"},
             "name":{"formatted":"Alex Wu","familyName":"Wu","givenName":"Alex"},"userType":"Basic",
             "{{Scim.Enterprise}}":{"department":"Sales"} }
            """)).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        // capitalised ops, a string boolean, multi-attribute replace as separate ops, value-path e-mail
        var patched = (await api.ScimPatch($"/scim2/Users/{id}", $$"""
            {"schemas":["{{Scim.PatchOp}}"],"Operations":[
              {"op":"Replace","path":"name.givenName","value":"Alexandra"},
              {"op":"Replace","path":"emails[type eq \"work\"].value","value":"alex@example.com"},
              {"op":"Replace","path":"{{Scim.Enterprise}}:department","value":"Marketing"},
              {"op":"Add","path":"title","value":"Lead"},
              {"op":"Replace","path":"active","value":"False"}]}
            """)).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Alexandra", patched["name"]!["givenName"]!.GetValue<string>());
        Assert.Equal("Marketing", patched[Scim.Enterprise]!["department"]!.GetValue<string>());
        Assert.False(patched["active"]!.GetValue<bool>());
        var rest = (await api.Get($"/v2/users/{id}?status=inactive")).Json;
        Assert.Equal(("Alexandra", "Marketing", "Lead", "inactive"),
            (rest["first_name"]!.GetValue<string>(), rest["dept"]!.GetValue<string>(), rest["job_title"]!.GetValue<string>(), rest["status"]!.GetValue<string>()));
        (await api.ScimPatch($"/scim2/Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}"""))
            .Is(HttpStatusCode.OK);
        Assert.Equal("active", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task EntraWithAadOptscim062020()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.ScimCreate("sam@example.com");
        var patched = (await api.ScimPatch($"/scim2/Users/{id}", $$"""
            {"schemas":["{{Scim.PatchOp}}"],"Operations":[
              {"op":"replace","value":{"active":false,"name.givenName":"Samantha","name.familyName":"Lee",
                                       "{{Scim.Enterprise}}:employeeNumber":"701","{{Scim.Enterprise}}:department":"Ops"} }]}
            """)).Is(HttpStatusCode.OK).Json;
        Assert.False(patched["active"]!.GetValue<bool>());
        Assert.Equal(("Samantha", "Lee"), (patched["name"]!["givenName"]!.GetValue<string>(), patched["name"]!["familyName"]!.GetValue<string>()));
        Assert.Equal(("701", "Ops"), (patched[Scim.Enterprise]!["employeeNumber"]!.GetValue<string>(), patched[Scim.Enterprise]!["department"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OktaPushesProfilesWithPutAndDeactivatesWithPatch()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = (await api.ScimPost("/scim2/Users", $$"""
            {"schemas":["{{Scim.Core}}","{{Scim.ZoomUser}}"],"userName":"kim@example.com","name":{"givenName":"Kim","familyName":"Park"},
             "emails":[{"primary":true,"value":"kim@example.com","type":"work"}],"displayName":"Kim Park","userType":"Licensed","active":true,
             "{{Scim.ZoomUser}}":{"loginType":{"workEmail":false,"sso":true} } }
            """)).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        // Push Profile Updates: a PUT of the whole profile; Okta does not push e-mail changes, and userName is not changed (as Zoom)
        var put = (await api.ScimPut($"/scim2/Users/{id}", $$"""
            {"schemas":["{{Scim.Core}}"],"id":"{{id}}","userName":"kim@example.com","name":{"givenName":"Kimberly","familyName":"Park"},
             "emails":[{"primary":true,"value":"kim@example.com","type":"work"}],"displayName":"Kimberly Park","active":true,"userType":"Licensed"}
            """)).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Kimberly Park", put["displayName"]!.GetValue<string>());
        Assert.Equal("kim@example.com", put["userName"]!.GetValue<string>());
        // Deactivate Users: PATCH active false (Zoom's own doc example carries the ListResponse URN in schemas)
        (await api.ScimPatch($"/scim2/Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Operations":[{"op":"replace","value":{"active":false}}]}"""))
            .Is(HttpStatusCode.OK);
        Assert.Equal("inactive", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScimWritesFireTheUsersWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App();
        using var api = await app.ApiAsync();
        await WebhooksTests.Subscribe(api, receiver.Url);
        var id = await api.ScimCreate("hook@example.com");
        (await api.ScimPut($"/scim2/Users/{id}", """{"name":{"givenName":"Hooked"}}""")).Is(HttpStatusCode.OK);
        (await api.ScimPatch($"/scim2/Users/{id}", """{"Operations":[{"op":"replace","path":"active","value":false}]}""")).Is(HttpStatusCode.OK);
        (await api.ScimDelete($"/scim2/Users/{id}")).Is(HttpStatusCode.NoContent);
        var got = await receiver.AtLeast(4);
        Assert.Equal(["user.created", "user.deactivated", "user.deleted", "user.updated"], got.Select(r => r.Event).Order(StringComparer.Ordinal));
        Assert.All(got, r => Assert.True(r.SignatureValid, r.Raw));
        Assert.All(got, r => Assert.Equal(id, r.Body["payload"]!["object"]!["id"]!.GetValue<string>()));
        Assert.Equal("Hooked", got.Single(r => r.Event == "user.updated").Body["payload"]!["object"]!["first_name"]!.GetValue<string>());
    }
}
