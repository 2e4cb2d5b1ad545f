using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Domain.Errors;
using Roster.Domain.Settings;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>
/// Every settings document Roster can produce holds only Zoom's values (issue 27): the defaults of every user type,
/// the option views, and whatever a PATCH the schema accepts leaves behind; a PATCH outside the schema stores nothing.
/// </summary>
public class SettingsConformanceTests
{
    static readonly int[] UserTypeValues = [UserTypes.Basic, UserTypes.Licensed, UserTypes.OnPrem, UserTypes.NoMeetingsLicense, UserTypes.None];

    static User UserOf(int type, bool? zoomPhone = null)
        => new() { Id = "u", AccountId = "a", Email = "u@example.com", Type = type, Profile = new UserProfile { ZoomPhone = zoomPhone } };

    static SettingNode Section(string name) => SettingsSchema.Instance.Root.Children[name];

    static void Conforms(List<string> violations, string what) => Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");

    public static TheoryData<int, bool?> Users()
    {
        var data = new TheoryData<int, bool?>();
        foreach (var type in UserTypeValues)
            foreach (var phone in new bool?[] { null, true })
                data.Add(type, phone);
        return data;
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void EveryUserTypesDefaultDocumentsHoldOnlyZoomsValues(int type, bool? zoomPhone)
    {
        var settings = new UserSettings(null);
        Conforms(SettingsConformance.DocumentViolations(settings.Full(UserOf(type, zoomPhone))), "full document");
        Conforms(SettingsConformance.DocumentViolations(settings.MeetingSecurity()), "meeting_security");
    }

    [Theory]
    [InlineData(SettingsOptions.MeetingAuthentication)]
    [InlineData(SettingsOptions.RecordingAuthentication)]
    public void AuthenticationDocumentsHaveZoomsShape(string kind)
    {
        var settings = new UserSettings(null);
        Conforms(AuthenticationConformance.Violations(kind, settings.Authentication(kind, "acct", [])), kind);
        Conforms(AuthenticationConformance.Violations(kind, settings.Authentication(kind, "acct", ["example.com", "example.org"])), kind);
    }

    /// <summary>Every leaf a PATCH may write, with each value the schema allows for it (enum members, or one typical value).</summary>
    public static IEnumerable<(SettingNode Node, JsonNode Value)> AllowedValues(SettingNode node)
    {
        foreach (var child in node.Children.Values.Where(c => c.Patch))
        {
            if (child.IsContainer)
            {
                foreach (var inner in AllowedValues(child)) yield return inner;
                continue;
            }
            var values = child.Type switch
            {
                SettingType.Boolean => [true, false],
                SettingType.String or SettingType.Integer when child.Enum is { } members => members.Select(m => m!.DeepClone()).ToList(),
                SettingType.String => ["x"],
                SettingType.Integer => [child.Max ?? 1],
                SettingType.StringArray or SettingType.IntegerArray when child.Enum is { } members => [new JsonArray([.. members.Select(m => m!.DeepClone())])],
                SettingType.StringArray => [new JsonArray("x")],
                SettingType.IntegerArray => [new JsonArray(1)],
                _ => new List<JsonNode>(),
            };
            foreach (var value in values) yield return (child, value);
        }
    }

    static JsonObject Body(string path, JsonNode value)
    {
        var parts = path.Split('.');
        JsonNode body = value.DeepClone();
        for (var i = parts.Length - 1; i >= 0; i--) body = new JsonObject { [parts[i]] = body };
        return body.AsObject();
    }

    [Fact]
    public void WhatEveryAcceptedPatchLeavesHoldsOnlyZoomsValues()
    {
        var found = new List<string>();
        foreach (var type in new[] { UserTypes.Basic, UserTypes.Licensed })
            foreach (var section in SettingsSchema.Sections)
                foreach (var (node, value) in AllowedValues(Section(section)))
                {
                    var settings = new UserSettings(null);
                    try { settings.PatchFull(UserOf(type), Body(node.Path, value)); }
                    catch (ZoomException) { continue; } // a plan rule refused it; nothing was stored
                    found.AddRange(SettingsConformance.DocumentViolations(settings.Full(UserOf(type))).Select(v => $"after {node.Path}={value.ToJsonString()}: {v}"));
                }
        foreach (var (node, value) in AllowedValues(Section(SettingsOptions.MeetingSecurity)))
        {
            var settings = new UserSettings(null);
            try { settings.PatchMeetingSecurity(Body(node.Path, value)); }
            catch (ZoomException) { continue; } // a rule beyond the schema refused it (e.g. a domain's length); nothing was stored
            found.AddRange(SettingsConformance.DocumentViolations(settings.MeetingSecurity()).Select(v => $"after {node.Path}={value.ToJsonString()}: {v}"));
        }
        Conforms(found, "documents after PATCH");
    }

    /// <summary>Values the schema refuses for a leaf: outside its enum, above its limit, or of another JSON type.</summary>
    static IEnumerable<JsonNode> RefusedValues(SettingNode node)
    {
        switch (node.Type)
        {
            case SettingType.Boolean: yield return "true"; break;
            case SettingType.String:
                yield return 1;
                if (node.Enum is not null) yield return "not_a_zoom_value";
                if (node.Max is { } maxLength) yield return new string('x', maxLength + 1);
                break;
            case SettingType.Integer:
                yield return "1";
                if (node.Enum is { } members)
                {
                    var numbers = members.Select(m => m!.GetValue<long>()).ToList();
                    yield return numbers.Max() + 1;
                    if (!numbers.Contains(0)) yield return 0;
                }
                if (node.Max is { } max) yield return max + 1;
                break;
            case SettingType.StringArray:
                yield return "x";
                if (node.Enum is not null) yield return new JsonArray("not_a_zoom_value");
                break;
            case SettingType.IntegerArray:
                yield return 1;
                if (node.Enum is { } items) yield return new JsonArray(items.Select(m => m!.GetValue<long>()).Max() + 1);
                break;
        }
    }

    [Fact]
    public void NoPatchStoresAValueOutsideZoomsSchema()
    {
        var stored = "{\"in_meeting\":{\"chat\":true}}";
        var tried = 0;
        foreach (var section in SettingsSchema.Sections.Append(SettingsOptions.MeetingSecurity))
            foreach (var node in Leaves(Section(section)).Where(n => n.Patch))
                foreach (var value in RefusedValues(node))
                {
                    var settings = new UserSettings(stored);
                    var body = Body(node.Path, value);
                    var e = Assert.Throws<ZoomException>(() =>
                    {
                        if (section == SettingsOptions.MeetingSecurity) settings.PatchMeetingSecurity(body);
                        else settings.PatchFull(UserOf(UserTypes.Licensed), body);
                    });
                    Assert.Equal(300, e.Error.Code);
                    Assert.Equal(stored, settings.ToJson());
                    tried++;
                }
        Assert.True(tried > 100, $"only {tried} refused values were tried");
    }

    static IEnumerable<SettingNode> Leaves(SettingNode node)
        => node.Children.Values.SelectMany(c => c.IsContainer ? Leaves(c) : [c]);

    [Fact]
    public void TheCheckerCatchesEachKindOfDrift()
    {
        // the conformance test is only as good as its checker: each broken value must be reported
        var broken = JsonNode.Parse("""
            {"feature":{"zoom_events_capacity":0,"meeting_capacity":"100","webinar":1},
             "telephony":{"audio_conference_info":"{{long}}"},
             "in_meeting":{"entry_exit_chime":"loud","auto_answer":true,"no_such_leaf":true,"data_center_regions":["XX"]},
             "recording":{"recording_password_requirement":{"length":11}}}
            """.Replace("{{long}}", new string('x', 2049)))!.AsObject();
        var found = SettingsConformance.DocumentViolations(broken);
        foreach (var path in new[] { "feature.zoom_events_capacity", "feature.meeting_capacity", "feature.webinar", "telephony.audio_conference_info",
                     "in_meeting.entry_exit_chime", "in_meeting.auto_answer", "in_meeting.no_such_leaf", "in_meeting.data_center_regions",
                     "recording.recording_password_requirement.length" })
            Assert.Contains(found, v => v.StartsWith(path + ":", StringComparison.Ordinal));
        Assert.Equal(9, found.Count);
    }
}
