using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Roster.Server.Tests;

namespace Roster.Browser.Tests;

/// <summary>
/// The invitation and consent pages as a person uses them, in headless Chromium: what they show before anyone types,
/// a refusal shown under the field with the form kept, keyboard-only use, and the way through to the end. Screenshots
/// of both pages are taken on every run; <c>UPDATE_SCREENSHOTS=1</c> keeps them in <c>docs/screenshots</c>.
/// </summary>
public class PagesTests
{
    const string ChromiumPath = "/usr/bin/chromium";

    internal static void RequireChromium()
    {
        if (File.Exists(ChromiumPath)) return;
        const string why = "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it";
        if (TestEngine.InCi) throw new InvalidOperationException(why);
        Skip.If(true, why);
    }

    internal static async Task<IBrowser> LaunchAsync(IPlaywright playwright) => await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        // root in CI, and a closed network: no sandbox, and nothing that phones home
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    internal static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    /// <summary>A screenshot in the test's folder, and in docs/screenshots when asked to update them.</summary>
    internal static async Task Screenshot(IPage page, string dir, string name)
    {
        var path = Path.Combine(dir, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{name} is empty");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            var target = RepoFile("docs", "screenshots", name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target, overwrite: true);
        }
    }

    [SkippableFact]
    public async Task AnInvitedUserActivatesAndAuthorizesAnAppInABrowser()
    {
        RequireChromium();
        var dir = TestTemp.NewFolder("roster-browser");
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            using var http = await ServerProcess.ClientAsync(server.BaseUrl);
            var invited = await http.PostAsJsonAsync("/v2/users", new { action = "create", user_info = new { email = "lin@example.com", type = 1, first_name = "Lin" } });
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
            var invitations = (await http.GetFromJsonAsync<JsonObject>("/roster/v1/invitations"))!["invitations"]!.AsArray();
            var link = invitations.Single(i => i!["email"]!.GetValue<string>() == "lin@example.com")!["link"]!.GetValue<string>();
            var app = await http.PostAsJsonAsync("/roster/v1/apps", new
            {
                type = "user", name = "Acme Scheduler", scopes = new[] { "user:read", "user:write" }, redirect_uris = new[] { "https://acme.test/callback" },
            });
            Assert.Equal(HttpStatusCode.Created, app.StatusCode);
            var clientId = (await app.Content.ReadFromJsonAsync<JsonObject>())!["client_id"]!.GetValue<string>();
            const string accountName = Roster.Domain.Accounts.BootstrapService.SandboxAccountName;

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 760, Height = 900 } });

            // the invitation: who invites, whom, and the password rules before anything is typed
            await page.GotoAsync(link);
            Assert.Equal($"Join {accountName} on Zoom", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            Assert.Equal(Roster.Domain.Users.PasswordPolicy.Rules, await page.Locator("#rules li").AllInnerTextsAsync());
            Assert.True(await page.Locator("#rules").IsVisibleAsync());
            await Screenshot(page, dir, "invitation.png");

            // a refused password: the reason under the field, the field marked invalid, the form still there
            await page.GetByLabel("Password").FillAsync("password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Activate my account" }).ClickAsync();
            var error = page.GetByRole(AriaRole.Alert);
            await Assertions.Expect(error).ToBeVisibleAsync(); // waits for the answer to the post
            Assert.False(string.IsNullOrWhiteSpace(await error.InnerTextAsync()));
            await Assertions.Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
            await Screenshot(page, dir, "invitation-refused.png");

            // a good one, with the keyboard only
            await page.GetByLabel("Password").FocusAsync();
            await page.Keyboard.TypeAsync("Tr0ub4dor&3x");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are all set");
            Assert.Equal("active", (await http.GetFromJsonAsync<JsonObject>("/v2/users/lin@example.com"))!["status"]!.GetValue<string>());

            // the consent page names the app and what it may do; a wrong password keeps the e-mail and says why
            await page.RouteAsync("https://acme.test/**", route => route.FulfillAsync(new() { Status = 200, Body = "callback", ContentType = "text/plain" }));
            await page.GotoAsync($"{server.BaseUrl}/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString("https://acme.test/callback")}&state=s1");
            Assert.Equal("Authorize Acme Scheduler", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            Assert.Equal(2, await page.Locator(".scopes li").CountAsync());
            await Screenshot(page, dir, "consent.png");
            await page.GetByLabel("Email").FillAsync("lin@example.com");
            await page.GetByLabel("Password").FillAsync("Wrong-Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in and allow" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("lin@example.com");

            await page.GetByLabel("Password").FillAsync("Tr0ub4dor&3x");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in and allow" }).ClickAsync();
            await page.WaitForURLAsync("https://acme.test/**");
            var callback = new Uri(page.Url);
            var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
            Assert.Equal("s1", query["state"]);
            Assert.False(string.IsNullOrEmpty(query["code"]));
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }

    /// <summary>
    /// The docs page as a new user meets it: Authorize with the app's client id and secret (the OAuth2 client-credentials
    /// scheme of the published document), then "Test Request" on List users sends it here with the token: 200. Nothing
    /// on the way is fetched from another host, so the page works offline.
    /// </summary>
    [SkippableFact]
    public async Task TheDocsPageAuthorizesAndSendsATestRequest()
    {
        RequireChromium();
        var dir = TestTemp.NewFolder("roster-browser-docs");
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
            // offline use: the page asks nothing of any other host (fonts, scripts, telemetry)
            var elsewhere = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(server.BaseUrl + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                    elsewhere.Enqueue(request.Url);
            };

            await page.GotoAsync($"{server.BaseUrl}/docs/");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.GetByLabel("Client ID").First.FillAsync(RosterApp.ClientId);
            await page.GetByLabel("Client Secret").First.FillAsync(RosterApp.ClientSecret);
            var token = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).First.ClickAsync(),
                r => new Uri(r.Url).AbsolutePath == "/oauth/token");
            Assert.Equal(200, token.Status);

            // List users, from the sidebar; its own Test Request (each operation's section carries its id)
            await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).First.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "List users" }).First.ClickAsync(); // its name also says the method
            var operation = page.Locator("[id$='tag/users/GET/v2/users']");
            await Assertions.Expect(operation).ToBeInViewportAsync();
            await operation.GetByRole(AriaRole.Button, new() { Name = "Test Request" }).ClickAsync();
            var sent = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync(),
                r => new Uri(r.Url).AbsolutePath == "/v2/users");
            Assert.Equal(200, sent.Status);
            Assert.StartsWith("Bearer ey", sent.Request.Headers["authorization"], StringComparison.Ordinal);
            Assert.Empty(elsewhere);
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
