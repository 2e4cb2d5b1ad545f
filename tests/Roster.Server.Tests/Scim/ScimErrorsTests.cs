using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Every documented refusal under /scim2, in the SCIM error schema, changing nothing; tenancy, roles, scopes, the SSO prerequisite.</summary>
public class ScimErrorsTests
{
    [Fact]
    public async Task BadInputOfEveryKindIsAScimErrorAndChangesNothing()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.ScimCreate("kept@example.com");
        var before = (await api.ScimGet($"/scim2/Users/{id}")).Body;
        var (_, mark) = await api.EventsAsync();

        (await api.ScimSend(HttpMethod.Get, "/scim2/Users", null, token: "")).IsScimError(401);
        (await api.ScimSend(HttpMethod.Get, "/scim2/Users", null, token: "not-a-token")).IsScimError(401);
        (await api.ScimGet("/scim2/Users/NoSuchUser000000000000")).IsScimError(404);
        (await api.ScimGet("/scim2/Nothing")).IsScimError(404);
        (await api.ScimSend(HttpMethod.Put, "/scim2/Users", "{}")).IsScimError(405);
        (await api.ScimSend(HttpMethod.Post, "/scim2/Users", "userName=a@example.com", "application/x-www-form-urlencoded")).IsScimError(415);
        (await api.ScimSend(HttpMethod.Post, "/scim2/Users", "{\"userName\":\"a@example.com\"}", "text/plain")).IsScimError(415);
        (await api.ScimPost("/scim2/Users", "{\"userName\":")).IsScimError(400, "invalidSyntax");
        (await api.ScimPost("/scim2/Users", "[1]")).IsScimError(400, "invalidSyntax");
        (await api.ScimPost("/scim2/Users", "{\"userName\":\"kept@example.com\"}")).IsScimError(409, "uniqueness");
        (await api.ScimPost("/scim2/Users", "{\"userName\":\"KEPT@example.com\"}")).IsScimError(409, "uniqueness");
        (await api.ScimPost("/scim2/Users", "{\"userName\":\"not-an-email\"}")).IsScimError(400, "invalidValue");
        (await api.ScimPost("/scim2/Users", "{\"name\":{\"givenName\":\"No\"}}")).IsScimError(400, "invalidValue");
        foreach (var type in new[] { "Collaboration", "None", "Pro", "" })
            (await api.ScimPost("/scim2/Users", $$"""{"userName":"t@example.com","userType":"{{type}}"}""")).IsScimError(400, "invalidValue");
        (await api.ScimPost("/scim2/Users", $$"""{"userName":"t@example.com","{{Scim.ZoomUser}}":{"loginType":{"sso":false,"workEmail":false} } }""")).IsScimError(400, "invalidValue");
        (await api.ScimPut($"/scim2/Users/{id}", "{\"active\":\"maybe\"}")).IsScimError(400, "invalidValue");
        (await api.ScimPut($"/scim2/Users/{id}", "{\"displayName\":42}")).IsScimError(400, "invalidValue");
        (await api.ScimPut($"/scim2/Users/{id}", $$"""{"{{Scim.Enterprise}}":{"manager":"not an email"} }""")).IsScimError(400, "invalidValue");
        (await api.ScimPut($"/scim2/Users/{id}", "{\"userType\":\"Licensed\",\"displayName\":42}")).IsScimError(400, "invalidValue");
        (await api.ScimPatch($"/scim2/Users/{id}", "{\"Operations\":[]}")).IsScimError(400, "invalidSyntax");
        (await api.ScimPatch($"/scim2/Users/{id}", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"9\"}]}")).IsScimError(400, "invalidPath");
        (await api.ScimPatch($"/scim2/Users/{id}", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}")).IsScimError(400, "mutability");
        // a good operation before a bad one: neither is applied
        (await api.ScimPatch($"/scim2/Users/{id}", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"T\"},{\"op\":\"remove\"}]}")).IsScimError(400, "noTarget");
        foreach (var filter in new[] { "userName", "userName eq", "bogus eq \"x\"", "active gt true", "(userName eq \"a\"", "userName eq unquoted" })
            (await api.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString(filter))).IsScimError(400, "invalidFilter");
        (await api.ScimGet("/scim2/Users?startIndex=one")).IsScimError(400, "invalidValue");
        (await api.ScimGet("/scim2/Users?count=1.5")).IsScimError(400, "invalidValue");
        (await api.ScimGet("/scim2/Schemas/urn:nothing")).IsScimError(404);
        var owner = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await api.ScimDelete($"/scim2/Users/{owner}")).IsScimError(400);
        (await api.ScimPatch($"/scim2/Users/{owner}", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")).IsScimError(400);

        Assert.Equal(before, (await api.ScimGet($"/scim2/Users/{id}")).Body);
        Assert.Empty((await api.EventsAsync(mark)).Events);
        Assert.Equal(2, (await api.ScimGet("/scim2/Users")).Json["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task OnlyOwnersAndAdminsWithScim2OnAnSsoAccountProvisionAndOtherAccountsIdsAre404()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.ScimCreate("mine@example.com");

        // scopes: a token without scim2 or scim2:admin is refused as Zoom refuses it (400/4711's text)
        using var narrow = await app.AppAsync(api, null, ["user:read:admin"]);
        Assert.Contains("scim2", (await narrow.ScimGet("/scim2/Users")).IsScimError(400).Json["detail"]!.GetValue<string>());
        using var granular = await app.AppAsync(api, null, ["scim2:admin"]);
        (await granular.ScimGet($"/scim2/Users/{id}")).Is(HttpStatusCode.OK);

        // a member's user-level token holding scim2 is 403; the same for an admin works
        await api.CreateUser("member@example.com", action: "autoCreate", password: "Membr0Pass");
        var member = await OAuthFlow.UserTokenAsync(app, api, "member@example.com", "Membr0Pass", ["scim2"]);
        (await api.ScimSend(HttpMethod.Get, "/scim2/Users", null, token: member)).IsScimError(403);
        (await api.ScimSend(HttpMethod.Post, "/scim2/Users", "{\"userName\":\"x@example.com\"}", token: member)).IsScimError(403);
        var ownerId = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await api.Put($"/v2/users/{ownerId}/password", new { password = "0wnerPassw" })).Is(HttpStatusCode.NoContent);
        var ownerToken = await OAuthFlow.UserTokenAsync(app, api, "owner@example.com", "0wnerPassw", ["scim2", "scim2:admin"]);
        (await api.ScimSend(HttpMethod.Get, $"/scim2/Users/{id}", null, token: ownerToken)).Is(HttpStatusCode.OK);

        // a sub account without SSO (no managed domain, no SSO pre-provisioning): Zoom's 400
        var (noSso, _, _) = await app.SubAccountAsync(api, "boss@plain.test", scopes: ["scim2"]);
        Assert.Equal("Account has not enabled Single Sign-On.", (await noSso.ScimGet("/scim2/Users")).IsScimError(400).Json["detail"]!.GetValue<string>());
        // one with a managed domain: SCIM works there, and the primary's user is not found, as one that does not exist
        var (tenant, _, _) = await app.SubAccountAsync(api, "boss@tenant.test", domains: ["tenant.test"], scopes: ["scim2"]);
        var foreign = (await tenant.ScimGet($"/scim2/Users/{id}")).IsScimError(404).Json;
        var ghost = (await tenant.ScimGet("/scim2/Users/GhostGhostGhostGhost00")).IsScimError(404).Json;
        Assert.Equal(foreign["status"]!.GetValue<int>(), ghost["status"]!.GetValue<int>());
        (await tenant.ScimPatch($"/scim2/Users/{id}", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")).IsScimError(404);
        (await tenant.ScimDelete($"/scim2/Users/{id}")).IsScimError(404);
        var byName = (await tenant.ScimGet("/scim2/Users?filter=" + Uri.EscapeDataString("userName eq \"mine@example.com\""))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(0, byName["totalResults"]!.GetValue<int>());
        Assert.True((await api.ScimGet($"/scim2/Users/{id}")).Json["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RateLimitsAnswerInTheScimSchemaWithRetryAfter()
    {
        await using var app = new RosterApp(rateLimits: true, rateFactor: 0.05);
        using var api = await app.ApiAsync();
        Reply? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var r = await api.ScimGet("/scim2/Users?count=1");
            if (r.Status == HttpStatusCode.TooManyRequests) refused = r;
        }
        Assert.NotNull(refused);
        refused!.IsScimError(429);
        Assert.True(refused.Response.Headers.Contains("Retry-After") || refused.Response.Headers.Contains("X-RateLimit-Type"), refused.Body);
    }

    [Fact]
    public async Task DiscoveryDescribesExactlyWhatIsServed()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var spc = (await api.ScimGet("/scim2/ServiceProviderConfig")).Is(HttpStatusCode.OK).Json;
        Assert.True(spc["patch"]!["supported"]!.GetValue<bool>());
        Assert.False(spc["bulk"]!["supported"]!.GetValue<bool>());
        var types = (await api.ScimGet("/scim2/ResourceTypes")).Json["Resources"]!.AsArray();
        Assert.Equal(["User", "Group"], types.Select(t => t!["id"]!.GetValue<string>()));
        var schemas = (await api.ScimGet("/scim2/Schemas")).Json["Resources"]!.AsArray();
        Assert.Equal([Scim.Core, Scim.Enterprise, Scim.ZoomUser, Scim.ZoomProfile, "urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:extension:zoom:2.0:Group"],
            schemas.Select(s => s!["id"]!.GetValue<string>()));
        // every attribute a full resource carries is described, and nothing more is
        var id = await api.ScimCreate("described@example.com", type: "Licensed");
        (await api.ScimPut($"/scim2/Users/{id}", $$"""
            {"title":"T","{{Scim.Enterprise}}":{"department":"D","organization":"O","costCenter":"C","employeeNumber":"E","manager":"m@example.com"},
             "{{Scim.ZoomProfile}}":{"pronouns":"she/her","personalLinkName":"described.user","zoomUnited":"2"} }
            """)).Is(HttpStatusCode.OK);
        var user = (await api.ScimGet($"/scim2/Users/{id}")).Json;
        var groupId = (await api.ScimPost("/scim2/Groups", $$"""{"displayName":"Described","members":[{"value":"{{id}}"}]}""")).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var group = (await api.ScimGet($"/scim2/Groups/{groupId}")).Json;
        Assert.Equal(schemas[4]!["attributes"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).Order(), group.Where(p => p.Key != "schemas").Select(p => p.Key).Order());
        foreach (var s in schemas.Take(4))
        {
            var urn = s!["id"]!.GetValue<string>();
            var described = s["attributes"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToHashSet();
            var carried = (urn == Scim.Core ? user.Where(p => p.Key is not ("schemas" or Scim.Enterprise or Scim.ZoomUser or Scim.ZoomProfile)) : user[urn]!.AsObject())
                .Select(p => p.Key).ToHashSet();
            Assert.Equal(described.Order(), carried.Order());
        }
        (await api.ScimGet($"/scim2/Schemas/{Scim.Enterprise}")).Is(HttpStatusCode.OK);
        (await api.ScimGet("/scim2/ResourceTypes/User")).Is(HttpStatusCode.OK);
    }
}
