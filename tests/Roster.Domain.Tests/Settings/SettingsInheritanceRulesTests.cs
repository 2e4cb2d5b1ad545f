using System.Text.Json.Nodes;
using Roster.Domain.Errors;
using Roster.Domain.Settings;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>The account → group → user rule in plain C#: what a member reads, and what its PATCH of a locked leaf does.</summary>
public class SettingsInheritanceRulesTests
{
    static readonly User Ann = new() { Id = "u1", AccountId = "acc1", Email = "ann@example.com", Type = UserTypes.Licensed };

    static GroupSettingsRow Row(string id, string doc, string locks = "{}") => new(id, doc, locks, null);

    static UserSettings Member(string? own, IReadOnlyList<string> groups, params GroupSettingsRow[] rows) => new(own, SettingsInheritance.Of(groups, rows));

    [Fact]
    public void GroupsGiveNothingWithoutRows()
    {
        Assert.Null(SettingsInheritance.Of(["g1"], []));
        Assert.Null(SettingsInheritance.Of(["g1"], [Row("g1", "{}")]));
        Assert.Null(SettingsInheritance.Of(["g1", "g2"], [Row("g2", """{"in_meeting":{"chat":true}}""")])); // not primary, locks nothing
    }

    [Fact]
    public void PrimaryValueUnderOwnValueUnderLock()
    {
        var groups = new[] { "g1", "g2" };
        var g1 = Row("g1", """{"in_meeting":{"chat":true,"who_can_share_screen":"all"},"recording":{"auto_recording":"none"}}""");
        var g2 = Row("g2", """{"recording":{"auto_recording":"cloud"}}""", """{"recording":{"auto_recording":true},"email_notification":{"jbh_reminder":true}}""");
        var read = Member("""{"in_meeting":{"chat":false},"email_notification":{"jbh_reminder":true},"recording":{"auto_recording":"local"}}""", groups, g1, g2).Full(Ann);
        Assert.False(read["in_meeting"]!["chat"]!.GetValue<bool>()); // own over primary
        Assert.Equal("all", read["in_meeting"]!["who_can_share_screen"]!.GetValue<string>()); // primary over default
        Assert.Equal("cloud", read["recording"]!["auto_recording"]!.GetValue<string>()); // g2's lock over own and primary
        Assert.False(read["email_notification"]!["jbh_reminder"]!.GetValue<bool>()); // locked, unset in g2: the default
        // the primary's lock wins over another group's
        var both = Row("g1", g1.Doc, """{"recording":{"auto_recording":true}}""");
        Assert.Equal("none", Member(null, groups, both, g2).Full(Ann)["recording"]!["auto_recording"]!.GetValue<string>());
        Assert.Equal("cloud", Member(null, ["g2", "g1"], both, g2).Full(Ann)["recording"]!["auto_recording"]!.GetValue<string>());
    }

    [Fact]
    public void APatchOfALockedLeafIsRefusedUnlessUnchangedAndChangesNothing()
    {
        var g1 = Row("g1", """{"in_meeting":{"chat":true}}""", """{"in_meeting":{"chat":true}}""");
        var settings = Member(null, ["g1"], g1);
        var e = Assert.Throws<ZoomException>(() => settings.PatchFull(Ann, JsonNode.Parse("""{"in_meeting":{"chat":false,"who_can_share_screen":"all"}}""")!.AsObject()));
        Assert.Equal((400, 300), (e.Error.Status, e.Error.Code));
        Assert.Equal("in_meeting.chat", Assert.Single(e.Error.Errors!).Field);
        Assert.Equal("{}", settings.ToJson());
        var (changed, _) = settings.PatchFull(Ann, JsonNode.Parse("""{"in_meeting":{"chat":true,"who_can_share_screen":"all"}}""")!.AsObject());
        Assert.Equal("""{"in_meeting":{"who_can_share_screen":"all"}}""", changed.ToJsonString());
        Assert.Equal("""{"in_meeting":{"who_can_share_screen":"all"}}""", settings.ToJson()); // the locked leaf is not stored as the user's
    }
}
