using System.Net;

namespace Roster.Server.Tests;

/// <summary>
/// Presence follows the sandbox's client sign-ins (issue 27): a user signed in to a client reads Available until it sets
/// another status or signs out of its last client; Offline only for a user signed in to no client.
/// </summary>
public class ClientPresenceTests
{
    [Fact]
    public async Task ASignedInUserIsAvailableUntilItSetsAStatusOrSignsOut()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var sandbox = app.ApiWith(SandboxTests.AdminKey(app));
        var id = await api.CreateUser("present@example.com", type: 2, action: "autoCreate", password: "Str0ngPassw");
        async Task<string> Status() => (await api.Get($"/v2/users/{id}/presence_status")).Is(HttpStatusCode.OK).Json["status"]!.GetValue<string>();
        Task<Reply> Client(string what, string type) => sandbox.Post($"/roster/v1/sandbox/users/{id}/{what}", new { client_type = type, version = type == "browser" ? null : "6.2.0.1234" });

        Assert.Equal("Offline", await Status()); // signed in nowhere
        (await Client("sign_in", "browser")).Is(HttpStatusCode.NoContent);
        Assert.Equal("Offline", await Status()); // the web portal holds no presence
        (await Client("sign_in", "mac")).Is(HttpStatusCode.NoContent);
        Assert.Equal("Available", await Status());

        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Away" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("Away", await Status());
        (await Client("sign_in", "iphone")).Is(HttpStatusCode.NoContent);
        (await Client("sign_out", "mac")).Is(HttpStatusCode.NoContent);
        Assert.Equal("Away", await Status()); // still signed in to the phone
        (await Client("sign_out", "iphone")).Is(HttpStatusCode.NoContent);
        Assert.Equal("Offline", await Status());

        (await Client("sign_in", "win")).Is(HttpStatusCode.NoContent);
        Assert.Equal("Available", await Status());
        // a sign-in is no update through the API: the once-a-minute quota counts from the PUT alone
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Busy" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("Busy", await Status());
    }
}
