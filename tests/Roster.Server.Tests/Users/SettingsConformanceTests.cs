using System.Net;
using System.Text.Json.Nodes;
using Roster.Domain.Settings;
using Roster.Domain.Tests;

namespace Roster.Server.Tests;

/// <summary>
/// Every settings document the real endpoints answer holds only Zoom's values (issue 27): each user type of the
/// primary account and of sub accounts on a paid and a free plan, every <c>option</c> view and <c>custom_query_fields</c>,
/// before and after PATCHes of each view; and a value outside Zoom's enum is refused without being stored. The checker is
/// the domain tests' schema walk (<see cref="SettingsConformance"/>), fed what clients read off the wire.
/// </summary>
public class SettingsConformanceTests
{
    static readonly string[] Views = ["", "?option=meeting_security", "?option=meeting_authentication", "?option=recording_authentication",
        "?custom_query_fields=zoom_events_capacity,meeting_capacity,auto_answer,encryption_type"];

    static async Task<List<string>> ViolationsOf(Api api, string userId)
    {
        var found = new List<string>();
        foreach (var view in Views)
        {
            var doc = (await api.Get($"/v2/users/{userId}/settings{view}")).Is(HttpStatusCode.OK).Json;
            var kind = view.StartsWith("?option=", StringComparison.Ordinal) ? view["?option=".Length..] : null;
            var violations = kind is SettingsOptions.MeetingAuthentication or SettingsOptions.RecordingAuthentication
                ? AuthenticationConformance.Violations(kind, doc)
                : SettingsConformance.DocumentViolations(doc);
            found.AddRange(violations.Select(v => $"{userId} {(view.Length == 0 ? "(full)" : view)}: {v}"));
        }
        return found;
    }

    /// <summary>PATCHes of every view that Zoom accepts, touching enum, write-only and capacity leaves.</summary>
    static async Task PatchEveryView(Api api, string userId, bool paid)
    {
        object feature = paid ? new { zoom_events = true, zoom_events_capacity = 1000 } : new { zoom_events_capacity = 3000 };
        (await api.Patch($"/v2/users/{userId}/settings", new
        {
            feature,
            in_meeting = new { auto_answer = true, entry_exit_chime = "host", allow_participants_chat_with = 4 },
            recording = new { auto_delete_cmr = true, auto_delete_cmr_days = 60 },
        })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{userId}/settings?option=meeting_security", new
        {
            meeting_security = new { encryption_type = "e2ee", waiting_room_settings = new { participants_to_place_in_waiting_room = 2 } },
        })).Is(HttpStatusCode.NoContent);
        foreach (var kind in new[] { SettingsOptions.MeetingAuthentication, SettingsOptions.RecordingAuthentication })
        {
            var options = (await api.Get($"/v2/users/{userId}/settings?option={kind}")).Json["authentication_options"]!.AsArray();
            var id = options[1]!["id"]!.GetValue<string>();
            (await api.Patch($"/v2/users/{userId}/settings?option={kind}", new Dictionary<string, object>
            {
                [kind] = true,
                ["authentication_option"] = new { action = "update", id, name = "Renamed", domains = "example.net", default_option = true },
            })).Is(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task EveryDocumentTheEndpointsAnswerHoldsOnlyZoomsValues()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var found = new List<string>();
        var users = new List<(Api Api, string Id, bool Paid)>();
        foreach (var type in new[] { 1, 2, 3, 4 })
            users.Add((master, await master.CreateUser($"type{type}@example.com", type), type is 2 or 3));
        foreach (var plan in new[] { "pro", "free" })
        {
            var (sub, _, owner) = await app.SubAccountAsync(master, $"owner@{plan}.example", plan, domains: [$"{plan}.example"]);
            var ownerId = (await sub.Get($"/v2/users/{owner}")).Is(HttpStatusCode.OK).Json;
            users.Add((sub, ownerId["id"]!.GetValue<string>(), ownerId["type"]!.GetValue<int>() is 2 or 3));
            if (plan == "free") continue; // a free account adds no users
            users.Add((sub, await sub.CreateUser($"member@{plan}.example", 1), false));
            users.Add((sub, await sub.CreateUser($"licensed@{plan}.example", 2), true));
        }
        foreach (var (api, id, paid) in users)
        {
            found.AddRange(await ViolationsOf(api, id));
            await PatchEveryView(api, id, paid);
            found.AddRange(await ViolationsOf(api, id));
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task APatchOutsideZoomsEnumIsRefusedAndStoresNothing()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("enum@example.com", 2);
        var before = (await api.Get($"/v2/users/{id}/settings")).Json.ToJsonString();
        (await api.Patch($"/v2/users/{id}/settings", new { feature = new { zoom_events_capacity = 0 } })).IsError(400, 300);
        (await api.Patch($"/v2/users/{id}/settings", new { feature = new { zoom_events_capacity = 2000 } })).IsError(400, 300);
        (await api.Patch($"/v2/users/{id}/settings?option=meeting_security", new { meeting_security = new { encryption_type = "none" } })).IsError(400, 300);
        Assert.Equal(before, (await api.Get($"/v2/users/{id}/settings")).Json.ToJsonString());
        Assert.Equal(500, (await api.Get($"/v2/users/{id}/settings")).Json["feature"]!["zoom_events_capacity"]!.GetValue<int>());
    }
}
