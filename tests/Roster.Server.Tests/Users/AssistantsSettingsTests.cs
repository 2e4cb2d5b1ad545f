using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

public class AssistantsTests
{
    [Fact]
    public async Task OneRelationSeenFromBothSides()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var boss = await api.CreateUser("boss@example.com", type: 2);
        var a1 = await api.CreateUser("a1@example.com", type: 2);
        await api.CreateUser("a2@example.com", type: 2);
        var added = (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new object[] { new { id = a1 }, new { email = "a2@example.com", can_manage_host_private_event = true } } }))
            .Is(HttpStatusCode.Created).Json;
        Assert.Equal(2, added["ids"]!.GetValue<string>().Split(',').Length);
        Assert.EndsWith("Z", added["add_at"]!.GetValue<string>());
        var list = (await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray();
        Assert.Equal(["a1@example.com", "a2@example.com"], list.Select(a => a!["email"]!.GetValue<string>()).Order().ToArray());
        var schedulers = (await api.Get($"/v2/users/{a1}/schedulers")).Json["schedulers"]!.AsArray();
        Assert.Equal(boss, schedulers.Single()!["id"]!.GetValue<string>());
        Assert.Equal(10, schedulers.Single()!["pmi"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture).Length);

        (await api.Delete($"/v2/users/{a1}/schedulers/{boss}")).Is(HttpStatusCode.NoContent);
        Assert.Single((await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray());
        (await api.Delete($"/v2/users/{a1}/schedulers/{boss}")).IsError(404, 1001);
        (await api.Delete($"/v2/users/{boss}/assistants")).Is(HttpStatusCode.NoContent);
        Assert.Empty((await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray());
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = a1 } } })).Is(HttpStatusCode.Created);
        (await api.Delete($"/v2/users/{boss}/assistants/{a1}")).Is(HttpStatusCode.NoContent);
        (await api.Delete($"/v2/users/{boss}/assistants/{a1}")).IsError(404, 1001);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = a1 } } })).Is(HttpStatusCode.Created);
        (await api.Delete($"/v2/users/{a1}/schedulers")).Is(HttpStatusCode.NoContent);
        Assert.Empty((await api.Get($"/v2/users/{a1}/schedulers")).Json["schedulers"]!.AsArray());
    }

    [Fact]
    public async Task AssistantRulesAndAtomicity()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var boss = await api.CreateUser("boss@example.com", type: 2);
        var basic = await api.CreateUser("basic@example.com", type: 1);
        var ok = await api.CreateUser("ok@example.com", type: 2);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = boss } } })).IsError(400, 200);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = basic } } })).IsError(400, 200);
        (await api.Post($"/v2/users/{basic}/assistants", new { assistants = new[] { new { id = ok } } })).IsError(400, 200);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { email = "ghost@example.com" } } })).IsError(400, 200);
        // the first assistant is valid, the second is not: nothing is added
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = ok }, new { id = basic } } })).IsError(400, 200);
        Assert.Empty((await api.Get($"/v2/users/{boss}/assistants")).Json["assistants"]!.AsArray());
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = ok } } })).Is(HttpStatusCode.Created);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = ok } } })).IsError(400, 200);
        var many = Enumerable.Range(0, 31).Select(i => new { email = $"x{i}@example.com" }).ToArray();
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = many })).IsError(400, 300);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = Array.Empty<object>() })).IsError(400, 300);
        (await api.Post("/v2/users/nobody/assistants", new { assistants = new[] { new { id = ok } } })).IsError(404, 1001);
    }

    [Fact]
    public async Task AssistantsMustBeInTheSameAccount()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var boss = await api.CreateUser("boss@example.com", type: 2);
        var (sub, _, _) = await app.SubAccountAsync(api, "other@sub.test");
        var outsider = await sub.CreateUser("out@sub.test", type: 2);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = outsider } } })).IsError(400, 200);
    }
}

