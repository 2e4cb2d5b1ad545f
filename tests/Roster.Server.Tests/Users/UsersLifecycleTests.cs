using System.Net;

namespace Roster.Server.Tests;

public class UsersLifecycleTests
{
    [Fact]
    public async Task DeleteRemovesTheUserForGood()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("gone@example.com");
        (await api.Delete($"/v2/users/{id}?action=delete")).Is(HttpStatusCode.NoContent);
        (await api.Get($"/v2/users/{id}")).IsError(404, 1001);
        (await api.Delete($"/v2/users/{id}?action=delete")).IsError(404, 1001);
        await api.CreateUser("gone@example.com");
    }

    [Fact]
    public async Task DisassociateRules()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@free-mail.test");
        var apiUser = await sub.CreateUser("api@free-mail.test");
        (await sub.Delete($"/v2/users/{apiUser}")).IsError(400, 300);
        var pending = await sub.CreateUser("pending@free-mail.test", action: "create");
        (await sub.Delete($"/v2/users/{pending}?action=delete")).IsError(400, 300);
        (await sub.Delete($"/v2/users/{pending}?action=disassociate")).Is(HttpStatusCode.NoContent);
        (await sub.Delete($"/v2/users/{pending}")).IsError(404, 1001);

        // managed-domain users of the primary account can only be deleted
        var managed = await master.CreateUser("m@example.com", action: "autoCreate", password: "Str0ngPassw");
        (await master.Delete($"/v2/users/{managed}")).IsError(400, 1107);
        (await master.Delete($"/v2/users/{managed}?action=delete")).Is(HttpStatusCode.NoContent);
        (await master.Delete("/v2/users/me?action=delete")).IsError(400, 200);
        (await master.Delete($"/v2/users/{apiUser}?action=purge")).IsError(400, 300);
    }

    [Fact]
    public async Task TransferEmailIsChecked()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("leaver@example.com");
        await api.CreateUser("heir@example.com");
        (await api.Delete($"/v2/users/{id}?action=delete&transfer_email=nobody@example.com&transfer_meeting=true")).IsError(404, 1001);
        (await api.Delete($"/v2/users/{id}?action=delete&transfer_email=leaver@example.com")).IsError(400, 300);
        (await api.Delete($"/v2/users/{id}?action=delete&transfer_meeting=maybe")).IsError(400, 300);
        (await api.Delete($"/v2/users/{id}?action=delete&transfer_email=heir@example.com&transfer_meeting=true")).Is(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task StatusDeactivatesAndActivatesMembersOnly()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("flip@example.com", type: 2);
        (await api.Put($"/v2/users/{id}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("inactive", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());
        (await api.Put($"/v2/users/{id}/status", new { action = "activate" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("active", (await api.Get($"/v2/users/{id}")).Json["status"]!.GetValue<string>());
        (await api.Put("/v2/users/me/status", new { action = "deactivate" })).IsError(400, 200);
        (await api.Put($"/v2/users/{id}/status", new { action = "pause" })).IsError(400, 300);
        (await api.Put($"/v2/users/{id}/status", new { })).IsError(400, 300);
        var pending = await api.CreateUser("p@example.com", action: "create");
        (await api.Put($"/v2/users/{pending}/status", new { action = "activate" })).IsError(400, 300);
    }

    [Fact]
    public async Task ReactivationNeedsASeat()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@react.test", seats: 2);
        var a = await sub.CreateUser("a@react.test", type: 2);
        (await sub.Put($"/v2/users/{a}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        await sub.CreateUser("b@react.test", type: 2);
        (await sub.Put($"/v2/users/{a}/status", new { action = "activate" })).IsError(400, 2034);
    }

    [Fact]
    public async Task EmailChangeFollowsManagedDomainsAndTheDailyLimit()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("one@example.com");
        await api.CreateUser("taken@example.com");
        (await api.Put($"/v2/users/{id}/email", new { email = "one@gmail.test" })).IsError(400, 1116);
        (await api.Put($"/v2/users/{id}/email", new { email = "taken@example.com" })).IsError(409, 1005);
        (await api.Put($"/v2/users/{id}/email", new { email = "not-email" })).IsError(400, 300);
        (await api.Put("/v2/users/me/email", new { email = "newowner@example.com" })).IsError(400, 1000);
        for (var i = 1; i <= 3; i++)
            (await api.Put($"/v2/users/{id}/email", new { email = $"two{i}@example.com" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("two3@example.com", (await api.Get($"/v2/users/{id}")).Json["email"]!.GetValue<string>());
        (await api.Put($"/v2/users/{id}/email", new { email = "four@example.com" })).IsError(400, 300);
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        using var later = await app.ApiAsync();
        (await later.Put($"/v2/users/{id}/email", new { email = "four@example.com" })).Is(HttpStatusCode.NoContent);
        // the old address is free again
        await later.CreateUser("one@example.com");
    }

    [Fact]
    public async Task EmailChangeNeedsManagedDomains()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@nodomain.test");
        var id = await sub.CreateUser("u@nodomain.test");
        (await sub.Put($"/v2/users/{id}/email", new { email = "v@nodomain.test" })).IsError(400, 200);
    }

    [Theory]
    [InlineData("Ab1", 1124)]
    [InlineData("abcdefgh", 1126)]
    [InlineData("12345678", 1125)]
    [InlineData("abcdefg1", 1128)]
    [InlineData("Abcdefg12", 1131)]
    [InlineData("Password123", 1136)]
    [InlineData("Aaaaaaa1aaaaaaaaaaaaaaaaaaaaaaaaaaa", 300)]
    public async Task PasswordRulesHaveZoomsCodes(string password, int code)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("pw@example.com", action: "autoCreate", password: "Firs7Passw");
        (await api.Put($"/v2/users/{id}/password", new { password })).IsError(400, code);
    }

    [Fact]
    public async Task PasswordChangeRefusesReuseAndNonEmailUsers()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("pw@example.com", action: "autoCreate", password: "Firs7Passw");
        (await api.Put($"/v2/users/{id}/password", new { password = "Firs7Passw" })).IsError(400, 300);
        (await api.Put($"/v2/users/{id}/password", new { password = "Secon9Passw" })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{id}/password", new { password = "Firs7Passw" })).IsError(400, 1129);
        var apiUser = await api.CreateUser("api@example.com");
        (await api.Put($"/v2/users/{apiUser}/password", new { password = "Secon9Passw" })).IsError(400, 1123);
        (await api.Put($"/v2/users/{id}/password", new { })).IsError(400, 300);
    }

    [Fact]
    public async Task PermissionsFollowTheRole()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var owner = (await api.Get("/v2/users/me/permissions")).Json["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains("BillingSubscription:Edit", owner);
        Assert.Contains("Role:Edit", owner);
        Assert.All(owner, p => Assert.Matches("^[A-Za-z]+:(Read|Edit|Join)$", p));
        var id = await api.CreateUser("member@example.com");
        var member = (await api.Get($"/v2/users/{id}/permissions")).Json["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.DoesNotContain("BillingSubscription:Edit", member);
        Assert.Contains("Profile:Edit", member);
    }
}
