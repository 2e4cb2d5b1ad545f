using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Roster.Domain.AdminConsole;
using Roster.Domain.Settings;
using Roster.Server.Tests;

namespace Roster.Browser.Tests;

/// <summary>
/// Every settings section of the console's user page, saved in Chromium as a person saves it: unchanged (the settings
/// stay as they were and no event is recorded), then with one field changed (exactly that change is stored and recorded).
/// </summary>
public class ConsoleSettingsBrowserTests
{
    static async Task<JsonObject> Settings(HttpClient api, string userId)
        => (await api.GetFromJsonAsync<JsonObject>($"/v2/users/{userId}/settings"))!;

    static async Task<List<JsonObject>> EventsAfter(HttpClient api, string after)
        => (await api.GetFromJsonAsync<JsonObject>($"/roster/v1/events?after={after}&page_size=300"))!["events"]!.AsArray().Select(e => e!.AsObject()).ToList();

    /// <summary>The first editable checkbox of a section, the field the "changed" half toggles.</summary>
    static SettingField? Toggle(string section, JsonObject settings)
        => SettingsForm.Fields(section, settings).FirstOrDefault(f => f.Editable && f.Type == SettingType.Boolean);

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

            async Task Open(string section)
            {
                await page.GotoAsync(userPage);
                await page.Locator($"details#{section} > summary").ClickAsync();
            }
            async Task Save(string section)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = $"Save {SettingsForm.Humanize(section).ToLowerInvariant()}", Exact = true }).ClickAsync();
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

            // changed: one box per section toggled; exactly that leaf changes, and one event records exactly it
            var expected = new List<JsonObject>();
            foreach (var section in SettingsForm.Sections)
            {
                if (Toggle(section, after) is not { } field) continue;
                var on = field.Value is JsonValue v && v.TryGetValue<bool>(out var b) && b;
                await Open(section);
                await page.Locator($"[name='{field.Path}']").SetCheckedAsync(!on);
                await Save(section);
                var now = await Settings(api, userId);
                var change = new JsonObject();
                SettingsForm.Place(change, field.Path, JsonValue.Create(!on));
                SettingsForm.Place(after, field.Path, JsonValue.Create(!on));
                Assert.True(JsonNode.DeepEquals(after, now), $"{field.Path}: more than that field changed:\n{now}");
                expected.Add(change);
            }
            Assert.NotEmpty(expected);

            var recorded = (await EventsAfter(api, start)).Where(e => e["subject_id"]?.GetValue<string>() == userId).ToList();
            Assert.Equal(expected.Select(_ => "user.settings_updated"), recorded.Select(e => e["event"]!.GetValue<string>()));
            for (var i = 0; i < expected.Count; i++)
            {
                var changed = recorded[i]["payload"]!["object"]!.AsObject().DeepClone().AsObject();
                changed.Remove("id"); // the user it is about, beside the changed leaves
                Assert.True(JsonNode.DeepEquals(expected[i], changed), $"expected {expected[i].ToJsonString()}, recorded {changed.ToJsonString()}");
            }
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
