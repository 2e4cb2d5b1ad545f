using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Roster.Client.AspNetCore;
using Roster.Client.Models;
using Roster.Testing;

namespace Roster.Client.Tests;

/// <summary>docs/sandbox.md's worked example, as it is written there: seed, freeze time, a webhook retry by moving the clock, a 429 the client retries, reset.</summary>
public class WorkedExampleTests
{
    [Fact]
    public async Task SeedFreezeRetryAWebhookInjectA429AndReset()
    {
        // example: begin
        await using var roster = await RosterSandbox.StartAsync();

        // 1. a declared starting state
        await roster.Sandbox.LoadSeedAsync("""
            users:
              - email: grace@example.com
                type: licensed
            """);

        // 2. time stands still from here on
        var start = (await roster.Sandbox.SetClockAsync(frozen: true)).Now;

        // 3. a receiver that fails its first delivery (a 500, which Zoom retries after 5 minutes)
        var received = new List<ZoomWebhookEvent>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var receiver = builder.Build();
        var calls = 0;
        receiver.MapZoomWebhooks("/zoom/events", roster.WebhookSecretToken, (e, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("down for a moment");
            lock (received) received.Add(e);
            return Task.CompletedTask;
        });
        await receiver.StartAsync();
        await roster.Zoom.Webhooks.CreateAsync(new CreateEventSubscriptionRequest
        {
            Url = receiver.Urls.First() + "/zoom/events", Events = ["user.created"],
        });
        await roster.Zoom.Users.CreateAsync(new CreateUserRequest { Action = "custCreate", UserInfo = new() { Email = "ada@example.com", Type = UserTypes.Basic } });
        await Eventually(() => roster.Zoom.Webhooks.ListDeliveriesAsync(state: "pending"), page => page.Deliveries is [{ Attempts: 1 }]);

        // 4. five minutes later (on the store's clock, at once): the retry is delivered
        await roster.Sandbox.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        await Eventually(() => Task.FromResult(received.Count), n => n == 1);
        Assert.Equal("ada@example.com", received[0].Payload.Object!.Email);

        // 5. Zoom's per-second 429 once: the client waits and retries by itself, and the journal shows both calls
        await roster.Sandbox.AddFaultAsync(new SandboxFault { Fault = FaultKinds.RateLimit, Operation = "user", Times = 1 });
        var ada = await roster.Zoom.Users.GetAsync("ada@example.com");
        Assert.Equal("ada@example.com", ada.Email);
        Assert.True((await roster.Sandbox.VerifyAsync(new JournalQuery { Operation = "user", Faulted = true }, count: 1)).Ok);
        Assert.True((await roster.Sandbox.VerifyAsync(new JournalQuery { Operation = "user", Status = 200 }, count: 1)).Ok);
        Assert.Equal(start, (await roster.Sandbox.GetClockAsync()).Now - TimeSpan.FromMinutes(5));

        // 6. back to the first start: the seeded users, the subscription and the deliveries are gone
        await roster.Sandbox.ResetAsync();
        Assert.Equal(["owner@example.com"], (await roster.Zoom.Users.ListAsync()).Users.Select(u => u.Email));
        // example: end
    }

    static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 200 && !done(value); i++)
        {
            await Task.Delay(50);
            value = await read();
        }
        Assert.True(done(value), $"not reached: {value}");
        return value;
    }

    [Fact]
    public void TheSandboxPageShowsThisTestsCode()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx"))) root = root.Parent;
        var source = File.ReadAllText(Path.Combine(root!.FullName, "tests", "Roster.Client.Tests", "WorkedExampleTests.cs")).ReplaceLineEndings("\n");
        const string begin = "        // example: begin\n", end = "        // example: end";
        var from = source.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var region = source[from..source.IndexOf(end, from, StringComparison.Ordinal)].TrimEnd('\n')
            .Split('\n').Select(l => l.StartsWith("        ", StringComparison.Ordinal) ? l[8..] : l.TrimStart());
        var page = File.ReadAllText(Path.Combine(root.FullName, "docs", "sandbox.md")).ReplaceLineEndings("\n");
        Assert.Contains("```csharp\n" + string.Join('\n', region) + "\n```", page);
    }
}
