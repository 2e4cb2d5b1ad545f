using System.Text.Json.Nodes;
using Roster.Domain.Events;
using Roster.Domain.Webhooks;

namespace Roster.Domain.Tests;

/// <summary><c>group.settings_updated</c> and <c>group.lock_settings_updated</c> become Zoom's bodies (zoom-groups.md §4): the changed leaves, and what they were.</summary>
public class GroupSettingsWebhookBodiesTests
{
    static readonly DateTimeOffset At = new(2026, 12, 8, 12, 0, 0, 456, TimeSpan.Zero);

    static JsonObject Body(DomainEvent e) => WebhookBodies.For(e with { OccurredAt = At, OperatorId = "op1" }, "admin@example.com")!;

    static EventGroupSettings Settings(string json) => new("g1", JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void SettingsUpdatedCarriesTheChangedLeavesAndTheirOldValues()
    {
        var body = Body(DomainEvent.Of("acc1", "g1", new GroupSettingsUpdated(Settings("""{"in_meeting":{"chat":true}}"""), Settings("""{"in_meeting":{"chat":false}}"""))));
        Assert.Equal("group.settings_updated", body["event"]!.GetValue<string>());
        Assert.Equal(At.ToUnixTimeMilliseconds(), body["event_ts"]!.GetValue<long>());
        var payload = body["payload"]!.AsObject();
        Assert.Equal(["account_id", "operator", "operator_id", "time_stamp", "object", "old_object"], payload.Select(p => p.Key));
        Assert.Equal("""{"id":"g1","settings":{"in_meeting":{"chat":true}}}""", payload["object"]!.ToJsonString());
        Assert.Equal("""{"id":"g1","settings":{"in_meeting":{"chat":false}}}""", payload["old_object"]!.ToJsonString());
        Assert.Equal("admin@example.com", payload["operator"]!.GetValue<string>());
    }

    [Fact]
    public void LockSettingsUpdatedCarriesBooleans()
    {
        var body = Body(DomainEvent.Of("acc1", "g1", new GroupLockSettingsUpdated(Settings("""{"recording":{"auto_recording":true}}"""), Settings("""{"recording":{"auto_recording":false}}"""))));
        Assert.Equal("group.lock_settings_updated", body["event"]!.GetValue<string>());
        Assert.Equal("""{"id":"g1","settings":{"recording":{"auto_recording":true}}}""", body["payload"]!["object"]!.ToJsonString());
        Assert.Equal("""{"id":"g1","settings":{"recording":{"auto_recording":false}}}""", body["payload"]!["old_object"]!.ToJsonString());
    }

    [Fact]
    public void TheRecordsReadBackAsWritten()
    {
        var e = DomainEvent.Of("acc1", "g1", new GroupSettingsUpdated(Settings("""{"in_meeting":{"chat":true}}"""), Settings("""{"in_meeting":{"chat":false}}""")));
        Assert.Equal("""{"object":{"id":"g1","settings":{"in_meeting":{"chat":true}}},"old_object":{"id":"g1","settings":{"in_meeting":{"chat":false}}}}""", e.Data.ToJsonString());
        Assert.True(WebhookRules.UserEvents.Contains("group.settings_updated"));
        Assert.True(WebhookRules.UserEvents.Contains("group.lock_settings_updated"));
    }
}
