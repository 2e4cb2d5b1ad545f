using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Roster.Server.Tests;

namespace Roster.Browser.Tests;

/// <summary>
/// The console's main pages in Chromium checked by axe-core: no violation of impact "serious" or "critical" on the
/// sign-in page, accounts, users, a user with its settings, activity, apps (webhooks and their apps), adding a user, the
/// sandbox and its traffic; and the users page fits a phone's width (375 px) with no horizontal overflow.
/// </summary>
public class ConsoleAccessibilityTests
{
    [SkippableFact]
    public async Task TheMainPagesHaveNoSeriousAccessibilityIssueAndTheUsersPageFitsAPhone()
    {
        PagesTests.RequireChromium();
        Axe.Require();
        var dir = TestTemp.NewFolder("roster-browser-axe");
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            using var api = await ServerProcess.ClientAsync(server.BaseUrl);
            var accountId = (await api.GetFromJsonAsync<JsonObject>("/v2/users/me"))!["account_id"]!.GetValue<string>();
            string? userId = null;
            foreach (var (email, first, last) in new[]
            {
                ("a.person.with.a.rather.long.address@subdomain.example.com", "Maximiliana-Wilhelmina", "Featherstonehaugh-Cholmondeley"),
                ("sam@example.com", "Sam", "Short"),
            })
            {
                var created = await api.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type = 2, first_name = first, last_name = last } });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                userId ??= (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await PagesTests.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var found = new List<string>();
            async Task Check(string name)
            {
                foreach (var v in await Axe.SeriousViolationsAsync(page)) found.Add($"{name}: {v}");
            }

            await page.GotoAsync($"{server.BaseUrl}/console/sign-in");
            await Check("sign-in");
            var key = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "data", "credentials.json")))!["sandbox_admin_key"]!.GetValue<string>();
            await page.GetByLabel("Sandbox admin key").FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Users of "));

            var account = $"{server.BaseUrl}/console/accounts/{Uri.EscapeDataString(accountId)}";
            foreach (var (name, path) in new[]
            {
                ("accounts", $"{server.BaseUrl}/console/accounts"),
                ("users", $"{account}/users"),
                ("user with settings", $"{account}/users/{userId}"),
                ("add a user", $"{account}/users/new"),
                ("activity", $"{account}/activity"),
                ("apps", $"{account}/apps"),
                ("sandbox", $"{server.BaseUrl}/console/sandbox"),
                ("traffic", $"{server.BaseUrl}/console/sandbox/traffic"),
            })
            {
                var answer = await page.GotoAsync(path);
                Assert.Equal(200, answer!.Status);
                await Check(name);
            }
            Assert.True(found.Count == 0, "axe found serious or critical issues:\n" + string.Join("\n", found));

            // a phone: the users page does not scroll sideways (the table's rows stack)
            await page.SetViewportSizeAsync(375, 800);
            await page.GotoAsync($"{account}/users");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "sam@example.com" })).ToBeVisibleAsync();
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.Equal(375, widths[1]);
            Assert.True(widths[0] <= widths[1], $"the users page is {widths[0]} px wide in a {widths[1]} px window");
            await Check("users at 375 px");
            Assert.True(found.Count == 0, "axe found serious or critical issues:\n" + string.Join("\n", found));
            await PagesTests.Screenshot(page, dir, "console-users-phone.png");
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
