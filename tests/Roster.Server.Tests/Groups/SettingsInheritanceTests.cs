using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// Settings follow groups (account → group → user, zoom-groups.md §3), computed when a member's settings are read: the
/// primary group's values under the user's own, a leaf locked in any of its groups read as the locking group's value.
/// </summary>
public class SettingsInheritanceTests
{
    static async Task<string> CreateGroup(Api api, string name)
        => (await api.Post("/v2/groups", new { name })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

    static async Task Join(Api api, string group, string user)
        => (await api.Post($"/v2/groups/{group}/members", new { members = new[] { new { id = user } } })).Is(HttpStatusCode.Created);

    static async Task<JsonObject> Settings(Api api, string user, string query = "")
        => (await api.Get($"/v2/users/{user}/settings{query}")).Is(HttpStatusCode.OK).Json;

    static async Task<JsonNode?> Leaf(Api api, string user, string section, string name) => (await Settings(api, user))[section]![name];

    static async Task Set(Api api, string path, object body) => (await api.Patch(path, body)).Is(HttpStatusCode.NoContent);

    [Fact]
    public async Task AccountDefaultThenPrimaryGroupThenUserThenLocks()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var a = await CreateGroup(api, "A");
        var b = await CreateGroup(api, "B");
        var ann = await api.CreateUser("ann@example.com", type: 2);
        var bob = await api.CreateUser("bob@example.com", type: 2);
        await Join(api, a, ann); // primary: the first group joined
        await Join(api, b, ann);

        // the account default, until the primary group sets a value
        Assert.False((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>());
        await Set(api, $"/v2/groups/{a}/settings", new { in_meeting = new { chat = true } });
        Assert.True((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>());
        Assert.False((await Leaf(api, bob, "in_meeting", "chat"))!.GetValue<bool>()); // in no group

        // a value of a group that is not primary and does not lock it is not taken
        await Set(api, $"/v2/groups/{b}/settings", new { recording = new { auto_recording = "cloud" }, in_meeting = new { who_can_share_screen = "all" } });
        Assert.Equal("local", (await Leaf(api, ann, "recording", "auto_recording"))!.GetValue<string>());
        Assert.Equal("host", (await Leaf(api, ann, "in_meeting", "who_can_share_screen"))!.GetValue<string>());

        // the user's own value wins over an unlocked group value
        await Set(api, $"/v2/users/{ann}/settings", new { in_meeting = new { chat = false }, email_notification = new { jbh_reminder = true } });
        Assert.False((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>());

        // a lock in any group: the locking group's value, over the user's own
        await Set(api, $"/v2/groups/{b}/lock_settings", new { recording = new { auto_recording = true } });
        Assert.Equal("cloud", (await Leaf(api, ann, "recording", "auto_recording"))!.GetValue<string>());
        await Set(api, $"/v2/groups/{a}/lock_settings", new { in_meeting = new { chat = true } });
        Assert.True((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>());
        // a lock of a leaf the locking group never set: the account default, whatever the user set
        Assert.True((await Leaf(api, ann, "email_notification", "jbh_reminder"))!.GetValue<bool>());
        await Set(api, $"/v2/groups/{b}/lock_settings", new { email_notification = new { jbh_reminder = true } });
        Assert.False((await Leaf(api, ann, "email_notification", "jbh_reminder"))!.GetValue<bool>());
        // several groups lock it: the primary's value
        await Set(api, $"/v2/groups/{a}/settings", new { recording = new { auto_recording = "none" } });
        await Set(api, $"/v2/groups/{a}/lock_settings", new { recording = new { auto_recording = true } });
        Assert.Equal("none", (await Leaf(api, ann, "recording", "auto_recording"))!.GetValue<string>());
        await Set(api, $"/v2/groups/{a}/lock_settings", new { recording = new { auto_recording = false } });
        Assert.Equal("cloud", (await Leaf(api, ann, "recording", "auto_recording"))!.GetValue<string>());
        // custom_query_fields reads the same values
        Assert.Equal("""{"in_meeting":{"chat":true}}""", (await Settings(api, ann, "?custom_query_fields=chat")).ToJsonString());

        // a primary change: the new primary's values, at once
        (await api.Patch($"/v2/groups/{a}/members/{ann}", new { action = "set_primary", target_group_id = b })).Is(HttpStatusCode.NoContent);
        Assert.Equal("all", (await Leaf(api, ann, "in_meeting", "who_can_share_screen"))!.GetValue<string>());
        Assert.True((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>()); // still locked by A

        // leaving the locking group: the user's own value again
        (await api.Delete($"/v2/groups/{a}/members/{ann}")).Is(HttpStatusCode.NoContent);
        Assert.False((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>());
        // deleting the group whose values it took: the account default
        (await api.Delete($"/v2/groups/{b}")).Is(HttpStatusCode.NoContent);
        Assert.Equal("host", (await Leaf(api, ann, "in_meeting", "who_can_share_screen"))!.GetValue<string>());
        Assert.Equal("local", (await Leaf(api, ann, "recording", "auto_recording"))!.GetValue<string>());
        Assert.True((await Leaf(api, ann, "email_notification", "jbh_reminder"))!.GetValue<bool>());
    }

    [Fact]
    public async Task AUsersPatchOfALockedLeafIsRefusedUnlessItKeepsTheLockedValue()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var g = await CreateGroup(api, "Locked");
        var ann = await api.CreateUser("ann@example.com", type: 2);
        await Join(api, g, ann);
        await Set(api, $"/v2/groups/{g}/settings", new { in_meeting = new { chat = true } });
        await Set(api, $"/v2/groups/{g}/lock_settings", new { in_meeting = new { chat = true } });
        await Set(api, $"/v2/groups/{g}/lock_settings?option=meeting_security", new { meeting_security = new { waiting_room = true } });

        var refused = (await api.Patch($"/v2/users/{ann}/settings", new { in_meeting = new { chat = false, who_can_share_screen = "all" } })).IsError(400, 300);
        var error = Assert.Single(refused.Json["errors"]!.AsArray())!;
        Assert.Equal("in_meeting.chat", error["field"]!.GetValue<string>());
        Assert.Contains(g, error["message"]!.GetValue<string>());
        Assert.Equal("host", (await Leaf(api, ann, "in_meeting", "who_can_share_screen"))!.GetValue<string>()); // nothing changed

        // the document as read, written back: the locked leaf keeps its value, the others change
        await Set(api, $"/v2/users/{ann}/settings", new { in_meeting = new { chat = true, who_can_share_screen = "all" } });
        Assert.Equal("all", (await Leaf(api, ann, "in_meeting", "who_can_share_screen"))!.GetValue<string>());
        var recorded = Assert.Single(await GroupSettingsTests.Events(api, "user.settings_updated", ann, 1)); // the refused PATCH recorded none
        Assert.Equal($$"""{"in_meeting":{"who_can_share_screen":"all"},"id":"{{ann}}"}""", recorded["object"]!.ToJsonString());

        // meeting_security: the locked leaf reads the group's value (its default here) and refuses another
        Assert.True((await Settings(api, ann, "?option=meeting_security"))["meeting_security"]!["waiting_room"]!.GetValue<bool>());
        var security = (await api.Patch($"/v2/users/{ann}/settings?option=meeting_security", new { meeting_security = new { waiting_room = false } })).IsError(400, 300);
        Assert.Equal("meeting_security.waiting_room", security.Json["errors"]![0]!["field"]!.GetValue<string>());
        await Set(api, $"/v2/users/{ann}/settings?option=meeting_security", new { meeting_security = new { waiting_room = true } });

        // unlocked, the user's own PATCH goes through
        await Set(api, $"/v2/groups/{g}/lock_settings", new { in_meeting = new { chat = false } });
        await Set(api, $"/v2/users/{ann}/settings", new { in_meeting = new { chat = false } });
        Assert.False((await Leaf(api, ann, "in_meeting", "chat"))!.GetValue<bool>());
    }
}
