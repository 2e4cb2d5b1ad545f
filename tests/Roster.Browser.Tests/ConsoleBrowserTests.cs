using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Roster.Server.Tests;

namespace Roster.Browser.Tests;

/// <summary>
/// The admin console as an operator uses it, in headless Chromium, on a store of 10,000 users: sign in with the
/// sandbox admin key, find one user, change a setting and see it through the API, invite a user and accept the
/// invitation, reset the sandbox; and an owner of a sub account who opens the master's pages finds nothing. Screenshots
/// of the main pages are taken on every run (<c>UPDATE_SCREENSHOTS=1</c> keeps them in <c>docs/screenshots</c>).
/// </summary>
public class ConsoleBrowserTests
{
    /// <summary><c>roster-server seed --users N</c> on a data folder, with the credentials the test server starts with.</summary>
    static async Task SeedAsync(string dataDir, int users)
    {
        var (code, output) = await ServerProcess.RunCommandAsync("seed", "--users", users.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDir);
        Assert.True(code == 0, $"seed exited with {code}: {output}");
    }

    const string AccountName = Roster.Domain.Accounts.BootstrapService.SandboxAccountName;

    static string AdminKey(string dataDir)
        => JsonNode.Parse(File.ReadAllText(Directory.GetFiles(dataDir, "credentials*.json").Single()))!["sandbox_admin_key"]!.GetValue<string>();

