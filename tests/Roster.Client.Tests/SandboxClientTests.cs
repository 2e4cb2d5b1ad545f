using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using Roster.Server.Tests;

namespace Roster.Client.Tests;

/// <summary><see cref="RosterSandboxClient"/> against a real Roster server in process.</summary>
public class SandboxClientTests
{
    static string AdminKey(RosterApp app)
    {
        _ = app.Server;
        return JsonNode.Parse(File.ReadAllText(Directory.GetFiles(app.DataDir, "credentials*.json").Single()))!["sandbox_admin_key"]!.GetValue<string>();
    }

    [Fact]
    public async Task SnapshotsResetAndTheClockFromDotNet()
    {
        await using var app = new RosterApp();
        using var sandbox = new RosterSandboxClient(new Uri(app.Server.BaseAddress, "/v2"), AdminKey(app), app.CreateClient());
        using var zoom = new ZoomClient(app.CreateClient(), new ZoomClientOptions
        {
            BaseUrl = new Uri(app.Server.BaseAddress, "/v2"), AccountId = RosterApp.AccountId, ClientId = RosterApp.ClientId, ClientSecret = RosterApp.ClientSecret,
        });
        await zoom.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "kept@example.com", Type = Models.UserTypes.Basic } });
        var saved = await sandbox.SaveSnapshotAsync("one-user");
        Assert.Equal(("one-user", 2L, true), (saved.Name, saved.Users, saved.Restorable));
        await zoom.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "gone@example.com", Type = Models.UserTypes.Basic } });

        var restored = await sandbox.RestoreSnapshotAsync("one-user");
        Assert.Equal("one-user", restored.Snapshot.Name);
        Assert.Equal(["kept@example.com", "owner@example.com"], (await zoom.Users.ListAsync(new() { PageSize = 300 })).Users.Select(u => u.Email).Order());
        Assert.Equal(["bootstrap", "one-user"], (await sandbox.ListSnapshotsAsync()).Select(s => s.Name));

        var frozen = await sandbox.SetClockAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), frozen: true);
        Assert.True(frozen.Frozen);
        var later = await sandbox.AdvanceClockAsync(TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 2, 0, 0, TimeSpan.Zero), later.Now);
        Assert.True((await sandbox.UseRealTimeAsync()).RealTime);

        await sandbox.SignInAsync("owner@example.com", "android", "6.2.5");
        var owner = await zoom.Users.GetAsync("me");
        Assert.Equal("6.2.5(android)", owner.LastClientVersion);
        Assert.NotNull(owner.LastLoginTime);
        await sandbox.SignOutAsync("owner@example.com", "android", "6.2.5");
        var missing404 = await Assert.ThrowsAsync<ZoomApiException>(() => zoom.Users.GetByEmployeeUniqueIdAsync("E-none"));
        Assert.Equal((HttpStatusCode.NotFound, 1001), (missing404.StatusCode, missing404.Code));

        await sandbox.ResetAsync();
        Assert.Equal(["owner@example.com"], (await zoom.Users.ListAsync()).Users.Select(u => u.Email));
        await sandbox.DeleteSnapshotAsync("one-user");
        var missing = await Assert.ThrowsAsync<ZoomApiException>(() => sandbox.RestoreSnapshotAsync("one-user"));
        Assert.Equal((HttpStatusCode.NotFound, 3001), (missing.StatusCode, missing.Code));

        var account = await sandbox.CreateAccountAsync("per-test");
        using (var isolated = new ZoomClient(app.CreateClient(), new ZoomClientOptions
        {
            BaseUrl = new Uri(app.Server.BaseAddress, "/v2"), AccountId = account.AccountId, ClientId = account.ClientId, ClientSecret = account.ClientSecret,
        }))
            Assert.Equal(account.OwnerEmail, (await isolated.Users.GetAsync("me")).Email);
        await sandbox.DeleteAccountAsync(account.AccountId);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ZoomApiException>(() => sandbox.DeleteAccountAsync(account.AccountId))).StatusCode);

        using var wrong = new RosterSandboxClient(app.Server.BaseAddress, "rsk_wrong", app.CreateClient());
        var refused = await Assert.ThrowsAsync<ZoomApiException>(() => wrong.GetClockAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, 124), (refused.StatusCode, refused.Code));
    }

    [Fact]
    public async Task AnInjectedFaultIsRetriedByTheClientAndTheJournalShowsIt()
    {
        await using var app = new RosterApp();
        using var sandbox = new RosterSandboxClient(app.Server.BaseAddress, AdminKey(app), app.CreateClient());
        using var zoom = new ZoomClient(app.CreateClient(), new ZoomClientOptions
        {
            BaseUrl = new Uri(app.Server.BaseAddress, "/v2"), AccountId = RosterApp.AccountId, ClientId = RosterApp.ClientId, ClientSecret = RosterApp.ClientSecret,
        });
        var rule = await sandbox.AddFaultAsync(new SandboxFault { Fault = FaultKinds.Unavailable, Operation = "userCreate", RetryAfter = 0, Times = 1 });
        Assert.StartsWith("flt_", rule.Id);
        var since = (await sandbox.GetClockAsync()).Now;
        await zoom.Users.CreateAsync(new() { Action = "custCreate", UserInfo = new() { Email = "retried@example.com", Type = Models.UserTypes.Basic } });

        var faults = await sandbox.ListFaultsAsync();
        Assert.Equal((1L, true), (faults.Single().Hits!.Value, faults.Single().Spent!.Value));
        var calls = (await sandbox.GetJournalAsync(new JournalQuery { Operation = "userCreate" })).Entries;
        Assert.Equal([503, 201], calls.Select(c => c.Status));
        Assert.Equal(rule.Id, calls[0].Fault);
        Assert.Equal("retried@example.com", calls[1].RequestBody!.Value.GetProperty("user_info").GetProperty("email").GetString());
        var body = JsonDocument.Parse("""{"user_info":{"email":"retried@example.com"}}""").RootElement;
        Assert.True((await sandbox.VerifyAsync(new JournalQuery { Operation = "userCreate", Body = body, Since = since }, count: 2)).Ok);
        var once = await sandbox.VerifyAsync(new JournalQuery { Operation = "userCreate", Status = 201 }, atMost: 0);
        Assert.Equal((false, 1), (once.Ok, once.Count));
        var seeded = await sandbox.LoadSeedAsync("users:\n  - email: from-seed@example.com\n    first_name: Sid\n");
        Assert.Equal(1, seeded.Users);
        Assert.Contains("from-seed@example.com", System.Text.Json.Nodes.JsonNode.Parse(await sandbox.ExportSeedAsync())!["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
        var refusedSeed = await Assert.ThrowsAsync<ZoomApiException>(() => sandbox.LoadSeedAsync("""{"users":[{"email":"bad"}]}"""));
        Assert.StartsWith("line 1: ", refusedSeed.Errors.Single().Message);
        await sandbox.ClearJournalAsync();
        Assert.Empty((await sandbox.GetJournalAsync()).Entries);
        await sandbox.DeleteFaultAsync(rule.Id!);
        await sandbox.ClearFaultsAsync();
        Assert.Empty(await sandbox.ListFaultsAsync());
    }
}
