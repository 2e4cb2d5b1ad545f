using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Roster.Client.Models;
using Roster.Server.Tests;

namespace Roster.Client.Tests;

/// <summary>Every SDK operation against a real Roster server in process.</summary>
public class EndToEndTests
{
    static ZoomClient Client(RosterApp app) => new(app.CreateClient(), new ZoomClientOptions
    {
        BaseUrl = new Uri(app.Server.BaseAddress, "/v2"),
        AccountId = RosterApp.AccountId, ClientId = RosterApp.ClientId, ClientSecret = RosterApp.ClientSecret,
    });

    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task EveryOperationWorksAgainstRoster()
    {
        await using var app = new RosterApp();
        using var zoom = Client(app);
        var users = zoom.Users;

        var ada = await users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "ada@example.com", Type = UserTypes.Licensed, FirstName = "Ada" } });
        var bob = await users.CreateAsync(new() { Action = "autoCreate", UserInfo = new() { Email = "bob@example.com", Type = UserTypes.Licensed, Password = "Str0ngPassw" } });
        Assert.Equal("Ada", (await users.GetAsync(ada.Id)).FirstName);
        Assert.Equal("owner@example.com", (await users.GetAsync("me")).Email);

        await users.UpdateAsync(ada.Id, new() { Department = "Math", JobTitle = "Analyst" });
        Assert.Equal("Math", (await users.GetAsync("ada@example.com")).Department);

        var page = await users.ListAsync(new() { PageSize = 2 });
        Assert.Equal(3, page.TotalRecords);
        Assert.False(string.IsNullOrEmpty(page.NextPageToken));
        var all = new List<User>();
        await foreach (var u in users.ListAllAsync(new() { PageSize = 1 })) all.Add(u);
        Assert.Equal(3, all.Count);

        Assert.True(await users.IsEmailInUseAsync("bob@example.com"));
        Assert.False(await users.IsVanityNameInUseAsync("nobody.here"));
        Assert.Contains("Profile:Edit", await users.GetPermissionsAsync(ada.Id));

        await users.Assistants.AddAsync(ada.Id, [new AssistantRef { Id = bob.Id }]);
        Assert.Equal("bob@example.com", (await users.Assistants.ListAsync(ada.Id)).Single().Email);
        Assert.Equal(ada.Id, (await users.Schedulers.ListAsync(bob.Id)).Single().Id);
        await users.Schedulers.DeleteAsync(bob.Id, ada.Id);
        await users.Assistants.AddAsync(ada.Id, [new AssistantRef { Email = "bob@example.com" }]);
        await users.Assistants.DeleteAsync(ada.Id, bob.Id);
        await users.Assistants.AddAsync(ada.Id, [new AssistantRef { Id = bob.Id }]);
        await users.Assistants.DeleteAllAsync(ada.Id);
        await users.Assistants.AddAsync(ada.Id, [new AssistantRef { Id = bob.Id }]);
        await users.Schedulers.DeleteAllAsync(bob.Id);
        Assert.Empty(await users.Assistants.ListAsync(ada.Id));

        var settings = await users.Settings.GetAsync(ada.Id);
        Assert.Equal("voip", settings.ScheduleMeeting!.AudioType);
        await users.Settings.UpdateAsync(ada.Id, new UserSettings { InMeeting = new InMeetingSettings { Chat = true, VirtualBackground = true } });
        Assert.True((await users.Settings.GetAsync(ada.Id)).InMeeting!.Chat);
        var auth = await users.Settings.GetAuthenticationAsync(ada.Id);
        var option = auth.AuthenticationOptions!.First();
        await users.Settings.UpdateAuthenticationAsync(ada.Id, new AuthenticationSettings
        {
            MeetingAuthentication = true, AuthenticationOption = new AuthenticationOption { Action = "hide", Id = option.Id },
        });
        Assert.True((await users.Settings.GetAuthenticationAsync(ada.Id)).MeetingAuthentication);
        await users.Settings.UpdateMeetingSecurityAsync(ada.Id, new MeetingSecuritySettings { WaitingRoom = false });
        Assert.False((await users.Settings.GetMeetingSecurityAsync(ada.Id)).WaitingRoom);

        var zak = await users.GetTokenAsync(ada.Id, "zak", TimeSpan.FromMinutes(10));
        Assert.False(string.IsNullOrEmpty(zak));
        await users.RevokeSsoTokenAsync(ada.Id);
        await users.UploadPictureAsync(ada.Id, new MemoryStream(Png), "ada.png");
        Assert.False(string.IsNullOrEmpty((await users.GetAsync(ada.Id)).PicUrl));
        await users.DeletePictureAsync(ada.Id);
        var background = await users.UploadVirtualBackgroundAsync(ada.Id, new MemoryStream(Png), "beach.png");
        Assert.Equal(("image", Png.Length), (background.Type, background.Size));
        Assert.Equal(background.Id, (await users.Settings.GetAsync(ada.Id)).InMeeting!.VirtualBackgroundSettings!.Files!.Single().Id);
        await users.DeleteVirtualBackgroundsAsync(ada.Id, [background.Id]);
        Assert.True(string.IsNullOrEmpty((await users.GetAsync(ada.Id)).PicUrl));
        Assert.False(string.IsNullOrEmpty(await users.GetOwnZakAsync()));

        Assert.Equal("Offline", (await users.GetPresenceStatusAsync(ada.Id)).Status);
        await users.SetPresenceStatusAsync(ada.Id, "Do_Not_Disturb", TimeSpan.FromMinutes(45));
        var presence = await users.GetPresenceStatusAsync(ada.Id);
        Assert.Equal("Do_Not_Disturb", presence.Status);
        Assert.Equal(45, presence.RemainingTime);
        Assert.NotNull(presence.EndTime);

        var summary = await users.GetSummaryAsync();
        Assert.Equal(summary.LicensedUsers + summary.BasicUsers + summary.OnPremUsers + summary.JoinOnlyUsers + summary.PendingUsers, summary.TotalUsers);
        Assert.True(summary.LicensedUsers >= 2); // ada and bob

        await users.SetStatusAsync(ada.Id, "deactivate");
        Assert.Equal(UserStatuses.Inactive, (await users.GetAsync(ada.Id)).Status);
        await users.SetStatusAsync(ada.Id, "activate");
        await users.ChangeEmailAsync(ada.Id, "ada.l@example.com");
        await users.SetPasswordAsync(bob.Id, "An0therPassw");

        using var master = await app.ApiAsync();
        var (_, subId, _) = await app.SubAccountAsync(master, "boss@sdk.test");
        var carl = await users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "carl@elsewhere.test", Type = UserTypes.Basic } });
        await users.SwitchAccountAsync(carl.Id, "me", subId);
        var gone = await Assert.ThrowsAsync<ZoomApiException>(() => users.GetAsync(carl.Id));
        Assert.Equal(1001, gone.Code);

        await users.DeleteAsync(ada.Id, new() { Action = "delete" });
        var e = await Assert.ThrowsAsync<ZoomApiException>(() => users.GetAsync(ada.Id));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.False(string.IsNullOrEmpty(e.TrackingId));
    }

    [Fact]
    public async Task SubAccountsFromDotNet()
    {
        await using var app = new RosterApp();
        using var zoom = Client(app);
        var made = await zoom.Accounts.CreateAsync(new()
        {
            FirstName = "Ada", LastName = "Sub", Email = "ada@sdk-sub.test", Password = "Secur3Pass!x", AccountName = "SDK Sub",
            Options = new() { ShareRc = true },
        });
        Assert.Equal("ada@sdk-sub.test", made.OwnerEmail);
        var one = await zoom.Accounts.GetAsync(made.Id);
        Assert.Equal(("SDK Sub", made.OwnerId, true, "master"), (one.AccountName, one.OwnerId, one.Options!.ShareRc, one.Options.PayMode));
        Assert.NotNull(one.SubscriptionStartTime);
        await zoom.Accounts.UpdateOptionsAsync(made.Id, new() { PayMode = "sub", ShareMc = true, MeetingConnectorList = ["10.1.1.1"] });
        one = await zoom.Accounts.GetAsync(made.Id);
        Assert.Equal(("sub", "10.1.1.1"), (one.Options!.PayMode, one.Options.MeetingConnectors));
        Assert.Equal([made.Id], (await zoom.Accounts.ListAsync()).Accounts.Select(a => a.Id));
        Assert.Equal(["example.com"], (await zoom.Accounts.GetManagedDomainsAsync()).Select(d => d.Domain));
        await zoom.Accounts.DisassociateAsync(made.Id);
        Assert.Empty((await zoom.Accounts.ListAsync()).Accounts);
        var gone = await Assert.ThrowsAsync<ZoomApiException>(() => zoom.Accounts.GetAsync(made.Id));
        Assert.Equal((HttpStatusCode.NotFound, 2001), (gone.StatusCode, gone.Code));
    }

    [Fact]
    public async Task ZoomErrorsSurfaceAsZoomApiException()
    {
        await using var app = new RosterApp();
        using var zoom = Client(app);
        await zoom.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "dup@example.com", Type = 1 } });
        var e = await Assert.ThrowsAsync<ZoomApiException>(() => zoom.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "dup@example.com", Type = 1 } }));
        Assert.Equal(HttpStatusCode.Conflict, e.StatusCode);
        Assert.Equal(1005, e.Code);
        var v = await Assert.ThrowsAsync<ZoomApiException>(() => zoom.Users.CreateAsync(new() { Action = "nope", UserInfo = new() { Email = "x", Type = 1 } }));
        Assert.Equal(["action", "user_info.email"], v.Errors.Select(f => f.Field));
    }

    [Fact]
    public async Task RateLimitedCallsAreRetriedUntilTheyPass()
    {
        await using var app = new RosterApp(rateLimits: true, rateFactor: 0.05); // Light: 4/s
        using var zoom = Client(app);
        var retries = 0;
        zoom.Transport.Delay = (d, _) => { retries++; app.Clock.Advance(d); return Task.CompletedTask; };
        for (var i = 0; i < 12; i++) await zoom.Users.GetAsync("me");
        // the clock stands still between calls, so 12 calls at 4 a second must have met 429s and waited them out
        Assert.True(retries >= 2, $"expected retries after 429s, saw {retries}");
    }

    [Fact]
    public async Task ABaseUrlWithoutV2IsNamedInTheError()
    {
        await using var app = new RosterApp();
        using var zoom = new ZoomClient(app.CreateClient(), new ZoomClientOptions
        {
            BaseUrl = app.Server.BaseAddress, AccountId = RosterApp.AccountId, ClientId = RosterApp.ClientId, ClientSecret = RosterApp.ClientSecret,
        });
        var e = await Assert.ThrowsAsync<ZoomApiException>(() => zoom.Users.GetAsync("me"));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Contains("does not end in /v2", e.Message);
        // with /v2 a 404 is the resource's, and says only that
        using var right = Client(app);
        var missing = await Assert.ThrowsAsync<ZoomApiException>(() => right.Users.GetAsync("nobody@example.com"));
        Assert.DoesNotContain("/v2", missing.Message);
    }

    [Fact]
    public async Task DependencyInjectionBindsOptionsFromConfiguration()
    {
        await using var app = new RosterApp();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zoom:BaseUrl"] = new Uri(app.Server.BaseAddress, "/v2").ToString(),
            ["Zoom:AccountId"] = RosterApp.AccountId, ["Zoom:ClientId"] = RosterApp.ClientId, ["Zoom:ClientSecret"] = RosterApp.ClientSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddRosterClient(config.GetSection("Zoom"));
        services.AddHttpClient(nameof(ZoomClient)).ConfigurePrimaryHttpMessageHandler(() => app.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var zoom = provider.GetRequiredService<ZoomClient>();
        Assert.Equal("owner@example.com", (await zoom.Users.GetAsync("me")).Email);
    }
}