    [SkippableFact]
    public async Task AnOperatorFindsEditsInvitesAndResetsAndAnotherAccountSeesNothing()
    {
        PagesTests.RequireChromium();
        var dir = TestTemp.NewFolder("roster-browser-console");
        try
        {
            var data = Path.Combine(dir, "data");
            await SeedAsync(data, 10_000);
            await using var server = await ServerProcess.StartAsync(data);
            try
            {
            using var api = await ServerProcess.ClientAsync(server.BaseUrl);
            var accountId = (await api.GetFromJsonAsync<JsonObject>("/v2/users/me"))!["account_id"]!.GetValue<string>();
            Assert.Equal(10_001, (await api.GetFromJsonAsync<JsonObject>("/v2/users?page_size=1"))!["total_records"]!.GetValue<int>());

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await PagesTests.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var scripts = new List<string>();
            page.Request += (_, r) => { if (r.ResourceType == "script") scripts.Add(new Uri(r.Url).AbsolutePath); };

            // sign in: the console sends whoever has no session to the sign-in page, and back afterwards
            await page.GotoAsync($"{server.BaseUrl}/console");
            Assert.Equal("Sign in to the Roster console", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            await PagesTests.Screenshot(page, dir, "console-sign-in.png");
            await page.GetByLabel("Sandbox admin key").FillAsync("rsk_not-the-key");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Sandbox admin key")).ToHaveAttributeAsync("aria-invalid", "true");
            await page.GetByLabel("Sandbox admin key").FillAsync(AdminKey(data));
            await page.GetByLabel("Sandbox admin key").PressAsync("Enter"); // the keyboard alone
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Users of {AccountName}");
            Assert.Equal(50, await page.Locator("tbody tr").CountAsync());
            await PagesTests.Screenshot(page, dir, "console-users.png");

            // find one user among 10,000 and open it
            await page.GetByLabel("Search by e-mail or name").FillAsync("user0007531");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Link, new() { Name = "user0007531@seed.example.com" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("User 0007531");
            var userId = (await api.GetFromJsonAsync<JsonObject>("/v2/users/user0007531@seed.example.com"))!["id"]!.GetValue<string>();

            // change a setting; the API sees it
            var before = (await api.GetFromJsonAsync<JsonObject>($"/v2/users/{userId}/settings"))!["schedule_meeting"]!["join_before_host"]!.GetValue<bool>();
            await page.GetByText("Schedule Meeting", new() { Exact = true }).ClickAsync(); // opens the section
            await page.GetByLabel("Allow participants to join before host", new() { Exact = true }).SetCheckedAsync(!before);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save Schedule Meeting" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
            Assert.Equal(!before, (await api.GetFromJsonAsync<JsonObject>($"/v2/users/{userId}/settings"))!["schedule_meeting"]!["join_before_host"]!.GetValue<bool>());
            await Assertions.Expect(page.GetByLabel("Allow participants to join before host", new() { Exact = true })).ToBeCheckedAsync(new() { Checked = !before });
            await PagesTests.Screenshot(page, dir, "console-user.png");

            // invite a user; the invitation's link activates it
            await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Add a user" }).ClickAsync();
            await page.GetByLabel("E-mail").FillAsync("kim@example.com");
            await page.GetByLabel("First name").FillAsync("Kim");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the user" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("User added");
            var link = await page.GetByLabel("Invitation link").InputValueAsync();
            await PagesTests.Screenshot(page, dir, "console-invite.png");
            var invitee = await browser.NewPageAsync();
            await invitee.GotoAsync(link);
            await invitee.GetByLabel("Password").FillAsync("Tr0ub4dor&3x");
            await invitee.GetByRole(AriaRole.Button, new() { Name = "Activate my account" }).ClickAsync();
            await Assertions.Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are all set");
            Assert.Equal("active", (await api.GetFromJsonAsync<JsonObject>("/v2/users/kim@example.com"))!["status"]!.GetValue<string>());
            await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
            await page.GetByLabel("Search by e-mail or name").FillAsync("kim");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "kim@example.com" })).ToBeVisibleAsync();

            // the activity page: events as they commit, live
            await page.GetByRole(AriaRole.Link, new() { Name = "Activity", Exact = true }).ClickAsync();
            Assert.Equal($"Activity of {AccountName}", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            await Assertions.Expect(page.Locator("#live [data-state]")).ToHaveTextAsync("Connected: new events appear here as they happen.");
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email = "live@example.com", type = 1 } })).StatusCode);
            await Assertions.Expect(page.Locator("#live li strong").First).ToHaveTextAsync("user.created");
            await page.Locator("#live li summary").First.ClickAsync();
            await Assertions.Expect(page.Locator("#live li pre").First).ToContainTextAsync("live@example.com");
            await PagesTests.Screenshot(page, dir, "console-activity.png");

            // the owner of a sub account signs in with e-mail and password, and finds nothing of the master's
            var sub = await api.PostAsJsonAsync("/v2/accounts", new
            {
                first_name = "Sub", last_name = "Owner", email = "boss@tenant.test", password = "Secur3Pass!x", account_name = "Tenant", plan = "business", seats = 5,
            });
            Assert.Equal(HttpStatusCode.Created, sub.StatusCode);
            await using var other = await browser.NewContextAsync();
            var owner = await other.NewPageAsync();
            await owner.GotoAsync($"{server.BaseUrl}/console/accounts/{accountId}/users/{userId}");
            await owner.GetByLabel("Email").FillAsync("boss@tenant.test");
            await owner.GetByLabel("Password").FillAsync("Secur3Pass!x");
            var refused = await owner.RunAndWaitForResponseAsync(
                () => owner.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
                r => new Uri(r.Url).AbsolutePath == $"/console/accounts/{accountId}/users/{userId}");
            Assert.Equal(404, refused.Status); // back to the page asked for: as absent as an account that does not exist
            await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
            Assert.DoesNotContain("user0007531", await owner.ContentAsync());
            await owner.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
            await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users of Tenant");

            // reset the sandbox: the invited user is gone
            await page.GetByRole(AriaRole.Link, new() { Name = "Sandbox", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Reset the sandbox" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The sandbox was reset to its first state.");
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/v2/users/kim@example.com")).StatusCode);
            await PagesTests.Screenshot(page, dir, "console-sandbox.png");

            // no script but the activity page's live part (a few KB); every other page is HTML and one stylesheet
            Assert.Equal(["/console/console.js"], scripts.Distinct());
            Assert.InRange(Roster.Server.AdminConsole.ConsoleScript.Js.Length, 1, 100_000);
            }
            catch (Exception e) when (e is not SkipException)
            {
                throw new Xunit.Sdk.XunitException($"{e.Message}\n--- server log ---\n{server.Log}");
            }
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