public class SettingsTests
{
    [Fact]
    public async Task FullDocumentHasEverySectionWithDefaults()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var doc = (await api.Get("/v2/users/me/settings")).Is(HttpStatusCode.OK).Json;
        foreach (var section in new[] { "schedule_meeting", "in_meeting", "email_notification", "recording", "telephony", "feature", "tsp", "profile", "audio_conferencing", "whiteboard" })
            Assert.True(doc.ContainsKey(section), section);
        Assert.Equal("voip", doc["schedule_meeting"]!["audio_type"]!.GetValue<string>());
        Assert.Equal("all", doc["in_meeting"]!["entry_exit_chime"]!.GetValue<string>());
        Assert.Equal("local", doc["recording"]!["auto_recording"]!.GetValue<string>());
        Assert.False(doc["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.False(doc.ContainsKey("meeting_security"));
        Assert.False(doc["in_meeting"]!.AsObject().ContainsKey("auto_answer"));
    }

    [Fact]
    public async Task PatchMergesLeavesAndIgnoresReadOnlyAndUnknownFields()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await api.Patch("/v2/users/me/settings", new { in_meeting = new { chat = true, closed_captioning = new { enable = true } } })).Is(HttpStatusCode.NoContent);
        (await api.Patch("/v2/users/me/settings", new
        {
            in_meeting = new { closed_captioning = new { save_caption = true }, unchecked_data_center_regions = new[] { "EU" }, made_up = 1 },
            recording = new { auto_recording = "cloud" },
            nonsense = new { a = 1 },
        })).Is(HttpStatusCode.NoContent);
        var doc = (await api.Get("/v2/users/me/settings")).Json;
        Assert.True(doc["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.True(doc["in_meeting"]!["closed_captioning"]!["enable"]!.GetValue<bool>());
        Assert.True(doc["in_meeting"]!["closed_captioning"]!["save_caption"]!.GetValue<bool>());
        Assert.Equal("cloud", doc["recording"]!["auto_recording"]!.GetValue<string>());
        Assert.False(doc["in_meeting"]!.AsObject().ContainsKey("made_up"));
        Assert.False(doc.ContainsKey("nonsense"));
        var only = (await api.Get("/v2/users/me/settings?custom_query_fields=chat,auto_recording")).Json;
        Assert.Equal("{\"in_meeting\":{\"chat\":true},\"recording\":{\"auto_recording\":\"cloud\"}}", only.ToJsonString());
    }

    [Theory]
    [InlineData("{\"in_meeting\":{\"chat\":\"yes\"}}", "in_meeting.chat")]
    [InlineData("{\"in_meeting\":{\"entry_exit_chime\":\"loud\"}}", "in_meeting.entry_exit_chime")]
    [InlineData("{\"recording\":{\"auto_delete_cmr_days\":45}}", "recording.auto_delete_cmr_days")]
    [InlineData("{\"in_meeting\":{\"data_center_regions\":[\"XX\"]}}", "in_meeting.data_center_regions")]
    [InlineData("{\"schedule_meeting\":{\"meeting_password_requirement\":{\"length\":1.5}}}", "schedule_meeting.meeting_password_requirement.length")]
    [InlineData("{\"in_meeting\":5}", "in_meeting")]
    [InlineData("{\"telephony\":{\"audio_conference_info\":null}}", "telephony.audio_conference_info")]
    public async Task InvalidSettingsAre300AndChangeNothing(string body, string field)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var before = (await api.Get("/v2/users/me/settings")).Body;
        var reply = (await api.Send(HttpMethod.Patch, "/v2/users/me/settings",
            rawBody: body.Replace("}}", ",\"waiting_room\":true}}").Replace("{\"in_meeting\":5,\"waiting_room\":true}}", "{\"in_meeting\":5}"))).IsError(400, 300);
        Assert.Contains(reply.Json["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.Equal(before, (await api.Get("/v2/users/me/settings")).Body);
    }

    [Fact]
    public async Task PlanRulesApplyToFeatures()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var basic = await api.CreateUser("basic@example.com", type: 1);
        (await api.Patch($"/v2/users/{basic}/settings", new { feature = new { webinar = true } })).IsError(400, 1122);
        (await api.Patch($"/v2/users/{basic}/settings", new { feature = new { large_meeting = true } })).IsError(400, 1108);
        (await api.Patch($"/v2/users/{basic}/settings", new { feature = new { concurrent_meeting = "Basic" } })).IsError(400, 1207);
        (await api.Patch("/v2/users/me/settings", new { feature = new { webinar = true } })).Is(HttpStatusCode.NoContent);
        (await api.Patch("/v2/users/me/settings", new { feature = new { zoom_events = true } })).IsError(400, 1205);
        (await api.Patch("/v2/users/me/settings", new { feature = new { large_meeting_capacity = 500 } })).IsError(400, 300);
        (await api.Patch("/v2/users/me/settings", new { feature = new { large_meeting = true, large_meeting_capacity = 500 } })).Is(HttpStatusCode.NoContent);
        Assert.Equal(500, (await api.Get("/v2/users/me/settings")).Json["feature"]!["large_meeting_capacity"]!.GetValue<int>());
    }

    [Fact]
    public async Task AuthenticationOptionsCanBeUpdatedShownAndHidden()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var doc = (await api.Get("/v2/users/me/settings?option=meeting_authentication")).Json;
        Assert.False(doc["meeting_authentication"]!.GetValue<bool>());
        var options = doc["authentication_options"]!.AsArray();
        var domains = options.Single(o => o!["type"]!.GetValue<string>() == "enforce_login_with_domains")!;
        var id = domains["id"]!.GetValue<string>();
        (await api.Patch("/v2/users/me/settings?option=meeting_authentication", new
        {
            meeting_authentication = true,
            authentication_option = new { action = "update", id, domains = "example.com,roster.test", default_option = true },
        })).Is(HttpStatusCode.NoContent);
        (await api.Patch("/v2/users/me/settings?option=meeting_authentication", new { authentication_option = new { action = "hide", id } })).Is(HttpStatusCode.NoContent);
        doc = (await api.Get("/v2/users/me/settings?option=meeting_authentication")).Json;
        Assert.True(doc["meeting_authentication"]!.GetValue<bool>());
        var updated = doc["authentication_options"]!.AsArray().Single(o => o!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("example.com,roster.test", updated["domains"]!.GetValue<string>());
        Assert.False(updated["visible"]!.GetValue<bool>());
        Assert.True(updated["default_option"]!.GetValue<bool>());
        Assert.Single(doc["authentication_options"]!.AsArray(), o => o!["default_option"]!.GetValue<bool>());

        (await api.Patch("/v2/users/me/settings?option=meeting_authentication", new { authentication_option = new { action = "add", name = "x" } })).IsError(400, 300);
        (await api.Patch("/v2/users/me/settings?option=meeting_authentication", new { authentication_option = new { action = "show", id = "nope" } })).IsError(400, 300);
        (await api.Patch("/v2/users/me/settings?option=recording_authentication", new { recording_authentication = "on" })).IsError(400, 300);

        var recording = (await api.Get("/v2/users/me/settings?option=recording_authentication")).Json;
        Assert.False(recording.ContainsKey("allow_authentication_exception"));
        Assert.Contains(recording["authentication_options"]!.AsArray(), o => o!["type"]!.GetValue<string>() == "internally");
        (await api.Get("/v2/users/me/settings?option=other")).IsError(400, 300);
    }

    [Fact]
    public async Task MeetingSecurityHasItsOwnShape()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await api.Patch("/v2/users/me/settings?option=meeting_security", new
        {
            meeting_security = new { waiting_room = false, encryption_type = "e2ee", block_user_domain_list = new[] { "*.spam.test" }, waiting_room_settings = new { participants_to_place_in_waiting_room = 1 } },
        })).Is(HttpStatusCode.NoContent);
        var doc = (await api.Get("/v2/users/me/settings?option=meeting_security")).Json["meeting_security"]!;
        Assert.False(doc["waiting_room"]!.GetValue<bool>());
        Assert.Equal("e2ee", doc["encryption_type"]!.GetValue<string>());
        Assert.Equal(1, doc["waiting_room_settings"]!["participants_to_place_in_waiting_room"]!.GetValue<int>());
        (await api.Patch("/v2/users/me/settings?option=meeting_security", new { meeting_security = new { encryption_type = "rot13" } })).IsError(400, 300);
        (await api.Patch("/v2/users/me/settings?option=meeting_security", new { meeting_security = new { block_user_domain_list = new[] { "a.b" } } })).IsError(400, 300);
        (await api.Patch("/v2/users/me/settings?option=meeting_security", new { waiting_room = true })).IsError(400, 300);
    }

    [Fact]
    public async Task PendingUsersSettingsAreNotAccessible()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("p@example.com", action: "create");
        (await api.Get($"/v2/users/{id}/settings")).IsError(400, 1000);
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { chat = true } })).IsError(400, 1000);
    }

    [Fact]
    public async Task ConcurrentPatchesLoseNoUpdate()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var fields = new[] { "chat", "private_chat", "auto_saving_chat", "co_host", "polling", "breakout_room", "annotation", "remote_control", "non_verbal_feedback", "feedback" };
        await Task.WhenAll(fields.Select(f => api.Patch("/v2/users/me/settings", new JsonObject { ["in_meeting"] = new JsonObject { [f] = true } })));
        var doc = (await api.Get("/v2/users/me/settings")).Json["in_meeting"]!;
        Assert.All(fields, f => Assert.True(doc[f]!.GetValue<bool>(), f));
    }
}
