using System.Text.Json.Nodes;
using Roster.Domain.AdminConsole;
using Roster.Domain.Errors;
using Roster.Domain.Settings;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>The console's rules apart from HTTP and SQL: a settings section as a form and back, and the user list's query.</summary>
public class ConsoleRulesTests
{
    static JsonObject Settings() => new()
    {
        ["schedule_meeting"] = new JsonObject
        {
            ["join_before_host"] = true,
            ["audio_type"] = "voip",
            ["meeting_password_requirement"] = new JsonObject { ["length"] = 6 },
        },
    };

    static Func<string, string?> Form(params (string Name, string Value)[] fields) => name => fields.Where(f => f.Name == name).Select(f => f.Value).FirstOrDefault();

    [Fact]
    public void ASectionIsItsLeavesWithTheirValuesAndOnlySimpleWritableOnesAreEditable()
    {
        var fields = SettingsForm.Fields("schedule_meeting", Settings());
        var join = fields.Single(f => f.Path == "schedule_meeting.join_before_host");
        Assert.True(join.Editable);
        Assert.Equal(SettingType.Boolean, join.Type);
        Assert.Equal("Join before host", join.Label);
        Assert.Equal("true", join.Text);
        var audio = fields.Single(f => f.Path == "schedule_meeting.audio_type");
        Assert.Equal(["both", "telephony", "voip", "thirdParty"], audio.Choices);
        Assert.Equal("Meeting password requirement › Length", fields.Single(f => f.Path == "schedule_meeting.meeting_password_requirement.length").Label);
        Assert.DoesNotContain(fields, f => f.Editable && f.Type is not (SettingType.Boolean or SettingType.String or SettingType.Integer));
        Assert.False(SettingsForm.Fields("in_meeting", new JsonObject()).Single(f => f.Path == "in_meeting.ai_companion_questions.enable").Editable); // read-only in Zoom's schema
        Assert.All(SettingsForm.Sections, s => Assert.NotEmpty(SettingsForm.Fields(s, new JsonObject())));
        Assert.Throws<ZoomException>(() => SettingsForm.Fields("nope", new JsonObject()));
    }

    [Fact]
    public void AFormBecomesAPatchOfWhatItChangedOnly()
    {
        var settings = Settings();
        var form = SettingsForm.Fields("schedule_meeting", settings).Where(f => f.Editable && f.Value is not null && f.Type != SettingType.Boolean)
            .ToDictionary(f => f.Path, f => f.Text);
        form["schedule_meeting.join_before_host"] = "true";
        var errors = new List<FieldError>();

        // unchanged: nothing to send
        Assert.Empty(SettingsForm.Patch("schedule_meeting", settings, n => form.GetValueOrDefault(n), errors));

        // an unticked box is false; a changed choice and number are sent, nested where they live
        form.Remove("schedule_meeting.join_before_host");
        form["schedule_meeting.audio_type"] = "both";
        form["schedule_meeting.meeting_password_requirement.length"] = " 8 ";
        var patch = SettingsForm.Patch("schedule_meeting", settings, n => form.GetValueOrDefault(n), errors);
        Assert.Empty(errors);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"schedule_meeting":{"join_before_host":false,"audio_type":"both","meeting_password_requirement":{"length":8}}}"""), patch));

        // not a whole number: a field error, and the field stays out of the patch
        form["schedule_meeting.meeting_password_requirement.length"] = "eight";
        patch = SettingsForm.Patch("schedule_meeting", settings, n => form.GetValueOrDefault(n), errors);
        Assert.Equal("schedule_meeting.meeting_password_requirement.length", Assert.Single(errors).Field);
        Assert.Null(patch["schedule_meeting"]!["meeting_password_requirement"]);

        // a text never set and left empty, or a box never set and left unticked, is not a change
        errors.Clear();
        Assert.Empty(SettingsForm.Patch("schedule_meeting", settings, Form(("schedule_meeting.default_password_for_scheduled_meetings", ""),
            ("schedule_meeting.join_before_host", "true"), ("schedule_meeting.audio_type", "voip"), ("schedule_meeting.meeting_password_requirement.length", "6")), errors));
    }

    [Fact]
    public void AFormSentBackAsShownIsNoChangeWhateverItHolds()
    {
        // an unset whole-number select shows "not set" and sends "": no change, no error (it was "Must be a whole number")
        var errors = new List<FieldError>();
        var unset = SettingsForm.Fields("in_meeting", new JsonObject()).Single(f => f.Path == "in_meeting.webinar_chat.allow_users_save_chats");
        Assert.Equal(["", "0", "1", "2"], unset.Options);
        Assert.Empty(SettingsForm.Patch("in_meeting", new JsonObject(), Form(("in_meeting.webinar_chat.allow_users_save_chats", "")), errors));
        Assert.Empty(errors);

        // a value outside the choices is offered as it stands, so the form can send it back (a browser would otherwise
        // select the first choice, and saving unchanged would change 0 to 500)
        var settings = new JsonObject { ["feature"] = new JsonObject { ["zoom_events_capacity"] = 0 } };
        var capacity = SettingsForm.Fields("feature", settings).Single(f => f.Path == "feature.zoom_events_capacity");
        Assert.Equal("0", capacity.Options[0]);
        Assert.Equal(capacity.Choices, capacity.Options.Skip(1));
        Assert.Empty(SettingsForm.Patch("feature", settings, Form(("feature.zoom_events_capacity", "0")), errors));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"feature":{"zoom_events_capacity":500}}"""),
            SettingsForm.Patch("feature", settings, Form(("feature.zoom_events_capacity", "500")), errors)));

        // a box shows ticked only for true: a leaf holding anything else, sent back unticked, is no change
        var odd = new JsonObject { ["schedule_meeting"] = new JsonObject { ["join_before_host"] = "yes" } };
        Assert.False(SettingsForm.Fields("schedule_meeting", odd).Single(f => f.Path == "schedule_meeting.join_before_host").Checked);
        Assert.Empty(SettingsForm.Patch("schedule_meeting", odd, Form(), errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void TheUserListQueryNamesEachBadField()
    {
        Assert.Empty(new UserBrowseQuery().Problems());
        Assert.Empty(new UserBrowseQuery(UserStatuses.Pending, UserTypes.Licensed, Roles.AdminId, " Ada ", 42, 300).Problems());
        Assert.Equal("ada", new UserBrowseQuery(Search: " Ada ").Prefix);
        Assert.Null(new UserBrowseQuery(Search: "   ").Prefix);
        Assert.Equal(["status", "type", "role", "q", "after", "page_size"],
            new UserBrowseQuery("gone", 7, "9", new string('x', 129), -1, 301).Problems().Select(p => p.Field));
        Assert.Equal("q", Assert.Single(new UserBrowseQuery(Search: "a\u0000b").Problems()).Field);
    }
}
