using System.Net;

namespace Roster.Server.Tests;

/// <summary>A user's presence status (GET and PUT /users/{userId}/presence_status): once a minute, Do-Not-Disturb ends, sent as Zoom's webhook.</summary>
public class PresenceStatusTests
{
    [Fact]
    public async Task PresenceIsSetOnceAMinuteAndDoNotDisturbEnds()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("here@example.com", type: 2);
        var initial = (await api.Get($"/v2/users/{id}/presence_status")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Offline", initial["status"]!.GetValue<string>());
        Assert.Equal(["status"], initial.AsObject().Select(p => p.Key));

        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Away" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("Away", (await api.Get($"/v2/users/{id}/presence_status")).Json["status"]!.GetValue<string>());
        // one update per user per minute
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var tooSoon = (await api.Put($"/v2/users/{id}/presence_status", new { status = "Busy" })).IsError(429, 429);
        Assert.Equal(TimeSpan.FromSeconds(40), tooSoon.Response.Headers.RetryAfter!.Delta); // when the next update is allowed
        Assert.Equal("Away", (await api.Get($"/v2/users/{id}/presence_status")).Json["status"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromSeconds(41));
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Do_Not_Disturb", duration = 30 })).Is(HttpStatusCode.NoContent);
        var dnd = (await api.Get($"/v2/users/{id}/presence_status")).Json;
        Assert.Equal("Do_Not_Disturb", dnd["status"]!.GetValue<string>());
        Assert.Equal(30, dnd["remaining_time"]!.GetValue<long>());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(),
            DateTimeOffset.Parse(dnd["end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(20, (await api.Get($"/v2/users/{id}/presence_status")).Json["remaining_time"]!.GetValue<long>());
        app.Clock.Advance(TimeSpan.FromMinutes(21));
        var ended = (await api.Get($"/v2/users/{id}/presence_status")).Json;
        Assert.Equal("Available", ended["status"]!.GetValue<string>());
        Assert.Null(ended["end_time"]);
    }

    [Theory]
    [InlineData("{\"status\":\"Sleeping\"}", 300)]
    [InlineData("{}", 300)]
    [InlineData("{\"status\":\"Do_Not_Disturb\",\"duration\":19}", 300)]
    [InlineData("{\"status\":\"Do_Not_Disturb\",\"duration\":1441}", 300)]
    [InlineData("{\"status\":\"Do_Not_Disturb\",\"duration\":\"long\"}", 300)]
    [InlineData("not json", 300)]
    public async Task BadPresenceBodiesAre400AndChangeNothing(string body, int code)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("bad@example.com", type: 2);
        (await api.Send(HttpMethod.Put, $"/v2/users/{id}/presence_status", rawBody: body)).IsError(400, code);
        Assert.Equal("Offline", (await api.Get($"/v2/users/{id}/presence_status")).Json["status"]!.GetValue<string>());
        // a refused update does not count against the once-a-minute rule
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "Do_No_Disturb" })).Is(HttpStatusCode.NoContent);
        var dnd = (await api.Get($"/v2/users/{id}/presence_status")).Json;
        Assert.Equal("Do_Not_Disturb", dnd["status"]!.GetValue<string>());
        Assert.Equal(20, dnd["remaining_time"]!.GetValue<long>()); // Zoom's default length
    }

    [Fact]
    public async Task OnlyActiveUsersHaveAPresenceToSet()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var pending = await api.CreateUser("pending@example.com", action: "create");
        var inactive = await api.CreateUser("inactive@example.com");
        (await api.Put($"/v2/users/{inactive}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{pending}/presence_status", new { status = "Away" })).IsError(400, 5301);
        (await api.Put($"/v2/users/{inactive}/presence_status", new { status = "Away" })).IsError(400, 5301);
        (await api.Put("/v2/users/ghost@example.com/presence_status", new { status = "Away" })).IsError(404, 1001);
    }

    [Fact]
    public async Task APresenceChangeIsSentAsZoomsWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App();
        using var api = await app.ApiAsync();
        await WebhooksTests.Subscribe(api, receiver.Url, ["user.presence_status_updated"]);
        var id = await api.CreateUser("status@example.com", type: 2);
        (await api.Put($"/v2/users/{id}/presence_status", new { status = "In_Calendar_Event" })).Is(HttpStatusCode.NoContent);
        var got = (await receiver.AtLeast(1)).Single();
        Assert.Equal("user.presence_status_updated", got.Event);
        var payload = got.Body["payload"]!.AsObject();
        Assert.Equal(RosterApp.AccountId, payload["account_id"]!.GetValue<string>());
        var o = payload["object"]!.AsObject();
        Assert.Equal(["id", "email", "date_time", "presence_status"], o.Select(p => p.Key));
        Assert.Equal(id, o["id"]!.GetValue<string>());
        Assert.Equal("status@example.com", o["email"]!.GetValue<string>());
        Assert.Equal("In_Calendar_Event", o["presence_status"]!.GetValue<string>());
    }
}
