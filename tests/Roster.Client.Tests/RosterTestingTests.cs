using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roster.Client;
using Roster.Testing;

namespace Roster.Client.Tests;

/// <summary>Roster.Testing as a test project uses it: in memory or on a loopback port, per-test accounts, a clean end.</summary>
public class RosterTestingTests
{
    /// <summary>
    /// The server rides inside the Roster.Testing package without its own package references: every package the server
    /// uses must be one of Roster.Testing's, or a package consumer's server fails to load an assembly (the README's
    /// xunit example proves it, slowly; this says which package at once).
    /// </summary>
    [Fact]
    public void TheTestingPackageBringsEveryPackageTheServerUses()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        static HashSet<string> Packages(string csproj) => System.Xml.Linq.XDocument.Load(csproj).Descendants("PackageReference")
            .Where(p => (string?)p.Attribute("PrivateAssets") != "all").Select(p => (string)p.Attribute("Include")!).ToHashSet();
        var server = new[] { "Roster.Server", "Roster.Domain", "Roster.Storage" }
            .SelectMany(p => Packages(Path.Combine(dir!.FullName, "src", p, p + ".csproj"))).ToHashSet();
        var testing = Packages(Path.Combine(dir!.FullName, "src", "Roster.Testing", "Roster.Testing.csproj"));
        Assert.Empty(server.Except(testing).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InMemoryWithPerTestAccountsThatShareNothing()
    {
        string data;
        await using (var roster = await RosterSandbox.StartAsync())
        {
            data = roster.Services.GetRequiredService<Roster.Server.Hosting.RosterOptions>().DataDirectory;
            Assert.True(Directory.Exists(data));
            Assert.Equal(["owner@example.com"], (await roster.Zoom.Users.ListAsync()).Users.Select(u => u.Email));

            // two tests at once, each in its own account
            var accounts = await Task.WhenAll(roster.CreateAccountAsync("one"), roster.CreateAccountAsync("two"));
            await Task.WhenAll(accounts.Select((a, i) => a.Zoom.Users.CreateAsync(new()
            {
                Action = "custCreate", UserInfo = new() { Email = $"hire{i}@example.com", Type = Models.UserTypes.Basic },
            })));
            for (var i = 0; i < 2; i++)
                Assert.Equal(new[] { accounts[i].OwnerEmail, $"hire{i}@example.com" }.Order(StringComparer.Ordinal), (await accounts[i].Zoom.Users.ListAsync()).Users.Select(u => u.Email).Order(StringComparer.Ordinal));
            Assert.True((await roster.Sandbox.VerifyAsync(new JournalQuery { Operation = "userCreate", AccountId = accounts[0].AccountId }, count: 1)).Ok);

            // disposing an account deletes it: its credentials stop working
            var (id, secret, account) = (accounts[0].ClientId, accounts[0].ClientSecret, accounts[0].AccountId);
            await accounts[0].DisposeAsync();
            using var gone = roster.CreateZoomClient(account, id, secret);
            var refused = await Assert.ThrowsAsync<ZoomApiException>(() => gone.Users.ListAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode); // the token request of an app that is gone is refused
            await accounts[1].DisposeAsync();
        }
        Assert.False(Directory.Exists(data)); // nothing left behind
    }

    [Fact]
    public async Task OnALoopbackPortForClientsThatAreNotDotNet()
    {
        await using var roster = await RosterSandbox.StartAsync(new RosterSandboxOptions { Loopback = true, RateLimits = false });
        Assert.Equal("127.0.0.1", roster.BaseUrl.Host);
        Assert.NotEqual(80, roster.BaseUrl.Port);
        using var plain = new HttpClient(); // a real socket, not the in-memory handler
        Assert.Equal("ok", await plain.GetStringAsync(new Uri(roster.BaseUrl, "/healthz")));
        using var zoom = new ZoomClient(new ZoomClientOptions { BaseUrl = roster.ApiBaseUrl, AccountId = roster.AccountId, ClientId = roster.ClientId, ClientSecret = roster.ClientSecret });
        Assert.Single((await zoom.Users.ListAsync()).Users);
    }
}
