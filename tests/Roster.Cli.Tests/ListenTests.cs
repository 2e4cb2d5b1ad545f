using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Roster.Server.Tests;

namespace Roster.Cli.Tests;

/// <summary>
/// <c>roster webhooks listen</c> end to end: the real <c>roster</c> process against a real roster-server process, with a
/// real receiver as the developer's app, stopped by a real SIGINT.
/// </summary>
public sealed class ListenTests
{
    /// <summary>The CLI as a child process; its standard output and error as lines.</summary>
    sealed class CliProcess : IAsyncDisposable
    {
        public required Process Process { get; init; }
        public ConcurrentQueue<string> Out { get; } = new();
        public ConcurrentQueue<string> Err { get; } = new();

        public static CliProcess Start(string dir, string baseUrl, string secret, params string[] args)
        {
            // --additionalprobingpath names the test's folder on the command line, so TestTemp's watchdog finds the
            // process if the test host dies before it can stop it
            var probe = Directory.CreateDirectory(Path.Combine(dir, "probe")).FullName;
            var info = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "exec", "--additionalprobingpath", probe + "/", Path.Combine(AppContext.BaseDirectory, "roster.dll") },
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["ROSTER_BASE_URL"] = baseUrl + "/v2";
            info.Environment["ZOOM_ACCOUNT_ID"] = RosterApp.AccountId;
            info.Environment["ZOOM_CLIENT_ID"] = RosterApp.ClientId;
            info.Environment["ZOOM_CLIENT_SECRET"] = RosterApp.ClientSecret;
            info.Environment["ZOOM_WEBHOOK_SECRET_TOKEN"] = secret;
            info.Environment["ROSTER_PROFILES"] = Path.Combine(dir, "profiles.json");
            var cli = new CliProcess { Process = Process.Start(info)! };
            cli.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) cli.Out.Enqueue(e.Data); };
            cli.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) cli.Err.Enqueue(e.Data); };
            cli.Process.BeginOutputReadLine();
            cli.Process.BeginErrorReadLine();
            return cli;
        }

        /// <summary>Sends SIGINT (Ctrl+C) and waits (bounded) for the end; the exit code.</summary>
        public async Task<int> InterruptAsync()
        {
            using (var kill = Process.Start("kill", ["-INT", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }
            await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return Process.ExitCode;
        }

        public string Log => string.Join('\n', Out.Concat(Err));

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
        }
    }

    /// <summary>Polls (bounded, 60 s) until <paramref name="probe"/> gives a value; fails with the CLI's output if it ends or time runs out.</summary>
    static async Task<T> Until<T>(Func<Task<T?>> probe, CliProcess cli) where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } v) return v;
            if (cli.Process.HasExited) throw new Xunit.Sdk.XunitException($"roster ended ({cli.Process.ExitCode}): {cli.Log}");
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("gave up waiting: " + cli.Log);
    }

    static async Task<JsonArray> Subscriptions(HttpClient api)
        => (await api.GetFromJsonAsync<JsonObject>($"/v2/marketplace/app/event_subscription?user_id=me&account_id={RosterApp.AccountId}"))!["event_subscriptions"]!.AsArray();

    static string Secret(string dataDir)
        => JsonNode.Parse(File.ReadAllText(Directory.GetFiles(dataDir, "credentials*.json").Single()))!["webhook_secret_token"]!.GetValue<string>();

    static async Task<string> CreateUser(HttpClient api, string email)
    {
        using var created = await api.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type = 1 } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>A real server in a folder of its own, its app's webhook secret token and an API client; all stopped and deleted after.</summary>
    static async Task WithServer(string name, Func<string, ServerProcess, string, HttpClient, Task> test)
    {
        var dir = TestTemp.NewFolder(name);
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            using var api = await ServerProcess.ClientAsync(server.BaseUrl);
            await test(dir, server, Secret(Path.Combine(dir, "data")), api);
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public Task ListenSubscribesVerifiesPrintsForwardsResignedAndCtrlCDeletesItsSubscription() => WithServer("roster-cli-listen", async (dir, server, secret, api) =>
    {
        await using var app = await WebhookReceiver.StartAsync(secret); // the developer's app, verifying with the app's secret token
        await using var cli = CliProcess.Start(dir, server.BaseUrl, secret, "webhooks", "listen", "--event", "user.created", "--forward-to", app.Url);

        var subscription = await Until(async () => (await Subscriptions(api)).SingleOrDefault()?.AsObject(), cli);
        var listenUrl = new Uri(subscription["event_webhook_url"]!.GetValue<string>());
        Assert.True(listenUrl.IsLoopback, listenUrl.ToString());
        Assert.Equal(["user.created"], subscription["events"]!.AsArray().Select(e => e!.GetValue<string>()));

        // a request that is not signed with the secret token: refused, not printed, not forwarded
        using (var forged = new HttpRequestMessage(HttpMethod.Post, listenUrl) { Content = new StringContent("""{"event":"user.created","event_ts":1,"payload":{}}""", Encoding.UTF8, "application/json") })
        {
            forged.Headers.Add("x-zm-request-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            forged.Headers.Add("x-zm-signature", "v0=" + new string('0', 64));
            using var plain = new HttpClient();
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await plain.SendAsync(forged)).StatusCode);
        }

        var id = await CreateUser(api, "heard@example.com");
        var forwarded = Assert.Single(await app.AtLeast(1));
        Assert.Equal("user.created", forwarded.Event);
        Assert.True(forwarded.SignatureValid); // re-signed with the app's secret token: the app verifies it unchanged
        Assert.True(forwarded.Canonical);      // the bytes Roster sent, not a re-serialisation
        Assert.Equal(id, forwarded.Body["payload"]!["object"]!["id"]!.GetValue<string>());

        // one line per event: time, event, user id, e-mail, the app's status
        var line = await Until(() => Task.FromResult(cli.Out.Select(l => l.Split('\t')).FirstOrDefault(c => c.Length > 1 && c[1] == "user.created")), cli);
        Assert.Equal(5, line.Length);
        Assert.Equal((id, "heard@example.com", "200"), (line[2], line[3], line[4]));
        Assert.True(DateTimeOffset.TryParse(line[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), line[0]);
        await Until(() => Task.FromResult(cli.Err.FirstOrDefault(l => l.StartsWith("Refused a request", StringComparison.Ordinal))), cli);
        Assert.DoesNotContain(secret, cli.Log);

        Assert.Equal(0, await cli.InterruptAsync());
        Assert.Empty(await Subscriptions(api));
        Assert.Single(app.Events); // the forged request never reached the app
    });

    [Fact]
    public Task ListenUsesASubscriptionThatAlreadyPointsAtItsPortAndLeavesIt() => WithServer("roster-cli-listen-reuse", async (dir, server, secret, api) =>
    {
        var port = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // a listener that died without cleaning up (kill -9) leaves its subscription behind
        string left;
        await using (var first = CliProcess.Start(dir, server.BaseUrl, secret, "webhooks", "listen", "--port", port, "--event", "user.deleted"))
        {
            left = (await Until(async () => (await Subscriptions(api)).SingleOrDefault()?.AsObject(), first))["event_subscription_id"]!.GetValue<string>();
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        // the next one on that port uses it (no second subscription), prints whole events with --json, and leaves it at exit
        await using var second = CliProcess.Start(dir, server.BaseUrl, secret, "webhooks", "listen", "--port", port, "--json");
        await Until(() => Task.FromResult(second.Err.FirstOrDefault(l => l.StartsWith("Ready:", StringComparison.Ordinal))), second);
        Assert.Equal(left, (await Subscriptions(api)).Single()!["event_subscription_id"]!.GetValue<string>());
        var id = await CreateUser(api, "leaving@example.com");
        using (await api.DeleteAsync($"/v2/users/{id}?action=delete")) { }
        var printed = await Until(() => Task.FromResult(second.Out.FirstOrDefault()), second);
        var body = JsonNode.Parse(printed)!;
        Assert.Equal(("user.deleted", id), (body["event"]!.GetValue<string>(), body["payload"]!["object"]!["id"]!.GetValue<string>()));

        Assert.Equal(0, await second.InterruptAsync());
        Assert.Equal(left, (await Subscriptions(api)).Single()!["event_subscription_id"]!.GetValue<string>());
    });
}
