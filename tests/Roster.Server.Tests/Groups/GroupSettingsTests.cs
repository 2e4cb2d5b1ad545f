using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>A group's settings and lock settings through the API, on either engine: shapes, every documented error, scopes, events.</summary>
public class GroupSettingsTests
{
    static async Task<string> CreateGroup(Api api, string name)
        => (await api.Post("/v2/groups", new { name })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

    static string[] Fields(Reply r) => [.. r.Json["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>())];

    static IEnumerable<JsonNode?> Leaves(JsonObject o) => o.SelectMany(p => p.Value is JsonObject inner ? Leaves(inner) : [p.Value]);

    /// <summary>
    /// The payloads of <paramref name="type"/> about <paramref name="subject"/>, once there are <paramref name="count"/>: on
    /// PostgreSQL an event shows when no older transaction is still open, a moment after its write answered.
    /// </summary>
    internal static async Task<List<JsonNode>> Events(Api api, string type, string subject, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            List<JsonNode> found = [.. (await api.Get("/roster/v1/events?page_size=300")).Is(HttpStatusCode.OK).Json["events"]!.AsArray()
                .Where(e => e!["event"]!.GetValue<string>() == type && e["subject_id"]!.GetValue<string>() == subject).Select(e => e!["payload"]!)];
            if (found.Count >= count || attempt == 600) return found; // 30 s at the most
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task SettingsReadPatchAndTheirErrors()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var g = await CreateGroup(api, "Sales");

        var doc = (await api.Get($"/v2/groups/{g}/settings")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["schedule_meeting", "in_meeting", "email_notification", "recording", "telephony", "profile", "audio_conferencing"], doc.Select(p => p.Key));
        Assert.False(doc["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.Equal("local", doc["recording"]!["auto_recording"]!.GetValue<string>());

        (await api.Patch($"/v2/groups/{g}/settings", new { in_meeting = new { chat = true, who_can_share_screen = "all" }, feature = new { webinar = true } })).Is(HttpStatusCode.NoContent);
        doc = (await api.Get($"/v2/groups/{g}/settings")).Json;
        Assert.True(doc["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.Equal("all", doc["in_meeting"]!["who_can_share_screen"]!.GetValue<string>());

        // types and enums hold at every level; a refused PATCH changes nothing
        Assert.Equal(["in_meeting.who_can_share_screen", "recording.auto_recording"],
            Fields((await api.Patch($"/v2/groups/{g}/settings", new { in_meeting = new { chat = false, who_can_share_screen = "nobody" }, recording = new { auto_recording = 5 } })).IsError(400, 300)));
        Assert.Equal(["schedule_meeting.meeting_password_requirement.length"],
            Fields((await api.Patch($"/v2/groups/{g}/settings", new { schedule_meeting = new { meeting_password_requirement = new { length = "six" } } })).IsError(400, 300)));
        Assert.Equal(["in_meeting"], Fields((await api.Patch($"/v2/groups/{g}/settings", new { in_meeting = true })).IsError(400, 300)));
        (await api.Send(HttpMethod.Patch, $"/v2/groups/{g}/settings", rawBody: "{\"in_meeting\":")).IsError(400, 300);
        Assert.True((await api.Get($"/v2/groups/{g}/settings")).Json["in_meeting"]!["chat"]!.GetValue<bool>());

        var cut = (await api.Get($"/v2/groups/{g}/settings?custom_query_fields=chat,auto_recording")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("""{"in_meeting":{"chat":true},"recording":{"auto_recording":"local"}}""", cut.ToJsonString());

        // the option views
        (await api.Patch($"/v2/groups/{g}/settings?option=meeting_security", new { meeting_security = new { waiting_room = false } })).Is(HttpStatusCode.NoContent);
        var security = (await api.Get($"/v2/groups/{g}/settings?option=meeting_security")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["meeting_security"], security.Select(p => p.Key));
        Assert.False(security["meeting_security"]!["waiting_room"]!.GetValue<bool>());
        (await api.Patch($"/v2/groups/{g}/settings?option=meeting_security", new { meeting_security = new { encryption_type = "rot13" } })).IsError(400, 300);
        var auth = (await api.Get($"/v2/groups/{g}/settings?option=meeting_authentication")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(3, auth["authentication_options"]!.AsArray().Count);
        (await api.Patch($"/v2/groups/{g}/settings?option=meeting_authentication", new { meeting_authentication = true })).Is(HttpStatusCode.NoContent);
        Assert.True((await api.Get($"/v2/groups/{g}/settings?option=meeting_authentication")).Json["meeting_authentication"]!.GetValue<bool>());
        (await api.Get($"/v2/groups/{g}/settings?option=everything")).IsError(400, 300);
        (await api.Patch($"/v2/groups/{g}/settings?option=everything", new { })).IsError(400, 300);

        // the events: only the leaves that changed, with what they were
        var updated = await Events(api, "group.settings_updated", g, 3);
        Assert.Equal(3, updated.Count);
        Assert.Equal($$$$"""{"id":"{{{{g}}}}","settings":{"in_meeting":{"chat":true,"who_can_share_screen":"all"}}}""", updated[0]["object"]!.ToJsonString());
        Assert.Equal($$$$"""{"id":"{{{{g}}}}","settings":{"in_meeting":{"chat":false,"who_can_share_screen":"host"}}}""", updated[0]["old_object"]!.ToJsonString());
        // nothing changed, nothing recorded: the next event is the next change's
        (await api.Patch($"/v2/groups/{g}/settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/groups/{g}/settings", new { telephony = new { third_party_audio = true } })).Is(HttpStatusCode.NoContent);
        updated = await Events(api, "group.settings_updated", g, 4);
        Assert.Equal(4, updated.Count);
        Assert.Equal($$$$"""{"id":"{{{{g}}}}","settings":{"telephony":{"third_party_audio":true}}}""", updated[3]["object"]!.ToJsonString());

        foreach (var path in new[] { "settings", "lock_settings" })
        {
            (await api.Get($"/v2/groups/nope/{path}")).IsError(404, 4130);
            (await api.Patch($"/v2/groups/nope/{path}", new { in_meeting = new { chat = true } })).IsError(404, 4130);
        }
    }

    [Fact]
    public async Task LockSettingsAreBooleansAtEveryLeaf()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var g = await CreateGroup(api, "Sales");
        var locks = (await api.Get($"/v2/groups/{g}/lock_settings")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["schedule_meeting", "in_meeting", "email_notification", "recording", "telephony", "profile", "audio_conferencing"], locks.Select(p => p.Key));
        Assert.All(Leaves(locks), v => Assert.Equal(System.Text.Json.JsonValueKind.False, v!.GetValueKind()));

        (await api.Patch($"/v2/groups/{g}/lock_settings", new { in_meeting = new { chat = true }, recording = new { auto_recording = true } })).Is(HttpStatusCode.NoContent);
        locks = (await api.Get($"/v2/groups/{g}/lock_settings")).Json;
        Assert.True(locks["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.True(locks["recording"]!["auto_recording"]!.GetValue<bool>());
        Assert.Equal(2, Leaves(locks).Count(v => v!.GetValueKind() == System.Text.Json.JsonValueKind.True));

        Assert.Equal(["schedule_meeting.meeting_password_requirement.length", "in_meeting.chat"], Fields((await api.Patch($"/v2/groups/{g}/lock_settings",
            new { in_meeting = new { chat = "yes" }, schedule_meeting = new { meeting_password_requirement = new { length = 1 } } })).IsError(400, 300)));
        Assert.True((await api.Get($"/v2/groups/{g}/lock_settings")).Json["in_meeting"]!["chat"]!.GetValue<bool>());

        (await api.Patch($"/v2/groups/{g}/lock_settings?option=meeting_security", new { meeting_security = new { waiting_room = true } })).Is(HttpStatusCode.NoContent);
        var security = (await api.Get($"/v2/groups/{g}/lock_settings?option=meeting_security")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["meeting_security"], security.Select(p => p.Key));
        Assert.True(security["meeting_security"]!["waiting_room"]!.GetValue<bool>());
        Assert.All(Leaves(security), v => Assert.True(v!.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False));
        (await api.Get($"/v2/groups/{g}/lock_settings?option=meeting_authentication")).IsError(400, 300);

        var events = await Events(api, "group.lock_settings_updated", g, 2);
        Assert.Equal(2, events.Count);
        Assert.Equal($$$$"""{"id":"{{{{g}}}}","settings":{"in_meeting":{"chat":true},"recording":{"auto_recording":true}}}""", events[0]["object"]!.ToJsonString());
        Assert.Equal($$$$"""{"id":"{{{{g}}}}","settings":{"in_meeting":{"chat":false},"recording":{"auto_recording":false}}}""", events[0]["old_object"]!.ToJsonString());
    }

    [Fact]
    public async Task TenancyPlanAndScopesDecide()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var mine = await CreateGroup(api, "Mine");
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@tenant.test");
        foreach (var path in new[] { "settings", "lock_settings" })
        {
            (await sub.Get($"/v2/groups/{mine}/{path}")).IsError(404, 4130);
            (await sub.Patch($"/v2/groups/{mine}/{path}", new { in_meeting = new { chat = true } })).IsError(404, 4130);
        }
        Assert.False((await api.Get($"/v2/groups/{mine}/lock_settings")).Json["in_meeting"]!["chat"]!.GetValue<bool>());

        // a Free account reads its groups' settings and changes none: Zoom's code 200
        var (free, freeId, _) = await app.SubAccountAsync(api, "free@tenant.test", plan: "free");
        var theirs = await CreateGroup(free, "Free");
        (await free.Get($"/v2/groups/{theirs}/settings")).Is(HttpStatusCode.OK);
        (await free.Get($"/v2/groups/{theirs}/lock_settings")).Is(HttpStatusCode.OK);
        var paidOnly = (await free.Patch($"/v2/groups/{theirs}/settings", new { in_meeting = new { chat = true } })).IsError(400, 200);
        Assert.Equal($"Only available for Paid account,{freeId}.", paidOnly.Json["message"]!.GetValue<string>());
        (await free.Patch($"/v2/groups/{theirs}/lock_settings", new { in_meeting = new { chat = true } })).IsError(400, 200);
        Assert.False((await free.Get($"/v2/groups/{theirs}/settings")).Json["in_meeting"]!["chat"]!.GetValue<bool>());

        using var reader = await app.AppAsync(api, null, ["group:read:admin"]);
        (await reader.Get($"/v2/groups/{mine}/settings")).Is(HttpStatusCode.OK);
        (await reader.Get($"/v2/groups/{mine}/lock_settings")).Is(HttpStatusCode.OK);
        (await reader.Patch($"/v2/groups/{mine}/settings", new { in_meeting = new { chat = true } })).IsError(400, 4711);
        (await reader.Patch($"/v2/groups/{mine}/lock_settings", new { in_meeting = new { chat = true } })).IsError(400, 4711);
        using var granular = await app.AppAsync(api, null, ["group:read:settings:admin", "group:update:lock_settings:admin"]);
        (await granular.Get($"/v2/groups/{mine}/settings")).Is(HttpStatusCode.OK);
        (await granular.Get($"/v2/groups/{mine}/lock_settings")).IsError(400, 4711);
        (await granular.Patch($"/v2/groups/{mine}/settings", new { in_meeting = new { chat = true } })).IsError(400, 4711);
        (await granular.Patch($"/v2/groups/{mine}/lock_settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        using var users = await app.AppAsync(api, null, ["user:read:admin", "user:write:admin"]);
        (await users.Get($"/v2/groups/{mine}/settings")).IsError(400, 4711);
    }
}
