using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Roster.Domain.AdminConsole;
using Roster.Domain.Settings;
using Roster.Server.Tests;

namespace Roster.Browser.Tests;

/// <summary>
/// Every section of the console's settings page (Zoom's portal sections) saved in Chromium as a person saves it:
/// unchanged (the settings stay as they were and no event is recorded), then with one field changed (exactly that leaf
/// changes, seen through <c>GET /v2/users/{id}/settings</c> and its <c>meeting_security</c> document, and one event
/// records exactly it). Then a filtered section saved with its shown boxes unticked leaves the hidden ones alone.
/// </summary>
public class ConsoleSettingsBrowserTests
{
    /// <summary>The settings as the console's forms read them: the full document and meeting_security beside it.</summary>
    static async Task<JsonObject> Settings(HttpClient api, string userId)
        => SettingsForm.Document((await api.GetFromJsonAsync<JsonObject>($"/v2/users/{userId}/settings"))!,
            await api.GetFromJsonAsync<JsonObject>($"/v2/users/{userId}/settings?option=meeting_security"));

    static async Task<List<JsonObject>> EventsAfter(HttpClient api, string after)
        => (await api.GetFromJsonAsync<JsonObject>($"/roster/v1/events?after={after}&page_size=300"))!["events"]!.AsArray().Select(e => e!.AsObject()).ToList();

    /// <summary>
    /// The field a section's "changed" half changes and its new value: its first checkbox, else its first select with
    /// another option, else its first text (Data storage's location: "EU" for "US").
    /// </summary>
    static (SettingField Field, JsonNode Value)? Change(SettingsPortalSection section, JsonObject settings)
    {
        var fields = SettingsForm.Fields(section, settings).Where(f => f.Editable).ToList();
        if (fields.FirstOrDefault(f => f.Type == SettingType.Boolean) is { } box) return (box, JsonValue.Create(!box.Checked));
        if (fields.FirstOrDefault(f => f.Type == SettingType.String && f.Options.Any(o => o.Length > 0 && o != f.Text)) is { } select)
            return (select, JsonValue.Create(select.Options.First(o => o.Length > 0 && o != select.Text)));
        if (fields.FirstOrDefault(f => f.Type == SettingType.String && f.Choices.Count == 0) is { } text) return (text, JsonValue.Create(text.Text == "EU" ? "US" : "EU"));
        return null;
    }

    [SkippableFact]
    public async Task EverySectionSavesUnchangedWithoutAChangeAndChangedWithExactlyThatChange()
    {
        PagesTests.RequireChromium();
        var dir = TestTemp.NewFolder("roster-browser-settings");
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            using var api = await ServerProcess.ClientAsync(server.BaseUrl);
            var accountId = (await api.GetFromJsonAsync<JsonObject>("/v2/users/me"))!["account_id"]!.GetValue<string>();
            var created = await api.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email = "sections@example.com", type = 2 } });
            var userId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var start = (await api.GetFromJsonAsync<JsonObject>("/roster/v1/events?page_size=300"))!["next_after"]!.GetValue<string>();
            var before = await Settings(api, userId);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await PagesTests.LaunchAsync(playwright);
            var page = await browser.NewPageAsync();
            await page.GotoAsync($"{server.BaseUrl}/console/sign-in");
            var key = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "data", "credentials.json")))!["sandbox_admin_key"]!.GetValue<string>();
            await page.GetByLabel("Sandbox admin key").FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();
            var userPage = $"{server.BaseUrl}/console/accounts/{accountId}/users/{userId}";

            async Task Open(SettingsPortalSection section, string? filter = null)
            {
                await page.GotoAsync(filter is null ? userPage : $"{userPage}?filter={Uri.EscapeDataString(filter)}");
                if (filter is null) await page.Locator($"details#{section.Slug} > summary").ClickAsync();
            }
            async Task Save(SettingsPortalSection section)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = $"Save {section.Name}", Exact = true }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
            }

            // unchanged: every section saves, nothing changes, nothing is recorded
            foreach (var section in SettingsForm.Sections)
            {
                await Open(section);
                await Save(section);
            }
            var after = await Settings(api, userId);
            Assert.True(JsonNode.DeepEquals(before, after), $"saving unchanged changed the settings:\n{before}\n{after}");

            // changed: one field per section; exactly that leaf changes, and one event records exactly it
            var expected = new List<JsonObject>();
            var unchangeable = new List<string>();
            foreach (var section in SettingsForm.Sections)
            {
                if (Change(section, after) is not var (field, value))
                {
                    unchangeable.Add(section.Slug);
                    continue;
                }
                await Open(section);
                var control = page.Locator($"[name='{field.Path}']");
                if (field.Type == SettingType.Boolean) await control.SetCheckedAsync(value.GetValue<bool>());
                else if (field.Choices.Count > 0) await control.SelectOptionAsync(value.GetValue<string>());
                else await control.FillAsync(value.GetValue<string>());
                await Save(section);
                var now = await Settings(api, userId);
                var change = new JsonObject();
                SettingsForm.Place(change, field.Path, value.DeepClone());
                SettingsForm.Place(after, field.Path, value.DeepClone());
                Assert.True(JsonNode.DeepEquals(after, now), $"{section.Slug}, {field.Path}: more than that field changed:\n{now}");
                expected.Add(change);
            }
            // sections with nothing to change: AI Companion and Whiteboard are read-only in Zoom's API
            Assert.Equal(SettingsForm.Sections.Where(s => !SettingsForm.Fields(s, after).Any(f => f.Editable)).Select(s => s.Slug), unchangeable);
            Assert.Equal(["ai-companion", "whiteboard"], unchangeable);
            Assert.Equal(SettingsForm.Sections.Count - unchangeable.Count, expected.Count);

            var recorded = (await EventsAfter(api, start)).Where(e => e["subject_id"]?.GetValue<string>() == userId).ToList();
            Assert.Equal(expected.Select(_ => "user.settings_updated"), recorded.Select(e => e["event"]!.GetValue<string>()));
            for (var i = 0; i < expected.Count; i++)
            {
                var changed = recorded[i]["payload"]!["object"]!.AsObject().DeepClone().AsObject();
                changed.Remove("id"); // the user it is about, beside the changed leaves
                Assert.True(JsonNode.DeepEquals(expected[i], changed), $"expected {expected[i].ToJsonString()}, recorded {changed.ToJsonString()}");
            }

            // filtered: Security narrowed to its waiting-room settings, every shown box unticked; the boxes the filter
            // hid keep their values
            var security = SettingsForm.Section("meeting-security")!;
            await Open(security, "waiting room");
            var shown = SettingsForm.Fields(security, after, "waiting room").Where(f => f.Editable && f.Type == SettingType.Boolean).ToList();
            Assert.Contains(shown, f => f.Checked);
            foreach (var box in shown) await page.Locator($"[name='{box.Path}']").SetCheckedAsync(false);
            await Save(security);
            await Assertions.Expect(page.Locator("#settings-filter")).ToHaveValueAsync("waiting room"); // the filter is kept
            foreach (var box in shown) SettingsForm.Place(after, box.Path, false);
            var filtered = await Settings(api, userId);
            Assert.True(JsonNode.DeepEquals(after, filtered), $"a filtered save changed more than it showed:\n{filtered}");
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
