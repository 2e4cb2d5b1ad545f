using System.Text.Json.Nodes;
using Roster.Domain.AdminConsole;
using Roster.Domain.Errors;
using Roster.Domain.Settings;

namespace Roster.Domain.Tests;

/// <summary>
/// The console's settings forms apart from HTTP: every settings path labelled once (Zoom's portal wording), sections
/// grouped as the portal groups them, the filter, and a section's form back as a patch of only what it showed and changed.
/// </summary>
public class ConsoleSettingsFormTests
{
    static SettingsPortalSection Section(string tab, string name) => SettingsForm.Sections.Single(s => s.Tab == tab && s.Name == name);
    static readonly SettingsPortalSection Schedule = Section("Meeting", "Schedule Meeting");
    static readonly SettingsPortalSection Security = Section("Meeting", "Security");

    static JsonObject Settings() => new()
    {
        ["schedule_meeting"] = new JsonObject
        {
            ["join_before_host"] = true,
            ["audio_type"] = "voip",
            ["host_video"] = false,
            ["meeting_password_requirement"] = new JsonObject { ["length"] = 6 },
        },
        ["meeting_security"] = new JsonObject { ["waiting_room"] = true, ["meeting_password_requirement"] = new JsonObject { ["length"] = 8 } },
    };

    static Func<string, string?> Form(params (string Name, string Value)[] fields) => name => fields.Where(f => f.Name == name).Select(f => f.Value).FirstOrDefault();

