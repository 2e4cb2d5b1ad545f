using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Roster.Domain.AdminConsole;

namespace Roster.Server.Tests;

/// <summary>
/// The console's settings page over HTTP, on either engine: Zoom's portal sections and labels, the filter (a GET query)
/// and a filtered form's save touching only what it showed, and a portal section spanning <c>meeting_security</c> and the
/// full document saved as one change (both or neither).
/// </summary>
public class ConsoleSettingsTests
{
    /// <summary>The settings sections a page shows, by slug, in order.</summary>
    static List<string> Slugs(string html) => Regex.Matches(html, "<details id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The full document and the meeting_security document, as the forms read them together.</summary>
    static async Task<JsonObject> Settings(Api api, string user)
        => SettingsForm.Document((await api.Get($"/v2/users/{user}/settings")).Json, (await api.Get($"/v2/users/{user}/settings?option=meeting_security")).Json);

    [Fact]
    public async Task ThePageFiltersAndASectionSavesOnlyWhatItShowedAcrossBothDocumentsAtOnce()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var accountId = (await api.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
        var user = await api.CreateUser("portal@example.com", type: 2);
        using var console = new ConsoleClient(app);
        await console.SignInWithKey(SandboxTests.AdminKey(app));
        var userPath = $"/console/accounts/{accountId}/users/{user}";
        var security = SettingsForm.Section("meeting-security")!;

        // every portal section in the portal's order, with Zoom's labels
        var page = (await console.Get(userPath)).Html;
        Assert.Equal(SettingsForm.Sections.Select(s => s.Slug), Slugs(page));
        Assert.Equal("Allow participants to join before host",
            Regex.Match(page, "<label for=\"s-schedule_meeting-join_before_host\">([^<]*)</label>").Groups[1].Value);

        // the filter narrows the fields shown, and the sections to those with a match; the form names what it shows
        var filtered = (await console.Get($"{userPath}?filter=waiting+room")).Html;
        Assert.Equal(SettingsForm.Sections.Where(s => SettingsForm.Fields(s, new JsonObject(), "waiting room").Count > 0).Select(s => s.Slug), Slugs(filtered));
        var form = ConsoleTests.SectionForm(filtered, security.Slug);
        var before = await Settings(api, user);
        var shown = SettingsForm.Fields(security, before, "waiting room").Where(f => f.Editable).ToList();
        Assert.Equal(shown.Select(f => f.Path), form["fields"].Split(' '));
        Assert.Equal("waiting room", form["filter"]);
        Assert.Contains(SettingsForm.Fields(security, before), f => f.Editable && f.Checked && !shown.Contains(f)); // a ticked box the filter hides

        // saved with every shown box unticked: those change, a box the filter hid does not (absent, yet not "false")
        foreach (var box in shown.Where(f => f.Type == Domain.Settings.SettingType.Boolean)) form.Remove(box.Path);
        var saved = await console.Post($"{userPath}/settings/{security.Slug}", form);
        Assert.True(saved.Status == HttpStatusCode.SeeOther, saved.Html);
        Assert.Equal($"{userPath}?done=saved&section={security.Slug}&filter=waiting%20room#{security.Slug}", ConsoleClient.Location(saved.Response));
        var expected = before.DeepClone().AsObject();
        foreach (var box in shown.Where(f => f.Type == Domain.Settings.SettingType.Boolean)) SettingsForm.Place(expected, box.Path, false);
        Assert.Contains(shown, f => f.Checked); // so something did change
        var after = await Settings(api, user);
        Assert.True(JsonNode.DeepEquals(expected, after), $"expected {expected}\nfound {after}");

        // one section holding leaves of both documents: one save changes both
        form = ConsoleTests.SectionForm((await console.Get(userPath)).Html, security.Slug);
        form["meeting_security.meeting_password_requirement.length"] = "9";
        form["schedule_meeting.meeting_password_requirement.length"] = "7";
        Assert.Equal(HttpStatusCode.SeeOther, (await console.Post($"{userPath}/settings/{security.Slug}", form)).Status);
        SettingsForm.Place(expected, "meeting_security.meeting_password_requirement.length", 9);
        SettingsForm.Place(expected, "schedule_meeting.meeting_password_requirement.length", 7);
        after = await Settings(api, user);
        Assert.True(JsonNode.DeepEquals(expected, after), $"expected {expected}\nfound {after}");

        // a refused part refuses the whole save, with the API's message; nothing changes
        form = ConsoleTests.SectionForm((await console.Get(userPath)).Html, security.Slug);
        form["schedule_meeting.meeting_password_requirement.length"] = "8";
        form["meeting_security.encryption_type"] = "pigeon";
        var bad = await console.Post($"{userPath}/settings/{security.Slug}", form);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("meeting_security.encryption_type", bad.Html);
        Assert.True(JsonNode.DeepEquals(expected, await Settings(api, user)));

        // a section the console does not have (the API's section names are not routes): 404, nothing changes
        Assert.Equal(HttpStatusCode.NotFound, (await console.Post($"{userPath}/settings/schedule_meeting", new() { ["fields"] = "schedule_meeting.host_video", ["schedule_meeting.host_video"] = "true" })).Status);
        Assert.True(JsonNode.DeepEquals(expected, await Settings(api, user)));
    }
}