    /// <summary>The paths of <c>settings-schema.json</c> as written there (an array's items as <c>a.b[].c</c>).</summary>
    static List<string> SchemaPaths()
    {
        using var stream = typeof(SettingsSchema).Assembly.GetManifestResourceStream("Roster.Domain.settings-schema.json")!;
        return JsonNode.Parse(stream)!["fields"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public void EverySettingsPathHasExactlyOneLabelWithItsSource()
    {
        var schema = SchemaPaths();
        var labelled = SettingLabels.All.Select(e => e.Path).ToList();
        Assert.Empty(labelled.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key)); // none twice
        Assert.Empty(schema.Except(labelled)); // a new setting cannot ship unlabeled
        Assert.Empty(labelled.Except(schema)); // nor a label outlive its setting
        Assert.All(SettingLabels.All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Tab + e.Section + e.Label) || e.Label.Trim().Length == 0, e.Path);
            Assert.True(e.Source == "style" || Uri.TryCreate(e.Source, UriKind.Absolute, out var u) && u.Scheme == "https"
                || System.Text.RegularExpressions.Regex.IsMatch(e.Source, "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+:[^ ]+$"), $"{e.Path}: source {e.Source}"); // a page, a repository's file, or none
        });
        Assert.Contains(SettingLabels.All, e => e.Source != "style");
    }

    [Fact]
    public void EveryReadableSettingShowsInExactlyOnePortalSection()
    {
        var leaves = new List<string>();
        void Collect(JsonNode? node, string path)
        {
            if (node is JsonObject o) foreach (var (k, v) in o) Collect(v, path.Length == 0 ? k : $"{path}.{k}");
            else leaves.Add(path);
        }
        foreach (var name in SettingsSchema.Sections.Append(SettingsOptions.MeetingSecurity))
        {
            var node = SettingsSchema.Instance.Root.Children[name];
            var defaults = SettingsSchema.DefaultsOf(node) as JsonObject ?? new JsonObject();
            SettingsSchema.DropUnreadable(node, defaults);
            Collect(defaults, name);
        }
        Assert.NotEmpty(leaves);
        var shown = SettingsForm.Sections.SelectMany(s => SettingsForm.Fields(s, new JsonObject()).Select(f => f.Path)).ToList();
        Assert.Empty(shown.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(leaves.Except(shown));
        Assert.DoesNotContain("in_meeting.auto_answer", shown); // not in GET's document
        Assert.DoesNotContain(shown, p => p.Contains("[]", StringComparison.Ordinal)); // items show within their list

        var slugs = SettingsForm.Sections.Select(s => s.Slug).ToList();
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.All(SettingsForm.Sections, s => Assert.Same(s, SettingsForm.Section(s.Slug)));
        Assert.Equal("meeting-schedule-meeting", Schedule.Slug);
        Assert.Equal(["General", "Meeting", "AI Companion", "Recording", "Audio Conferencing", "Whiteboard", "Profile"], SettingsForm.Sections.Select(s => s.Tab).Distinct());
        Assert.Null(SettingsForm.Section("schedule_meeting")); // API section names are not routes any more
    }

    [Fact]
    public void ASectionShowsThePortalsLabelsAndGroupsLeavesOfSeveralApiSections()
    {
        var fields = SettingsForm.Fields(Schedule, Settings());
        var join = fields.Single(f => f.Path == "schedule_meeting.join_before_host");
        Assert.True(join.Editable);
        Assert.Equal(SettingType.Boolean, join.Type);
        Assert.Equal("Allow participants to join before host", join.Label);
        Assert.Equal("true", join.Text);
        Assert.False(join.Shared);
        Assert.Equal(["both", "telephony", "voip", "thirdParty"], fields.Single(f => f.Path == "schedule_meeting.audio_type").Choices);
        var chat = fields.Single(f => f.Path == "schedule_meeting.continuous_meeting_chat.enable");
        Assert.Equal(("Enable continuous meeting chat", "Continuous meeting chat", false), (chat.Label, chat.Group, chat.Editable)); // read-only in Zoom's schema
        Assert.Equal(["schedule_meeting.host_video", "schedule_meeting.participants_video"], fields.Take(2).Select(f => f.Path)); // the portal's order

        // Security holds passcode leaves of schedule_meeting beside meeting_security's; paths sharing a label are marked
        var security = SettingsForm.Fields(Security, Settings());
        Assert.Equal(["in_meeting", "meeting_security", "schedule_meeting"], security.Select(f => f.Path.Split('.')[0]).Distinct().Order());
        var lengths = security.Where(f => f.Path.EndsWith("meeting_password_requirement.length", StringComparison.Ordinal)).ToList();
        Assert.Equal(["meeting_security.meeting_password_requirement.length", "schedule_meeting.meeting_password_requirement.length"], lengths.Select(f => f.Path));
        Assert.All(lengths, f => Assert.Equal(("Minimum passcode length", "Passcode requirement", true), (f.Label, f.Group, f.Shared)));
        Assert.Equal(["8", "6"], lengths.Select(f => f.Text));
        Assert.True(security.Single(f => f.Path == "in_meeting.waiting_room").Shared);
        Assert.False(security.Single(f => f.Path == "meeting_security.auto_security").Shared);

        Assert.All(SettingsForm.Sections, s => Assert.NotEmpty(SettingsForm.Fields(s, new JsonObject())));
        Assert.DoesNotContain(SettingsForm.Sections.SelectMany(s => SettingsForm.Fields(s, new JsonObject())),
            f => f.Editable && f.Type is not (SettingType.Boolean or SettingType.String or SettingType.Integer));
    }

    [Fact]
    public void TheFilterNarrowsByLabelGroupOrPathInAnyCase()
    {
        var settings = Settings();
        Assert.Equal(["schedule_meeting.join_before_host"], SettingsForm.Fields(Schedule, settings, "  JOIN BEFORE ").Select(f => f.Path));
        Assert.Equal(["schedule_meeting.audio_type"], SettingsForm.Fields(Schedule, settings, "schedule_meeting.audio").Select(f => f.Path));
        var grouped = SettingsForm.Fields(Schedule, settings, "continuous meeting chat").Select(f => f.Path).ToList(); // the group's title
        Assert.Equal(5, grouped.Count);
        Assert.All(grouped, p => Assert.StartsWith("schedule_meeting.continuous_meeting_chat.", p, StringComparison.Ordinal));
        Assert.Empty(SettingsForm.Fields(Schedule, settings, "no such setting"));
        Assert.Equal(SettingsForm.Fields(Schedule, settings).Count, SettingsForm.Fields(Schedule, settings, " ").Count);
        // a shared label stays marked when the filter shows one of the two
        Assert.True(Assert.Single(SettingsForm.Fields(Security, settings, "meeting_security.meeting_password_requirement.length")).Shared);
    }

    [Fact]
    public void AFilteredFormTouchesOnlyTheFieldsItShowed()
    {
        var settings = Settings();
        var errors = new List<FieldError>();
        // the form showed the audio type only: join before host (true) is absent from the post as an unticked box
        // would be, and stays as it is
        var shown = SettingsForm.Fields(Schedule, settings, "audio").Where(f => f.Editable).Select(f => f.Path).ToList();
        Assert.Equal(["schedule_meeting.audio_type"], shown);
        var patch = SettingsForm.Patch(Schedule, settings, shown, Form(("schedule_meeting.audio_type", "both")), errors);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"schedule_meeting":{"audio_type":"both"}}"""), patch), patch.ToJsonString());
        // the same post saying it showed every field: the absent box is unticked, so false
        var all = SettingsForm.Fields(Schedule, settings).Where(f => f.Editable).Select(f => f.Path).ToList();
        Assert.False(SettingsForm.Patch(Schedule, settings, all, Form(("schedule_meeting.audio_type", "voip")), errors)["schedule_meeting"]!["join_before_host"]!.GetValue<bool>());
        // a form that says it showed nothing changes nothing; names that are no editable field of the section are ignored
        Assert.Empty(SettingsForm.Patch(Schedule, settings, [], Form(("schedule_meeting.audio_type", "both")), errors));
        Assert.Empty(SettingsForm.Patch(Schedule, settings, ["in_meeting.chat", "schedule_meeting.continuous_meeting_chat.enable", "nope"],
            Form(("in_meeting.chat", "true"), ("schedule_meeting.continuous_meeting_chat.enable", "true")), errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void AFormBecomesAPatchOfWhatItChangedOnlySplitByOptionDocument()
    {
        var settings = Settings();
        var fields = SettingsForm.Fields(Security, settings).Where(f => f.Editable).ToList();
        var shown = fields.Select(f => f.Path).ToList();
        var form = fields.Where(f => f.Value is not null && f.Type != SettingType.Boolean).ToDictionary(f => f.Path, f => f.Text);
        form["meeting_security.waiting_room"] = "true";
        var errors = new List<FieldError>();

        // unchanged: nothing to send
        Assert.Empty(SettingsForm.Patch(Security, settings, shown, n => form.GetValueOrDefault(n), errors));

        // an unticked box is false; changed numbers are sent, nested where they live, in both documents
        form.Remove("meeting_security.waiting_room");
        form["schedule_meeting.meeting_password_requirement.length"] = " 9 ";
        form["meeting_security.meeting_password_requirement.length"] = "10";
        var patch = SettingsForm.Patch(Security, settings, shown, n => form.GetValueOrDefault(n), errors);
        Assert.Empty(errors);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"meeting_security":{"waiting_room":false,"meeting_password_requirement":{"length":10}},"schedule_meeting":{"meeting_password_requirement":{"length":9}}}
            """), patch), patch.ToJsonString());
        var parts = SettingsForm.Split(patch);
        Assert.Equal([null, "meeting_security"], parts.Select(p => p.Option));
        Assert.Equal("""{"schedule_meeting":{"meeting_password_requirement":{"length":9}}}""", parts[0].Body.ToJsonString());
        Assert.Equal("""{"meeting_security":{"waiting_room":false,"meeting_password_requirement":{"length":10}}}""", parts[1].Body.ToJsonString());
        Assert.Equal([null], SettingsForm.Split(JsonNode.Parse("""{"in_meeting":{"chat":true}}""")!.AsObject()).Select(p => p.Option));
        Assert.Empty(SettingsForm.Split(new JsonObject()));

        // not a whole number: a field error, and the field stays out of the patch
        form["schedule_meeting.meeting_password_requirement.length"] = "eight";
        patch = SettingsForm.Patch(Security, settings, shown, n => form.GetValueOrDefault(n), errors);
        Assert.Equal("schedule_meeting.meeting_password_requirement.length", Assert.Single(errors).Field);
        Assert.Null(patch["schedule_meeting"]);
    }

    [Fact]
    public void AFormSentBackAsShownIsNoChangeWhateverItHolds()
    {
        // an unset whole-number select shows "not set" and sends "": no change, no error (it was "Must be a whole number")
        var errors = new List<FieldError>();
        var basic = Section("Meeting", "In Meeting (Basic)");
        var unset = SettingsForm.Fields(basic, new JsonObject()).Single(f => f.Path == "in_meeting.webinar_chat.allow_users_save_chats");
        Assert.Equal(["", "0", "1", "2"], unset.Options);
        Assert.Empty(SettingsForm.Patch(basic, new JsonObject(), [unset.Path], Form((unset.Path, "")), errors));
        Assert.Empty(errors);

        // a value outside the choices is offered as it stands, so the form can send it back (a browser would otherwise
        // select the first choice, and saving unchanged would change 0 to 500)
        var license = Section("Profile", "License");
        var settings = new JsonObject { ["feature"] = new JsonObject { ["zoom_events_capacity"] = 0 } };
        var capacity = SettingsForm.Fields(license, settings).Single(f => f.Path == "feature.zoom_events_capacity");
        Assert.Equal("0", capacity.Options[0]);
        Assert.Equal(capacity.Choices, capacity.Options.Skip(1));
        Assert.Empty(SettingsForm.Patch(license, settings, [capacity.Path], Form((capacity.Path, "0")), errors));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"feature":{"zoom_events_capacity":500}}"""),
            SettingsForm.Patch(license, settings, [capacity.Path], Form((capacity.Path, "500")), errors)));

        // a box shows ticked only for true: a leaf holding anything else, sent back unticked, is no change
        var odd = new JsonObject { ["schedule_meeting"] = new JsonObject { ["join_before_host"] = "yes" } };
        Assert.False(SettingsForm.Fields(Schedule, odd).Single(f => f.Path == "schedule_meeting.join_before_host").Checked);
        Assert.Empty(SettingsForm.Patch(Schedule, odd, ["schedule_meeting.join_before_host"], Form(), errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void TheFormsReadTheFullDocumentWithMeetingSecurityBesideIt()
    {
        var full = JsonNode.Parse("""{"schedule_meeting":{"host_video":true}}""")!.AsObject();
        var doc = SettingsForm.Document(full, JsonNode.Parse("""{"meeting_security":{"waiting_room":true}}""")!.AsObject());
        Assert.Equal("""{"schedule_meeting":{"host_video":true},"meeting_security":{"waiting_room":true}}""", doc.ToJsonString());
        Assert.Equal("""{"schedule_meeting":{"host_video":true}}""", full.ToJsonString()); // the input untouched
        Assert.Equal(full.ToJsonString(), SettingsForm.Document(full, null).ToJsonString());
    }
}
